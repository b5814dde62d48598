/**
 * `npm run new`: what a new article, page or edition file holds, where it goes, and the check that
 * it is valid before it is written. Pure functions; scripts/new.ts asks the questions.
 */
import { readdir } from "node:fs/promises";
import path from "node:path";
import { EDITION_FOLDER } from "../content/edition-folder.ts";
import { parseMarkdownFile } from "../content/front-matter.ts";
import { STORY_TYPES, type StoryType } from "../model/types.ts";
import type { SiteSettings } from "../site/settings.ts";
import { readArticleFields } from "../validate/article-fields.ts";
import { formatProblem, type Problem } from "../validate/problem.ts";

export interface NewArticle {
  readonly date: string;
  readonly title: string;
  readonly section: string;
  readonly type: StoryType;
  /** Names, or empty for an unsigned story. */
  readonly byline: readonly string[];
  readonly dateline?: string;
  readonly kicker?: string;
  readonly subtitle?: string;
  readonly slug: string;
}

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The edition folder for a date: an existing one anywhere under the content root, or a new one at its top. */
export async function editionFolder(contentRoot: string, date: string): Promise<string> {
  const search = async (dir: string, depth: number): Promise<string | undefined> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith(".") || entry.name.startsWith("_")) continue;
      if (entry.name === date) return path.join(dir, entry.name);
      if (depth < 3 && !EDITION_FOLDER.test(entry.name)) {
        const found = await search(path.join(dir, entry.name), depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  };
  return (await search(contentRoot, 0)) ?? path.join(contentRoot, date);
}

/** A free slug in the folder: story-1, story-2, … */
export async function freeSlug(folder: string, base = "story"): Promise<string> {
  const names = new Set(await readdir(folder).catch(() => [] as string[]));
  for (let number = 1; ; number++) if (!names.has(`${base}-${number}.md`)) return `${base}-${number}`;
}

const yamlText = (text: string) => (/^[^-?:,[\]{}#&*!|>'"%@`\s]/.test(text) && !/: | #|:$/.test(text) && !/^(true|false|null|~|\d)/i.test(text) ? text : JSON.stringify(text));

export function articleMarkdown(article: NewArticle): string {
  const lines = [
    "---",
    article.kicker ? `kicker: ${yamlText(article.kicker)}` : undefined,
    `title: ${yamlText(article.title)}`,
    article.subtitle ? `subtitle: ${yamlText(article.subtitle)}` : undefined,
    `section: ${yamlText(article.section)}`,
    article.type === "news" ? undefined : `type: ${article.type}`,
    article.dateline ? `dateline: ${yamlText(article.dateline)}` : undefined,
    `byline: ${article.byline.length === 0 ? "false" : article.byline.length === 1 ? yamlText(article.byline[0]!) : `[${article.byline.map(yamlText).join(", ")}]`}`,
    `date: ${article.date}`,
    "---",
    "",
    "正文从这里开始。每段之间空一行。",
    "",
  ];
  return lines.filter((line) => line !== undefined).join("\n");
}

/** Problems the build would report for this new article (empty when it is valid). */
export function validateNewArticle(markdown: string, file: string, settings: SiteSettings): string[] {
  const problems: Problem[] = [];
  const parsed = parseMarkdownFile(markdown, file, problems);
  readArticleFields({ ...parsed, file, absolutePath: file, stem: path.basename(file, ".md") }, settings, problems);
  return problems.filter((problem) => problem.severity === "error").map(formatProblem);
}

export function isStoryType(value: string): value is StoryType {
  return (STORY_TYPES as readonly string[]).includes(value);
}
