/** Writes imported articles into the edition's folder; never overwrites an editor's file unless asked. */
import { access, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { toMarkdown, type ImportedArticle } from "./imported.ts";

export interface WriteResult {
  readonly written: string[];
  readonly skipped: string[];
}

const exists = (file: string) => access(file).then(() => true, () => false);

export async function writeArticles(contentRoot: string, date: string, articles: readonly ImportedArticle[], options: { force?: boolean; pageName?: string; page?: number } = {}): Promise<WriteResult> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`expected the edition's date as YYYY-MM-DD, found "${date}"`);
  const folder = path.join(contentRoot, date);
  await mkdir(folder, { recursive: true });
  const written: string[] = [];
  const skipped: string[] = [];
  for (const article of articles) {
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(article.slug)) throw new Error(`refusing to write an article with slug "${article.slug}"`);
    const file = path.join(folder, `${article.slug}.md`);
    if (!options.force && (await exists(file))) {
      skipped.push(file);
      continue;
    }
    await writeFile(file, toMarkdown(article));
    written.push(file);
  }
  if (options.pageName && options.page) {
    const pageFile = path.join(folder, `page-${String(options.page).padStart(2, "0")}.yaml`);
    if (options.force || !(await exists(pageFile))) {
      await writeFile(pageFile, `name: ${options.pageName}\n`);
      written.push(pageFile);
    }
  }
  return { written, skipped };
}
