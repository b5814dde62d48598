/**
 * Per-edition or site-wide: how the build knows which templates to re-render.
 *
 * A template in layouts/ is PER-EDITION when it paginates over one of EDITION_LISTS (the editions,
 * pages or articles being rendered): its output lives under `YYYY-MM-DD/` and depends only on that
 * edition, so it is rendered once per edition and reused until that edition's content changes.
 * Every other template (home, archive, 404, assets, feeds, JSON indexes, …) is SITE-WIDE: it is
 * rendered in one small run whenever any edition is added, changed or removed, and sees
 * `broadsheet.editionIndex` (every edition, light) and `broadsheet.archive.editions` (only the
 * most recent editions in full). A new template needs no registration: its pagination says which.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { importTemplate } from "./import-template.ts";
import type { RenderScope } from "./site-data.ts";

export const EDITION_LISTS = ["broadsheet.archive.editions", "broadsheet.pages", "broadsheet.articles", "broadsheet.editionFiles"] as const;

export type TemplateScope = "edition" | "site";

export function scopeOfTemplate(module: { data?: unknown }): TemplateScope {
  const data = (typeof module.data === "function" ? undefined : module.data) as { pagination?: { data?: string } } | undefined;
  const list = data?.pagination?.data;
  return list !== undefined && (EDITION_LISTS as readonly string[]).includes(list) ? "edition" : "site";
}

/** Template files in `layoutsDir` that a run of `scope` must not render. */
export async function templatesOutsideScope(layoutsDir: string, scope: RenderScope): Promise<string[]> {
  if (scope === "all") return [];
  const files = readdirSync(layoutsDir).filter((name) => name.endsWith(".11ty.ts")).sort();
  const outside: string[] = [];
  for (const name of files) {
    const file = path.join(layoutsDir, name);
    const module = await importTemplate(file);
    if (scopeOfTemplate(module) !== scope) outside.push(file);
  }
  return outside;
}
