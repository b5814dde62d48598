/**
 * 版面图 with 热区: the page scan, and over it one real link per story, placed on the same grid
 * as the story's box on the HTML page (same classes, same geometry), so each zone lies over its
 * story. Without JavaScript the scan scrolls inside its frame; assets/js/page-scan.js adds zoom
 * and drag-to-pan.
 */
import { gridClasses } from "../layout/grid-css.ts";
import { layoutOf } from "../layout/page-layout.ts";
import type { Page } from "../model/types.ts";
import type { ViewContext } from "./context.ts";
import { html, type Html } from "./html.ts";
import { pageTitle } from "./masthead.ts";
import type { ScanImage } from "./scan.ts";

export function pageScan(context: ViewContext, page: Page, scan: ScanImage): Html {
  const format = context.site.format;
  const layout = layoutOf(page, format);
  const bySlug = new Map(page.articles.map((article) => [article.slug, article]));
  const head = page.number === 1 ? "scan-front" : "scan-inner";
  return html`<section class="page-scan" id="scan" aria-labelledby="scan-title">
<h2 class="scan-title" id="scan-title">版面图　${pageTitle(page)}</h2>
<p class="scan-help">点击版面上的文章打开全文。<a href="${context.url(scan.path)}">原图（${scan.width}×${scan.height}）</a></p>
<div class="scan-viewport" tabindex="0" aria-label="版面图，可滚动">
<div class="scan-frame format-${format.kind} columns-${format.columns} ${head}">
<img class="scan-image" src="${context.url(scan.path)}" width="${scan.width}" height="${scan.height}" alt="${pageTitle(page)}版面图">
<div class="scan-zones">
<div class="scan-grid">
${layout.boxes.map((box) => {
  const article = bySlug.get(box.slug)!;
  return html`<a class="hot-zone ${gridClasses(box)}" href="${context.url(article.path)}" data-slug="${article.slug}"><span class="hot-zone-label">${article.title}</span></a>`;
})}
</div>
</div>
</div>
</div>
</section>`;
}
