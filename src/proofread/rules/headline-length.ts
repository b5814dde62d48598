/**
 * headline-length: a headline longer than its box can hold. The box is the one the layout engine
 * gives the story (src/layout); a line of the headline holds the box's inner width in ems divided
 * by the headline's size in body ems (the engine's own type sizes), on at most HEADLINE_LINES.
 * No fix: only an editor can shorten a headline.
 */
import { pageGeometry, type PageGeometry } from "../../layout/geometry.ts";
import { TYPE } from "../../layout/measure.ts";
import { layoutOf } from "../../layout/page-layout.ts";
import type { Article, Page, StoryType } from "../../model/types.ts";
import type { PageFormat } from "../../site/settings.ts";
import { printWidth } from "../chinese.ts";
import type { Finding } from "../finding.ts";

export const RULE = "headline-length";
export const HEADLINE_LINES = 2;

/** Characters of headline a box `columns` wide holds on HEADLINE_LINES lines. */
export function headlineCapacity(columns: number, type: StoryType, geometry: PageGeometry, lead = type === "lead"): number {
  const inner = columns * geometry.columnWidth - 2 * geometry.boxPaddingX;
  const size = lead ? TYPE.headline.lead : TYPE.headline[type];
  return Math.floor(inner / size) * HEADLINE_LINES;
}

export function headlineLength(page: Page, format: PageFormat, positionOf: (article: Article) => { line: number; column: number }): Finding[] {
  const findings: Finding[] = [];
  const geometry = pageGeometry(format);
  const bySlug = new Map(page.articles.map((article) => [article.slug, article]));
  for (const box of layoutOf(page, format).boxes) {
    const article = bySlug.get(box.slug);
    if (!article) continue;
    const capacity = headlineCapacity(box.columns, article.type, geometry, box.lead);
    const width = printWidth(article.title);
    if (width <= capacity) continue;
    findings.push({
      rule: RULE,
      severity: "warning",
      file: article.sourceFile,
      ...positionOf(article),
      message: `headline is ${width} characters wide; its ${box.columns}-column ${article.type} box holds ${capacity} (${HEADLINE_LINES} lines): shorten it, or move words to kicker:/subtitle:`,
    });
  }
  return findings;
}
