/**
 * Internal link check for a built site: every href/src/srcset/action in every HTML file must
 * resolve to a file in the output (folder URLs to their index.html). A small checker instead of
 * linkinator: it needs no server, reads files straight from disk (every page of a large archive in
 * seconds) and knows the site's rule that internal links are relative; absolute links are external.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";

export interface BrokenLink {
  readonly file: string;
  readonly url: string;
}

const ATTRIBUTE = /\s(href|src|srcset|action|data-engine|data-segment|data-api|data-root)="([^"]*)"/g;
/** The search page names its index folder and the bundles in it: each must have its Pagefind entry. */
const SEARCH_BUNDLES = /\sdata-index="([^"]*)" data-bundles="([^"]*)"/g;

function decodeEntities(text: string): string {
  return text.replace(/&amp;/g, "&").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
}

/** The relative URLs a page points to (external, mailto:, data: and fragment-only links are skipped). */
export function internalUrls(htmlText: string): string[] {
  const urls: string[] = [];
  for (const match of htmlText.matchAll(ATTRIBUTE)) {
    const value = decodeEntities(match[2]!);
    const candidates = match[1] === "srcset" ? value.split(",").map((part) => part.trim().split(/\s+/)[0]!) : [value];
    for (const url of candidates) {
      if (!url || url.startsWith("#") || /^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith("//")) continue;
      urls.push(url);
    }
  }
  for (const match of htmlText.matchAll(SEARCH_BUNDLES)) {
    for (const name of match[2]!.split(" ").filter(Boolean)) urls.push(`${decodeEntities(match[1]!)}${name}/pagefind-entry.json`, `${decodeEntities(match[1]!)}${name}/pagefind.js`);
  }
  return urls;
}

/** Broken internal links of the HTML files (paths relative to `root`). */
export async function brokenLinks(root: string, htmlFiles: readonly string[], existing: ReadonlySet<string>): Promise<BrokenLink[]> {
  const broken: BrokenLink[] = [];
  for (const file of htmlFiles) {
    const text = await readFile(path.join(root, file), "utf8");
    const from = path.posix.dirname(file.split(path.sep).join("/"));
    for (const url of internalUrls(text)) {
      const clean = decodeURIComponent(url.replace(/[?#].*$/, ""));
      let target = path.posix.normalize(path.posix.join(from, clean));
      if (target.startsWith("..")) {
        broken.push({ file, url });
        continue;
      }
      if (clean.endsWith("/") || clean === "" || clean === ".") target = path.posix.join(target, "index.html");
      if (!existing.has(target)) broken.push({ file, url });
    }
  }
  return broken;
}
