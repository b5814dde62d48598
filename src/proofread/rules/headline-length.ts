/**
 * headline-length: a headline longer than its box can hold. The box is as wide as the story's span
 * on the page grid (placePage); a column holds BODY_CHARS_PER_COLUMN characters of body type, and
 * a headline set HEADLINE_SCALE times larger holds proportionally fewer, on at most HEADLINE_LINES.
 * No fix: only an editor can shorten a headline.
 */
import type { Article, Page, StoryType } from "../../model/types.ts";
import { placePage } from "../../layout/place-page.ts";
import type { PageFormat } from "../../site/settings.ts";
import { printWidth } from "../chinese.ts";
import type { Finding } from "../finding.ts";

export const RULE = "headline-length";

/** Characters of body type (五号, about 10.5 pt) on one line of one column. */
export const BODY_CHARS_PER_COLUMN: Record<PageFormat["kind"], number> = { broadsheet: 12, tabloid: 11 };
/** Headline size in multiples of body size, by story type. */
export const HEADLINE_SCALE: Record<StoryType, number> = { lead: 3, news: 2, photo: 2, brief: 1.5, notice: 1.5, comment: 1.5 };
export const HEADLINE_LINES = 2;

export function headlineCapacity(span: number, type: StoryType, format: PageFormat): number {
  return Math.floor((span * BODY_CHARS_PER_COLUMN[format.kind]) / HEADLINE_SCALE[type]) * HEADLINE_LINES;
}

export function headlineLength(page: Page, format: PageFormat, positionOf: (article: Article) => { line: number; column: number }): Finding[] {
  const findings: Finding[] = [];
  const spans = new Map(placePage(page, format).map((placement) => [placement.slug, placement.span]));
  for (const article of page.articles) {
    const span = spans.get(article.slug);
    if (span === undefined) continue;
    const capacity = headlineCapacity(span, article.type, format);
    const width = printWidth(article.title);
    if (width <= capacity) continue;
    findings.push({
      rule: RULE,
      severity: "warning",
      file: article.sourceFile,
      ...positionOf(article),
      message: `headline is ${width} characters wide; its ${span}-column ${article.type} box holds ${capacity} (${HEADLINE_LINES} lines): shorten it, or move words to kicker:/subtitle:`,
    });
  }
  return findings;
}
