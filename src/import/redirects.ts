/**
 * Redirects from the old e-paper's URLs to the new ones, kept in `<content>/_redirects`
 * (Netlify / Cloudflare Pages format: `from to status`, one a line). Paths are from the site's
 * root; the build prefixes the site's base path and publishes the file at the output's root.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { basePath, type SiteSettings } from "../site/settings.ts";

export const REDIRECTS_FILE = "_redirects";

export interface Redirect {
  /** Old path without a leading slash: html/2020-06/05/node_2.htm */
  readonly from: string;
  /** New site path without a leading slash: 2020-06-05/01/ */
  readonly to: string;
}

export function parseRedirects(text: string): Redirect[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"))
    .map((line) => line.split(/\s+/))
    .filter((parts) => parts.length >= 2)
    .map(([from, to]) => ({ from: from!.replace(/^\//, ""), to: to!.replace(/^\//, "") }));
}

export function formatRedirects(redirects: readonly Redirect[], basePath = "/"): string {
  const lines = redirects.map((redirect) => `${basePath}${redirect.from} ${basePath}${redirect.to} 301`);
  return `# Old e-paper URLs → new ones (written by npm run import)\n${lines.join("\n")}\n`;
}

/** Adds redirects to the content folder's file; a path already redirected is updated, never listed twice. */
export async function mergeRedirects(contentRoot: string, added: readonly Redirect[]): Promise<number> {
  const file = path.join(contentRoot, REDIRECTS_FILE);
  const existing = parseRedirects(await readFile(file, "utf8").catch(() => ""));
  const byFrom = new Map(existing.map((redirect) => [redirect.from, redirect]));
  for (const redirect of added) byFrom.set(redirect.from, redirect);
  const all = [...byFrom.values()].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  await writeFile(file, formatRedirects(all));
  return all.length;
}

/** Publishes `<content>/_redirects` at the output's root under the site's base path; nothing when there is none. */
export async function publishRedirects(contentRoot: string, outputDir: string, site: SiteSettings): Promise<void> {
  const text = await readRedirectsText(contentRoot);
  if (text === undefined) return;
  await writeFile(path.join(outputDir, REDIRECTS_FILE), formatRedirects(parseRedirects(text), basePath(site)));
}

/** The content folder's redirects as written, for telling whether they changed. */
export function readRedirectsText(contentRoot: string): Promise<string | undefined> {
  return readFile(path.join(contentRoot, REDIRECTS_FILE), "utf8").catch(() => undefined);
}
