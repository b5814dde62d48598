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
import { duplicateStories } from "./rules/duplicate-story.ts";
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

/** Every finding for the content; `archive` is the model built from it (what could be built). */
export function proofread(content: ContentSource, archive: Archive): Finding[] {
  const texts: ArticleText[] = [];
  const findings: Finding[] = [];
  for (const edition of content.editions) {
    for (const source of edition.articles) {
      const text = new ArticleText(source);
      texts.push(text);
      for (const [, rule] of ARTICLE_RULES) findings.push(...rule(text));
    }
  }
  findings.push(...duplicateStories(texts));
  const sources = new Map(texts.map((text) => [text.source.file, text.source]));
  const titlePosition = (article: Article) => {
    const position = sources.get(article.sourceFile)?.fields.get("title");
    return { line: position?.line ?? 1, column: position?.column ?? 1 };
  };
  for (const edition of archive.editions) {
    for (const page of edition.pages) findings.push(...headlineLength(page, archive.site.format, titlePosition));
  }
  return sortFindings(findings);
}
