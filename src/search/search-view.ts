/**
 * `/search/`: 站内检索. The form is plain HTML (GET, so a search is a link); the results come from
 * assets/js/search.js, which runs Pagefind in the browser. Without JavaScript the page says so and
 * points to the archive, which needs none.
 */
import { sectionsOf } from "../feeds/feed-entries.ts";
import type { Archive } from "../model/types.ts";
import type { ViewContext } from "../render/context.ts";
import { html } from "../render/html.ts";
import { shell } from "../render/shell.ts";
import { planBundles, SEARCH_INDEX_DIR } from "./bundles.ts";

export const SEARCH_PATH = "search/";
export const SEARCH_SCRIPT = "js/search.js";
const SEGMENT_MODULE = "js/search-segment.js";
const INDEX_MODULE = "js/search-index.js";

function pageLabels(archive: Archive): string[] {
  const most = Math.max(0, ...archive.editions.map((edition) => Math.max(0, ...edition.pages.map((page) => page.number))));
  return Array.from({ length: most }, (_, index) => String(index + 1).padStart(2, "0"));
}

export function searchView(context: ViewContext): string {
  const archive = context.archive;
  const first = archive.editions[archive.editions.length - 1]?.date ?? "";
  const last = archive.editions[0]?.date ?? "";
  // The same bundles the build wrote: a pure function of the published dates.
  const bundles = planBundles(context.index.map((edition) => edition.date)).map((bundle) => bundle.name);
  const main = html`<div class="search">
<h1>站内检索</h1>
<form class="search-form" role="search" action="./" method="get" data-search
 data-engine="${context.url(context.assets.files[INDEX_MODULE] ?? INDEX_MODULE)}"
 data-index="${context.url(`${SEARCH_INDEX_DIR}/`)}" data-bundles="${bundles.join(" ")}"
 data-segment="${context.url(context.assets.files[SEGMENT_MODULE] ?? SEGMENT_MODULE)}"
 data-root="${context.url("")}">
<p class="search-query"><label for="search-q">关键词</label>
<input id="search-q" name="q" type="search" required autocomplete="off" placeholder="例如：垃圾分类、戚风华">
<button type="submit">检索</button></p>
<fieldset class="search-filters">
<legend>筛选</legend>
<p><label for="search-from">起始日期</label> <input id="search-from" name="from" type="date" min="${first}" max="${last}"></p>
<p><label for="search-to">截止日期</label> <input id="search-to" name="to" type="date" min="${first}" max="${last}"></p>
<p><label for="search-section">栏目</label> <select id="search-section" name="section"><option value="">全部栏目</option>${sectionsOf(archive).map((name) => html`<option>${name}</option>`)}</select></p>
<p><label for="search-page">版次</label> <select id="search-page" name="page"><option value="">全部版次</option>${pageLabels(archive).map((label) => html`<option value="第${label}版">第${label}版</option>`)}</select></p>
<p><label for="search-byline">作者</label> <input id="search-byline" name="byline" type="text" autocomplete="off"></p>
</fieldset>
</form>
<noscript><p class="search-note">站内检索需要浏览器启用 JavaScript。也可以按日期浏览<a href="${context.url("archive/")}">往期回顾</a>。</p></noscript>
<p class="search-status" role="status" aria-live="polite"></p>
<ol class="search-results"></ol>
</div>`;
  return shell(context, {
    title: `站内检索 - ${context.site.name}`,
    description: `检索${context.site.name}全部各期文章`,
    canonical: SEARCH_PATH,
    bodyClass: "view-search",
    noindex: true,
    header: html`<header class="site-head"><p class="paper-name"><a href="${context.url("")}">${context.site.name}</a></p></header>`,
    main,
    scripts: [SEARCH_SCRIPT],
  }).value;
}
