/**
 * The proofreader: Chinese copy rules run over every article, on top of schema validation.
 * Rules are listed once, in the order their findings are most useful to read.
 */
import type { ArticleSource, ContentSource } from "../content/read-content.ts";
import type { Archive, Article } from "../model/types.ts";
import { ArticleText } from "./context.ts";
import { sortFindings, type Finding } from "./finding.ts";
import { brokenParagraph } from "./rules/broken-paragraph.ts";
import { bylineRequired } from "./rules/byline-required.ts";
import { datelinePosition } from "./rules/dateline-position.ts";
import { duplicateEntry, duplicateStories, type DuplicateEntry } from "./rules/duplicate-story.ts";
import { halfWidthPunctuation } from "./rules/half-width-punctuation.ts";
import { headlineLength } from "./rules/headline-length.ts";
import { mixedWidth } from "./rules/mixed-width.ts";
import { needsReview } from "./rules/needs-review.ts";
import { unbalancedBrackets } from "./rules/unbalanced-brackets.ts";

/** Rules that read one article at a time. */
export const ARTICLE_RULES: readonly [string, (text: ArticleText) => Finding[]][] = [
  ["unbalanced-brackets", unbalancedBrackets],
  ["byline-required", bylineRequired],
  ["dateline-position", datelinePosition],
  ["broken-paragraph", brokenParagraph],
  ["half-width-punctuation", halfWidthPunctuation],
  ["mixed-width", mixedWidth],
  ["needs-review", needsReview],
];

export function proofreadArticle(source: ArticleSource): Finding[] {
  const text = new ArticleText(source);
  return ARTICLE_RULES.flatMap(([, rule]) => rule(text));
}

export interface ProofreadPart {
  /** Findings of the rules that read one article or one page. */
  readonly findings: Finding[];
  /** For the rule that compares articles across the whole archive. */
  readonly duplicates: DuplicateEntry[];
}

/** Every rule but the archive-wide one, over part of the content (a worker's share). */
export function proofreadPart(content: ContentSource, archive: Archive): ProofreadPart {
  const findings: Finding[] = [];
  const duplicates: DuplicateEntry[] = [];
  const titles = new Map<string, { line: number; column: number }>();
  for (const edition of content.editions) {
    for (const source of edition.articles) {
      const text = new ArticleText(source);
      for (const [, rule] of ARTICLE_RULES) findings.push(...rule(text));
      duplicates.push(duplicateEntry(text));
      const title = source.fields.get("title");
      titles.set(source.file, { line: title?.line ?? 1, column: title?.column ?? 1 });
    }
  }
  const titlePosition = (article: Article) => titles.get(article.sourceFile) ?? { line: 1, column: 1 };
  for (const edition of archive.editions) {
    for (const page of edition.pages) findings.push(...headlineLength(page, archive.site.format, titlePosition));
  }
  return { findings, duplicates };
}

/** Every finding for the content; `archive` is the model built from it (what could be built). */
export function proofread(content: ContentSource, archive: Archive): Finding[] {
  const part = proofreadPart(content, archive);
  return sortFindings([...part.findings, ...duplicateStories(part.duplicates)]);
}
