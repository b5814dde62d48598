/**
 * What an article says about itself to machines, in <head>: schema.org NewsArticle as JSON-LD
 * (with the print fields: printEdition, printPage, printSection, printColumn, dateline), Open
 * Graph and Twitter tags for sharing, and Highwire citation_* tags for reference managers.
 * JSON-LD is data, not script: a CSP without 'unsafe-inline' allows it.
 */
import { pageGeometry } from "../api/box-geometry.ts";
import type { Article, Edition, Page } from "../model/types.ts";
import type { ViewContext } from "../render/context.ts";
import { html, trusted, type Html } from "../render/html.ts";
import { issueText, pageTitle } from "../render/masthead.ts";
import { imagePath } from "../render/story.ts";
import { modifiedIso } from "../time/paper-date.ts";
import { shareImageTags } from "./share-image.ts";

/** JSON for a <script> element: "<" escaped so no text can close the element early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}

export function articleDescription(article: Article): string {
  return article.bodyHtml.replace(/<[^>]+>/g, "").replace(/&[a-z#0-9]+;/gi, "").replace(/\s+/g, "").slice(0, 110);
}

/** The column (栏) the story's box starts in, counted from the left as printed. */
export function printColumn(context: ViewContext, page: Page, article: Article): number | undefined {
  return pageGeometry(page, context.site.format).find((box) => box.slug === article.slug)?.column;
}

export function newsArticleData(context: ViewContext, edition: Edition, page: Page, article: Article) {
  const site = context.site;
  const url = context.absolute(article.path);
  // The published JPEG of each photo (the image stage's), else the source as copied.
  const images = article.images.map((image) => context.absolute(context.images?.photos.get(image.file)?.fallback.path ?? imagePath(edition, image)));
  const column = printColumn(context, page, article);
  const paper = { "@type": "NewsMediaOrganization", name: site.name, url: context.absolute("") };
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "@id": `${url}#article`,
    mainEntityOfPage: url,
    url,
    headline: article.title,
    ...(article.subtitle ? { alternativeHeadline: article.subtitle.replace(/^——/, "") } : {}),
    description: articleDescription(article),
    inLanguage: site.locale,
    datePublished: edition.dateTime,
    dateModified: modifiedIso(article, edition, site.timeZone),
    author: article.byline.length ? article.byline.map((name) => ({ "@type": "Person", name })) : [paper],
    publisher: paper,
    ...(images.length ? { image: images } : {}),
    articleSection: article.section,
    printEdition: edition.issueNumber !== undefined ? `${edition.dateText} ${issueText(edition)}` : edition.dateText,
    printPage: page.label,
    printSection: page.name,
    ...(column !== undefined ? { printColumn: String(column) } : {}),
    ...(article.dateline ? { dateline: article.dateline } : {}),
    isPartOf: {
      "@type": "PublicationIssue",
      datePublished: edition.date,
      ...(edition.issueNumber !== undefined ? { issueNumber: String(edition.issueNumber) } : {}),
      url: context.absolute(edition.path),
      isPartOf: { "@type": ["Periodical", "Newspaper"], name: site.name, publisher: paper },
    },
  };
}

export function articleHead(context: ViewContext, edition: Edition, page: Page, article: Article): Html {
  const site = context.site;
  const url = context.absolute(article.path);
  const description = articleDescription(article);
  const card = context.images?.shareCards.get(article.path);
  return html`<script type="application/ld+json">${trusted(jsonForScript(newsArticleData(context, edition, page, article)))}</script>
<meta property="og:type" content="article">
<meta property="og:site_name" content="${site.name}">
<meta property="og:locale" content="zh_CN">
<meta property="og:title" content="${article.title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${url}">
${shareImageTags(context, card, article.title)}
<meta property="article:published_time" content="${edition.dateTime}">
<meta property="article:section" content="${article.section}">
${article.byline.map((name) => html`<meta property="article:author" content="${name}">`)}
<meta name="twitter:card" content="${card ? "summary_large_image" : "summary"}">
<meta name="twitter:title" content="${article.title}">
<meta name="twitter:description" content="${description}">
<meta name="citation_title" content="${article.title}">
${article.byline.map((name) => html`<meta name="citation_author" content="${name}">`)}
<meta name="citation_publication_date" content="${edition.date.replace(/-/g, "/")}">
<meta name="citation_date" content="${edition.date.replace(/-/g, "/")}">
<meta name="citation_journal_title" content="${site.name}">
<meta name="citation_publisher" content="${site.publisher.sponsor}">
${edition.issueNumber !== undefined ? html`<meta name="citation_issue" content="${edition.issueNumber}">` : ""}
<meta name="citation_firstpage" content="${page.number}">
<meta name="citation_language" content="zh">
<meta name="citation_fulltext_html_url" content="${url}">
<link rel="alternate" type="application/atom+xml" title="${`${site.name} ${edition.dateText}`}" href="${context.url(`${edition.path}feed.xml`)}">`;
}
