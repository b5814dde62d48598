/**
 * The build's renderer for "plain" templates: a template in layouts/ that exports a `data` object
 * (optional `pagination` over a SiteData list with size 1 and alias `entry`, and a `permalink`)
 * and a `render(data)` function that uses nothing from Eleventy. Every template of this project
 * is plain; for them Eleventy adds only bookkeeping. Measured on 200 generated editions
 * (4,631 articles): one Eleventy run 2.2 s, Eleventy in runs of 25 editions about 2.9 s, these
 * calls 1.45 s for the same bytes; Eleventy's import alone costs 0.3–2.5 s a process.
 * A run whose templates are not all plain (a data function, eleventyComputed, a layout, a render
 * that reads `this`) goes through Eleventy instead, so any Eleventy template still works.
 * The routes come from site-routes.ts, which the live preview (`npm start`) uses too.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { setImmediate } from "node:timers/promises";
import path from "node:path";
import { describeFile, type OutputFile } from "../publish/output-manifest.ts";
import { importTemplate } from "./import-template.ts";
import { runEleventy } from "./run-eleventy.ts";
import type { RenderScope, SiteData } from "./site-data.ts";
import { renderedBytes, siteRoutes, type LayoutModule } from "./site-routes.ts";
import { scopeOfTemplate } from "./template-scope.ts";


/** Whether a template module uses nothing of Eleventy's beyond pagination over one list and a permalink. */
function isPlain(module: Record<string, unknown>): boolean {
  const data = module.data as Record<string, unknown> | undefined;
  const render = module.render;
  if (typeof render !== "function" || typeof data !== "object" || data === null) return false;
  if (/\bthis\b/.test(Function.prototype.toString.call(render))) return false;
  const known = new Set(["pagination", "permalink", "eleventyExcludeFromCollections"]);
  if (Object.keys(data).some((key) => !known.has(key))) return false;
  const pagination = data.pagination as { data?: unknown; size?: unknown; alias?: unknown } | undefined;
  if (pagination && (typeof pagination.data !== "string" || pagination.size !== 1 || pagination.alias !== "entry")) return false;
  const permalink = data.permalink;
  return typeof permalink === "string" || typeof permalink === "function" || permalink === false;
}

interface PlainTemplate {
  readonly file: string;
  readonly module: LayoutModule;
}

const templateCache = new Map<string, PlainTemplate[] | undefined>();

/** The plain templates of `scope`, or undefined when one of them needs Eleventy. */
async function plainTemplates(layoutsDir: string, scope: RenderScope): Promise<PlainTemplate[] | undefined> {
  const key = `${layoutsDir}\0${scope}`;
  if (templateCache.has(key)) return templateCache.get(key);
  const templates: PlainTemplate[] = [];
  let allPlain = true;
  for (const name of (await readdir(layoutsDir)).filter((file) => file.endsWith(".11ty.ts")).sort()) {
    const file = path.join(layoutsDir, name);
    const module = await importTemplate(file);
    if (scope !== "all" && scopeOfTemplate(module) !== scope) continue;
    if (isPlain(module)) templates.push({ file, module: module as unknown as LayoutModule });
    else allPlain = false;
  }
  const result = allPlain ? templates : undefined;
  templateCache.set(key, result);
  return result;
}

/**
 * Renders the templates of `data.scope` into `outputDir`: directly when they are plain (returning
 * what was written, described for the manifest), else with Eleventy (returning undefined).
 */
export async function renderTemplates(data: SiteData, outputDir: string, projectRoot: string): Promise<OutputFile[] | undefined> {
  const templates = await plainTemplates(path.join(projectRoot, "layouts"), data.scope);
  if (!templates) {
    await runEleventy(data, outputDir, projectRoot);
    return undefined;
  }
  const files: OutputFile[] = [];
  const made = new Set<string>();
  const written = new Map<string, string>();
  for (const template of templates) {
    for (const route of siteRoutes([template.module], data)) {
      // Eleventy refuses two templates writing one file; so do we.
      const other = written.get(route.file);
      if (other) throw new Error(`${path.basename(template.file)} and ${path.basename(other)} both write ${route.file}`);
      written.set(route.file, template.file);
      const target = path.join(outputDir, route.file);
      const dir = path.dirname(target);
      // Synchronous on purpose: thousands of small files, one at a time, without a trip through
      // the thread pool for each (measured: a third less time in open/mkdir).
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      // Encoded once, for the file and for its hash.
      const bytes = renderedBytes(route);
      writeFileSync(target, bytes);
      files.push(describeFile(route.file, bytes));
      // Now and then let other work of this process move on (share cards made on libvips's
      // threads need the event loop between their steps).
      if (files.length % 8 === 0) await setImmediate();
    }
  }
  return files;
}
