/**
 * What the search index holds, as a pure function of the model: one record per article with its
 * full text, what a result shows (headline, date, 第N版) and what it can be filtered and sorted by.
 * Records are given to Pagefind directly (no HTML is re-read), so indexing one edition needs only
 * that edition's model.
 */
import type { Archive, Article, Edition, Page } from "../model/types.ts";
import { pageTitle } from "../render/masthead.ts";
import { segmentForIndex } from "./segment.ts";

export const SEARCH_LANGUAGE = "zh-cn";

export interface SearchRecord {
  /** Site path of the article, relative to the site root ("2020-06-05/01/slug/"): the site may live under any sub-path. */
  readonly url: string;
  readonly content: string;
  readonly language: string;
  readonly meta: Record<string, string>;
  readonly filters: Record<string, string[]>;
  readonly sort: Record<string, string>;
}

// Roles and credits printed around names in a byline: readers search for the name.
const NOT_A_NAME = /^(本报记者|记者|本报通讯员|通讯员|实习生|特约记者|摄影|文|图|摄|文\/摄|图\/文|文\/图|图文)$/;

/** "本报记者 张三 通讯员 李四" → ["张三", "李四"]; "宗丽华 文/摄" → ["宗丽华"]. */
export function bylineNames(entry: string): string[] {
  return entry.split(/[\s、，,]+/u).filter((word) => word && !NOT_A_NAME.test(word));
}

function plainText(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}

/** Newest edition first; within a day, page 1 before page 2 and stories in print order. */
export function sortKey(edition: Edition, page: Page, article: Article): string {
  const inverse = (value: number) => String(9999 - Math.min(9999, Math.max(0, Math.round(value)))).padStart(4, "0");
  return `${edition.date}:${inverse(page.number)}:${inverse(article.order)}`;
}

export function articleRecord(edition: Edition, page: Page, article: Article): SearchRecord {
  const text = [
    article.kicker,
    article.title,
    article.subtitle,
    article.dateline,
    plainText(article.bodyHtml),
    ...article.images.map((image) => `${image.caption} ${image.credit ?? ""}`),
    article.byline.join(" "),
  ]
    .filter(Boolean)
    .join("\n");
  const names = [...new Set(article.byline.flatMap(bylineNames))];
  return {
    url: article.path,
    content: segmentForIndex(text),
    language: SEARCH_LANGUAGE,
    meta: {
      title: article.title,
      date: edition.date,
      dateText: edition.dateText,
      page: pageTitle(page),
      pageNumber: String(page.number),
      section: article.section,
      ...(article.byline.length ? { byline: article.byline.join(" ") } : {}),
    },
    filters: {
      section: [article.section],
      page: [`第${page.label}版`],
      ...(names.length ? { byline: names } : {}),
      date: [edition.date],
    },
    sort: { date: sortKey(edition, page, article) },
  };
}

export function editionRecords(edition: Edition): SearchRecord[] {
  return edition.pages.flatMap((page) => page.articles.map((article) => articleRecord(edition, page, article)));
}

export function archiveRecords(archive: Archive): SearchRecord[] {
  return archive.editions.flatMap(editionRecords);
}
