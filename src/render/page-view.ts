/**
 * A page (版) as printed: masthead or running head, the stories in boxes on the column grid with
 * rules between them, the page credits; around it the edition's navigation.
 */
import { placePage } from "../layout/place-page.ts";
import type { Article, Edition, Page } from "../model/types.ts";
import { neighbours, type ViewContext } from "./context.ts";
import { html, type Html } from "./html.ts";
import { headlineNavigation, masthead, pageCredits, pageNavigation, pageTitle, runningHead } from "./masthead.ts";
import { shell } from "./shell.ts";
import { byline, figures, headlineGroup, storyBody } from "./story.ts";
import { editionTurns, KEYBOARD_SCRIPT, SAVE_EDITION_SCRIPT } from "../navigation/edition-navigation.ts";
import { pageHead } from "../structured-data/page-head.ts";

function storyBox(context: ViewContext, edition: Edition, article: Article, span: number): Html {
  const classes = `story story-${article.type} span-${span}`;
  const content = html`${headlineGroup(article, 2, context.url(article.path))}
${figures(context, edition, article)}
<div class="story-body">
${storyBody(article, article.bodyHtmlOnPage)}
${byline(article)}
</div>`;
  // A box attached to a story is complementary to it; everything else is a story of its own.
  return article.attachedTo
    ? html`<aside class="${classes}" aria-label="${article.title}">${content}</aside>`
    : html`<article class="${classes}">${content}</article>`;
}

/** The newspaper page itself, without the site around it. */
export function newspaperPage(context: ViewContext, edition: Edition, page: Page): Html {
  const placements = new Map(placePage(page, context.site.format).map((placement) => [placement.slug, placement]));
  const format = context.site.format;
  return html`<div class="newspaper-page format-${format.kind} columns-${format.columns}" data-page="${page.label}">
${page.number === 1 ? masthead(context, edition) : runningHead(context, edition, page)}
<h1 class="page-title">${pageTitle(page)}</h1>
<div class="page-grid">
${page.articles.map((article) => storyBox(context, edition, article, placements.get(article.slug)?.span ?? 2))}
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
  const main = html`<div class="page-layout">
${pageNavigation(context, edition, page)}
<div class="page-stage">
${newspaperPage(context, edition, page)}
${pageTurns(context, edition, page)}
${editionTurns(context, edition)}
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
    head: pageHead(context, edition, page, options.canonical ?? page.path),
    scripts: [KEYBOARD_SCRIPT, SAVE_EDITION_SCRIPT],
  }).value;
}
