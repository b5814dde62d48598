/**
 * Reads the content folder: one folder per edition (YYYY-MM-DD, anywhere under the content root),
 * holding one Markdown file per article, optional `edition.yaml` and `page-NN.yaml`, and the
 * images the articles use. Nothing is interpreted here beyond splitting front-matter.
 */
import { readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import path from "node:path";
import { EDITION_FOLDER } from "./edition-folder.ts";
import { parseMarkdownFile, parseYaml, type ParsedMarkdown, type ParsedYaml } from "./front-matter.ts";
import type { Problem } from "../validate/problem.ts";

export interface ArticleSource extends ParsedMarkdown {
  /** Project-relative path, forward slashes. */
  readonly file: string;
  readonly absolutePath: string;
  /** The file name without `.md`: the default slug. */
  readonly stem: string;
}

export interface YamlSource extends ParsedYaml {
  readonly file: string;
}

export interface PageSource extends YamlSource {
  /** The page number in the file name (page-01.yaml → 1). */
  readonly number: number;
}

export interface EditionSource {
  /** The folder name, YYYY-MM-DD. */
  readonly date: string;
  readonly dir: string;
  /** Project-relative folder path. */
  readonly folder: string;
  readonly articles: readonly ArticleSource[];
  readonly pages: readonly PageSource[];
  readonly edition?: YamlSource;
  /** Names of every other file in the folder (images and the like). */
  readonly files: ReadonlySet<string>;
}

export interface ContentSource {
  readonly root: string;
  readonly editions: readonly EditionSource[];
}

const PAGE_FILE = /^page-(\d{1,3})\.ya?ml$/;

/** Project-relative display path with forward slashes. */
export function displayPath(absolutePath: string, cwd = process.cwd()): string {
  return path.relative(cwd, absolutePath).split(path.sep).join("/");
}

export async function findEditionFolders(dir: string, found: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isDirectory() || entry.name.startsWith(".") || entry.name.startsWith("_")) continue;
    const full = path.join(dir, entry.name);
    if (EDITION_FOLDER.test(entry.name)) found.push(full);
    else await findEditionFolders(full, found);
  }
}

const isText = (name: string) => name.endsWith(".md") || name === "edition.yaml" || name === "edition.yml" || PAGE_FILE.test(name);

/** Reads one edition folder. */
export async function readEdition(dir: string, problems: Problem[]): Promise<EditionSource> {
  const entries = (await readdir(dir, { withFileTypes: true }))
    .filter((entry) => entry.isFile() && !entry.name.startsWith("."))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  // Small files from the page cache: a synchronous read is several times cheaper than the four
  // thread-pool round trips of an async readFile (a year of content: about 0.4 s saved).
  const texts = entries.map((entry) => (isText(entry.name) ? readFileSync(path.join(dir, entry.name), "utf8") : undefined));
  const articles: ArticleSource[] = [];
  const pages: PageSource[] = [];
  const files = new Set<string>();
  let edition: YamlSource | undefined;
  // The folder's display path once, not path.relative for every file.
  const folder = displayPath(dir);
  entries.forEach((entry, index) => {
    const absolutePath = path.join(dir, entry.name);
    const file = folder ? `${folder}/${entry.name}` : entry.name;
    const text = texts[index];
    if (text === undefined) {
      files.add(entry.name);
    } else if (entry.name.endsWith(".md")) {
      articles.push({ ...parseMarkdownFile(text, file, problems), file, absolutePath, stem: entry.name.slice(0, -3) });
    } else if (PAGE_FILE.test(entry.name)) {
      const number = Number(PAGE_FILE.exec(entry.name)?.[1]);
      pages.push({ ...parseYaml(text, file, 1, problems), file, number });
    } else {
      edition = { ...parseYaml(text, file, 1, problems), file };
    }
  });
  const date = path.basename(dir);
  return { date, dir, folder, articles, pages, edition, files };
}

/** Reads every edition under `root`. File-level problems (YAML syntax, front-matter shape) are pushed. */
export async function readContent(root: string, problems: Problem[]): Promise<ContentSource> {
  const folders: string[] = [];
  await findEditionFolders(root, folders);
  folders.sort((a, b) => (path.basename(a) < path.basename(b) ? -1 : 1));
  // A few editions at a time keeps the disk busy without opening thousands of files at once.
  const editions: EditionSource[] = [];
  for (let index = 0; index < folders.length; index += 8) {
    editions.push(...(await Promise.all(folders.slice(index, index + 8).map((folder) => readEdition(folder, problems)))));
  }
  return { root, editions };
}
