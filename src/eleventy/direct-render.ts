/**
 * The build's renderer for "plain" templates: a template in layouts/ that exports a `data` object
 * (optional `pagination` over a SiteData list with size 1 and alias `entry`, and a `permalink`)
 * and a `render(data)` function that uses nothing from Eleventy. Every template of this project
 * is plain; for them Eleventy adds only bookkeeping. Measured on 200 generated editions
 * (4,631 articles): one Eleventy run 2.2 s, Eleventy in runs of 25 editions about 2.9 s, these
 * calls 1.45 s for the same bytes; Eleventy's import alone costs 0.3–2.5 s a process.
 * A run whose templates are not all plain (a data function, eleventyComputed, a layout, a render
 * that reads `this`) goes through Eleventy instead, so any Eleventy template still works.
 * The live preview (`npm start`) always uses Eleventy.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describeFile, type OutputFile } from "../publish/output-manifest.ts";
import { runEleventy } from "./run-eleventy.ts";
import type { RenderScope, SiteData } from "./site-data.ts";
import { scopeOfTemplate } from "./template-scope.ts";

type Data = { readonly broadsheet: SiteData; readonly entry?: unknown };

interface PlainTemplate {
  readonly file: string;
  readonly list?: string;
  readonly permalink: string | false | ((data: Data) => string | false);
  readonly render: (data: Data) => string;
}

function asPlain(file: string, module: Record<string, unknown>): PlainTemplate | undefined {
  const data = module.data as Record<string, unknown> | undefined;
  const render = module.render;
  if (typeof render !== "function" || typeof data !== "object" || data === null) return undefined;
  if (/\bthis\b/.test(Function.prototype.toString.call(render))) return undefined;
  const known = new Set(["pagination", "permalink", "eleventyExcludeFromCollections"]);
  if (Object.keys(data).some((key) => !known.has(key))) return undefined;
  const pagination = data.pagination as { data?: unknown; size?: unknown; alias?: unknown } | undefined;
  if (pagination && (typeof pagination.data !== "string" || pagination.size !== 1 || pagination.alias !== "entry")) return undefined;
  const permalink = data.permalink;
  if (typeof permalink !== "string" && typeof permalink !== "function" && permalink !== false) return undefined;
  return { file, list: pagination?.data as string | undefined, permalink: permalink as PlainTemplate["permalink"], render: render as PlainTemplate["render"] };
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
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    if (scope !== "all" && scopeOfTemplate(module) !== scope) continue;
    const plain = asPlain(file, module);
    if (plain) templates.push(plain);
    else allPlain = false;
  }
  const result = allPlain ? templates : undefined;
  templateCache.set(key, result);
  return result;
}

function listAt(data: Data, dotted: string): readonly unknown[] {
  let value: unknown = data;
  for (const part of dotted.split(".")) value = (value as Record<string, unknown> | undefined)?.[part];
  if (!Array.isArray(value)) throw new Error(`pagination data "${dotted}" is not a list`);
  return value;
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
    const entries = template.list ? listAt({ broadsheet: data }, template.list) : [undefined];
    for (const entry of entries) {
      const itemData: Data = template.list ? { broadsheet: data, entry } : { broadsheet: data };
      const link = typeof template.permalink === "function" ? template.permalink(itemData) : template.permalink;
      if (link === false) continue;
      const relative = link.endsWith("/") ? `${link}index.html` : link;
      // Eleventy refuses two templates writing one file; so do we.
      const other = written.get(relative);
      if (other) throw new Error(`${path.basename(template.file)} and ${path.basename(other)} both write ${relative}`);
      written.set(relative, template.file);
      const target = path.join(outputDir, relative);
      const dir = path.dirname(target);
      // Synchronous on purpose: thousands of small files, one at a time, without a trip through
      // the thread pool for each (measured: a third less time in open/mkdir).
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      const html = template.render(itemData);
      writeFileSync(target, html);
      files.push(describeFile(relative, html));
    }
  }
  return files;
}
