/**
 * A page (版) as printed: masthead or running head, the stories in boxes on the column grid with
 * rules between them, the page credits; around it the edition's navigation.
 */
import type { Box } from "../layout/engine.ts";
import { gridClasses, leadingClass } from "../layout/grid-css.ts";
import { layoutOf } from "../layout/page-layout.ts";
import type { Article, Edition, Page } from "../model/types.ts";
import { neighbours, type ViewContext } from "./context.ts";
import { html, type Html } from "./html.ts";
import { headlineNavigation, masthead, pageCredits, pageNavigation, pageTitle, runningHead } from "./masthead.ts";
import { scanImage } from "./scan.ts";
import { pageScan } from "./scan-view.ts";
import { shell } from "./shell.ts";
import { byline, figures, headlineGroup, storyBody } from "./story.ts";

/** Anchor of a story's box on its page, the target of 下转 / 上接 links. */
export function storyAnchor(article: Article): string {
  return `story-${article.slug}`;
}

/** 下转第X版 / 上接第X版, each a link to the other part's box on its page. */
function jumpLine(context: ViewContext, edition: Edition, slug: string | undefined, words: "下转" | "上接"): Html {
  if (!slug) return html``;
  const page = edition.pages.find((candidate) => candidate.articles.some((article) => article.slug === slug));
  const other = page?.articles.find((article) => article.slug === slug);
  if (!page || !other) return html``;
  return html`<p class="jump jump-${words === "下转" ? "on" : "from"}"><a href="${context.url(page.path)}#${storyAnchor(other)}">（${words}第${page.label}版）</a></p>`;
}

function storyBox(context: ViewContext, edition: Edition, article: Article, box: Box): Html {
  const classes = [
    "story",
    `story-${article.type}`,
    box.lead && article.type !== "lead" ? "as-lead" : "",
    box.columns >= 4 ? "photo-wide" : "",
    `tc-${box.textColumns}`,
    leadingClass(box.leading),
    gridClasses(box),
  ].filter(Boolean).join(" ");
  const content = html`${headlineGroup(article, 2, context.url(article.path))}
${figures(context, edition, article)}
<div class="story-body">
${jumpLine(context, edition, article.continuedFrom, "上接")}
${storyBody(article, article.bodyHtmlOnPage)}
${byline(article)}
${jumpLine(context, edition, article.continuedOn, "下转")}
</div>`;
  const attributes = html`id="${storyAnchor(article)}" class="${classes}" data-slug="${article.slug}" data-rows="${box.rows}" data-needed="${box.needed}"`;
  // A box attached to a story is complementary to it; everything else is a story of its own.
  return article.attachedTo
    ? html`<aside ${attributes} aria-label="${article.title}">${content}</aside>`
    : html`<article ${attributes}>${content}</article>`;
}

/** The newspaper page itself, without the site around it: stories in the layout engine's reading order. */
export function newspaperPage(context: ViewContext, edition: Edition, page: Page): Html {
  const format = context.site.format;
  const layout = layoutOf(page, format);
  const bySlug = new Map(page.articles.map((article) => [article.slug, article]));
  return html`<div class="newspaper-page format-${format.kind} columns-${format.columns}" id="replica" data-page="${page.label}">
${page.number === 1 ? masthead(context, edition) : runningHead(context, edition, page)}
<h1 class="page-title">${pageTitle(page)}</h1>
<p class="replica-switch"><a class="to-replica" href="#replica">看版面原样</a><a class="to-reading" href="#main">逐篇阅读</a>${page.scan ? html` <a class="to-scan" href="#scan">版面图</a>` : ""}</p>
<div class="page-grid" data-rows="${layout.rows}" data-used-rows="${layout.usedRows}">
${layout.boxes.map((box) => storyBox(context, edition, bySlug.get(box.slug)!, box))}
</div>
<footer class="page-foot">${pageCredits(page)}<p class="folio">${edition.dateText}　${pageTitle(page)}</p></footer>
</div>`;
}

/** 上一版 / 下一版 */
function pageTurns(context: ViewContext, edition: Edition, page: Page): Html {
  const { previous, next } = neighbours(edition.pages, page);
  return html`<nav class="turns" aria-label="翻版">
${previous ? html`<a rel="prev" href="${context.url(previous.path)}">上一版　${pageTitle(previous)}</a>` : html`<span></span>`}
${next ? html`<a rel="next" href="${context.url(next.path)}">下一版　${pageTitle(next)}</a>` : html`<span></span>`}
</nav>`;
}

export interface PageViewOptions {
  /** The edition view lists every headline of the day, not only this page's. */
  readonly allHeadlines?: boolean;
  readonly canonical?: string;
}

/** A page view: `/YYYY-MM-DD/NN/`, and for page 1 also the edition and home page. */
export function pageView(context: ViewContext, edition: Edition, page: Page, options: PageViewOptions = {}): string {
  const site = context.site;
  const scan = scanImage(edition, page);
  const main = html`<div class="page-layout">
${pageNavigation(context, edition, page)}
<div class="page-stage">
${newspaperPage(context, edition, page)}
${scan ? pageScan(context, page, scan) : ""}
${pageTurns(context, edition, page)}
</div>
${headlineNavigation(context, options.allHeadlines ? edition.pages : [page])}
</div>`;
  const lead = page.articles[0];
  return shell(context, {
    title: `${site.name} ${edition.dateText} ${pageTitle(page)}`,
    description: `${site.name}${edition.dateText}${pageTitle(page)}${lead ? `：${lead.title}` : ""}`,
    canonical: options.canonical ?? page.path,
    bodyClass: "view-page",
    main,
    head: html`<link rel="stylesheet" href="${context.url(context.assets.files["css/page-grid.css"] ?? "assets/page-grid.css")}">`,
    scripts: scan ? ["js/page-scan.js"] : [],
  }).value;
}
