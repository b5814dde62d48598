/** 报头 on the front page, the running head (眉头) on every other page, and the edition navigation. */
import type { Article, Edition, Page } from "../model/types.ts";
import type { ViewContext } from "./context.ts";
import { html, type Html } from "./html.ts";

/** 总第5123期 */
export function issueText(edition: { readonly issueNumber?: number }): string {
  return edition.issueNumber !== undefined ? `总第${edition.issueNumber}期` : "";
}

/** 第01版：要闻 */
export function pageTitle(page: Page): string {
  return `第${page.label}版：${page.name}`;
}

function dateLine(edition: Edition): Html {
  return html`<time datetime="${edition.date}">${edition.dateText}</time> <span class="weekday">${edition.weekday}</span>`;
}

/** The front page's masthead: paper name, 报眼 with date, lunar date, issue, pages; channels; publisher. */
export function masthead(context: ViewContext, edition: Edition): Html {
  const site = context.site;
  return html`<header class="masthead">
<div class="masthead-title">
<p class="paper-name"><a href="${context.url(edition.path)}">${site.name}</a></p>
<ul class="channels" aria-label="${site.name}的其他渠道">
${site.channels.map((channel) => html`<li><a href="${channel.url}" rel="noopener">${channel.label}</a></li>`)}
</ul>
</div>
<div class="masthead-ear">
<p class="edition-date">${dateLine(edition)}</p>
<p class="lunar">${edition.lunar}</p>
<p class="issue">${issueText(edition)}${edition.issueNumber !== undefined ? " · " : ""}今日${edition.pages.length}版</p>
<p class="registration">国内统一连续出版物号 ${site.registration}</p>
</div>
<p class="publisher">主办：${site.publisher.sponsor}　主管部门：${site.publisher.supervisor}　编辑：${site.publisher.editor}</p>
</header>`;
}

/** The running head printed across inner pages (and article pages): paper, date, page. */
export function runningHead(context: ViewContext, edition: Edition, page: Page): Html {
  return html`<header class="running-head">
<p class="paper-name"><a href="${context.url(edition.path)}">${context.site.name}</a></p>
<p class="running-date">${dateLine(edition)} <span class="lunar">${edition.lunar}</span></p>
<p class="running-page">${pageTitle(page)}</p>
</header>`;
}

/** The page's scan thumbnail, or a drawing of its boxes; decorative: the link text names the page. */
function pageThumbnail(context: ViewContext, page: Page): Html {
  const thumbnail = context.images?.thumbnails.get(page.path);
  if (!thumbnail) return html``;
  return html`<img class="page-thumb page-thumb-${thumbnail.from}" src="${context.url(thumbnail.path)}" width="${thumbnail.width}" height="${thumbnail.height}" alt="" loading="lazy" decoding="async">`;
}

/** 版面导航: every page of the edition; the current one marked. */
export function pageNavigation(context: ViewContext, edition: Edition, current?: Page): Html {
  return html`<nav class="page-nav" aria-label="版面导航">
<h2 class="nav-title">版面导航</h2>
<ol>
${edition.pages.map(
  (page) =>
    html`<li><a href="${context.url(page.path)}"${page === current ? html` aria-current="page"` : ""}>${pageThumbnail(context, page)}${pageTitle(page)}</a></li>`,
)}
</ol>
</nav>`;
}

/** 标题导航: the headlines of the given pages, grouped by page. */
export function headlineNavigation(context: ViewContext, pages: readonly Page[]): Html {
  return html`<nav class="headline-nav" aria-label="标题导航">
<h2 class="nav-title">标题导航</h2>
${pages.map(
  (page) => html`<section>
<h3><a href="${context.url(page.path)}">${pageTitle(page)}</a></h3>
<ul>
${page.articles.map((article: Article) => html`<li><a href="${context.url(article.path)}">${article.title}</a></li>`)}
</ul>
</section>`,
)}
</nav>`;
}

/** 责任编辑 / 版式 / 校对, as printed at the foot of a page. */
export function pageCredits(page: Page): Html {
  const parts = [
    page.credits.editor && `责任编辑：${page.credits.editor}`,
    page.credits.layout && `版式：${page.credits.layout}`,
    page.credits.proofreader && `校对：${page.credits.proofreader}`,
  ].filter(Boolean);
  return parts.length ? html`<p class="page-credits">${parts.join("　")}</p>` : html``;
}
