/**
 * What `npm run check` finds in one edition folder read on its own, in the form it is kept in
 * (src/proofread/incremental-check.ts): in the check's process, or in a worker of it
 * (check-worker.ts).
 */
import { readEdition, type ContentSource } from "../content/read-content.ts";
import { layoutProblems } from "../layout/check-layout.ts";
import { buildModel } from "../model/build-model.ts";
import type { SiteSettings } from "../site/settings.ts";
import { hasErrors, type Problem } from "../validate/problem.ts";
import type { Finding } from "./finding.ts";
import { proofreadPart } from "./proofread.ts";
import { duplicateHeadlines, storyTexts, type StoryText } from "./rules/duplicate-story.ts";

/** What the check finds in one edition. */
export interface EditionCheck {
  readonly key: string;
  readonly articles: number;
  /** Reading and modelling it, in the order they were found. */
  readonly problems: readonly Problem[];
  /** Overflowing stories: reported only when the whole check finds no error (as load-archive.ts does). */
  readonly layout: readonly Problem[];
  /** The proofreader's rules that read one article, one page or one edition. */
  readonly findings: readonly Finding[];
  /** Its articles as the archive-wide rule (the same text twice) compares them, in file order (packTexts). */
  readonly texts: PackedTexts;
}

/**
 * An edition's texts as one string: each article's file name (its folder is the edition's), text
 * key (base64url) and line, separated by "/", which none of them holds. The archive-wide rule needs
 * every article's: as objects, the 100,000 of a ten-year archive were 9 of the 14 MB kept.
 */
export interface PackedTexts {
  readonly folder: string;
  readonly packed: string;
}

function packTexts(folder: string, texts: readonly StoryText[]): PackedTexts {
  const prefix = folder ? `${folder}/` : "";
  return { folder, packed: texts.map((text) => `${text.file.slice(prefix.length)}/${text.textKey}/${text.line}`).join("/") };
}

/** Checks one edition folder on its own. */
export async function checkEdition(contentRoot: string, dir: string, site: SiteSettings, key: string): Promise<EditionCheck> {
  const problems: Problem[] = [];
  const source = await readEdition(dir, problems);
  const content: ContentSource = { root: contentRoot, editions: [source] };
  const archive = buildModel(content, site, problems);
  // An edition with errors is not laid out (its model may be incomplete); the check then reports no overflow anywhere.
  const layout = hasErrors(problems) ? [] : layoutProblems(archive);
  const { findings, duplicates } = proofreadPart(content, archive);
  return { key, articles: source.articles.length, problems, layout, findings: [...findings, ...duplicateHeadlines(duplicates)], texts: packTexts(source.folder, storyTexts(duplicates)) };
}

/** An edition folder to check, with the key its findings are kept under. */
export interface EditionToCheck {
  readonly dir: string;
  readonly key: string;
}

/** Checks editions one after the other (a batch of the check's queue). */
export async function checkBatch(contentRoot: string, site: SiteSettings, batch: readonly EditionToCheck[]): Promise<EditionCheck[]> {
  const checked: EditionCheck[] = [];
  for (const edition of batch) checked.push(await checkEdition(contentRoot, edition.dir, site, edition.key));
  return checked;
}
