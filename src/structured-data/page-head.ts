/**
 * <head> additions for edition and page views: sharing tags and the feeds a reader can follow
 * (autodiscovery), and the canonical page for the front page served at `/`.
 */
import type { Edition, Page } from "../model/types.ts";
import type { ViewContext } from "../render/context.ts";
import { html, type Html } from "../render/html.ts";
import { pageTitle } from "../render/masthead.ts";
import { shareImageTags } from "./share-image.ts";

export function pageHead(context: ViewContext, edition: Edition, page: Page, canonical: string): Html {
  const site = context.site;
  const title = `${site.name} ${edition.dateText} ${pageTitle(page)}`;
  // The edition's share card (masthead, date, headlines) stands for every page of it.
  const card = context.images?.shareCards.get(edition.path);
  return html`<meta property="og:type" content="website">
<meta property="og:site_name" content="${site.name}">
<meta property="og:locale" content="zh_CN">
<meta property="og:title" content="${title}">
<meta property="og:url" content="${context.absolute(canonical)}">
${shareImageTags(context, card, title)}
<meta name="twitter:card" content="${card ? "summary_large_image" : "summary"}">
<meta name="twitter:title" content="${title}">
<link rel="alternate" type="application/atom+xml" title="${`${site.name} 最新各期`}" href="${context.url("feeds/latest.xml")}">
<link rel="alternate" type="application/feed+json" title="${`${site.name} 最新各期`}" href="${context.url("feeds/latest.json")}">
<link rel="alternate" type="application/atom+xml" title="${`${site.name} ${edition.dateText}`}" href="${context.url(`${edition.path}feed.xml`)}">`;
}
