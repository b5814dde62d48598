/**
 * The site's outputs without Eleventy: the templates in layouts/ are plain modules
 * (`data.pagination` over a SiteData list, `data.permalink`, `render`), so the build
 * (direct-render.ts) and the live preview call them directly — the same views, the same URLs —
 * and the preview can render one edition's pages alone.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import type { SiteData } from "../eleventy/site-data.ts";
import type { Edition } from "../model/types.ts";
import { importTemplate } from "./import-template.ts";

export interface LayoutModule {
  readonly data?: {
    readonly pagination?: { readonly data: string; readonly alias?: string };
    readonly permalink?: string | false | ((data: { broadsheet: SiteData; entry: unknown }) => string | false);
  };
  /** Text, or bytes a template put together without decoding them (api/editions.json). */
  render(data: { broadsheet: SiteData; entry?: unknown }): string | Uint8Array;
}

export interface Route {
  /** Output file, e.g. 2020-06-05/01/slug/index.html */
  readonly file: string;
  /** The edition the output belongs to (its date), or undefined for site-wide outputs. */
  readonly edition?: string;
  render(): string | Uint8Array;
}

export async function loadLayouts(projectRoot: string): Promise<LayoutModule[]> {
  const dir = path.join(projectRoot, "layouts");
  const names = readdirSync(dir).filter((name) => name.endsWith(".11ty.ts")).sort();
  return Promise.all(names.map(async (name) => (await importTemplate(path.join(dir, name))) as unknown as LayoutModule));
}

function listAt(site: SiteData, dotted: string): unknown[] {
  let value: unknown = { broadsheet: site };
  for (const key of dotted.split(".")) value = (value as Record<string, unknown> | undefined)?.[key];
  return Array.isArray(value) ? value : [];
}

function editionOf(entry: unknown): string | undefined {
  const record = entry as { edition?: Edition; pages?: unknown; date?: unknown } | undefined;
  if (record?.edition) return record.edition.date;
  if (record && Array.isArray(record.pages) && typeof record.date === "string") return record.date;
  return undefined;
}

/** A permalink ending in "/" is written as that folder's index.html, as Eleventy does. */
function outputFile(permalink: string): string {
  return permalink.endsWith("/") ? `${permalink}index.html` : permalink;
}

/** A route's output as text (bytes decoded as UTF-8). */
export function renderedText(route: Route): string {
  const rendered = route.render();
  return typeof rendered === "string" ? rendered : asBuffer(rendered).toString("utf8");
}

/** A route's output as bytes (text encoded as UTF-8; bytes as they are, not copied). */
export function renderedBytes(route: Route): Buffer {
  const rendered = route.render();
  return typeof rendered === "string" ? Buffer.from(rendered) : asBuffer(rendered);
}

const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

/**
 * Every output of the site, each rendered only when asked. `wanted` limits the table to some
 * editions' outputs (undefined: the site-wide ones) without computing the others' permalinks.
 */
export function siteRoutes(layouts: readonly LayoutModule[], site: SiteData, wanted: (edition: string | undefined) => boolean = () => true): Route[] {
  const routes: Route[] = [];
  for (const layout of layouts) {
    const permalink = layout.data?.permalink;
    const pagination = layout.data?.pagination;
    if (!pagination) {
      if (!wanted(undefined) || typeof permalink !== "string") continue;
      routes.push({ file: outputFile(permalink), render: () => layout.render({ broadsheet: site }) });
      continue;
    }
    for (const entry of listAt(site, pagination.data)) {
      const edition = editionOf(entry);
      if (!wanted(edition)) continue;
      const data = { broadsheet: site, entry };
      const link = typeof permalink === "function" ? permalink(data) : permalink;
      if (link === false || link === undefined) continue;
      routes.push({ file: outputFile(link), edition, render: () => layout.render(data) });
    }
  }
  return routes;
}
