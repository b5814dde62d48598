/** An article on its own: `/YYYY-MM-DD/NN/<slug>/`, readable on a phone, with the paper around it. */
import type { Article, Edition, Page } from "../model/types.ts";
import { editionArticles, neighbours, type ViewContext } from "./context.ts";
import { html, type Html } from "./html.ts";
import { pageTitle, runningHead } from "./masthead.ts";
import { shell } from "./shell.ts";
import { byline, figures, headlineGroup, storyBody } from "./story.ts";
import { KEYBOARD_SCRIPT } from "../navigation/edition-navigation.ts";
import { articleHead } from "../structured-data/article-head.ts";

function attachedBoxes(context: ViewContext, edition: Edition, page: Page, article: Article): Html {
  const boxes = article.attachments
    .map((slug) => page.articles.find((other) => other.slug === slug))
    .filter((box): box is Article => box !== undefined);
  return html`${boxes.map(
    (box) => html`<aside class="attached-box story-${box.type}" aria-label="${box.title}">
<h2 class="box-title"><a href="${context.url(box.path)}">${box.title}</a></h2>
${figures(context, edition, box, { view: "article", eager: false })}
${storyBody(box, box.bodyHtml)}
${byline(box)}
</aside>`,
  )}`;
}

/** 更正: each correction as a dated note under the (already corrected) text (the article view, feeds). */
export function correctionNotes(article: Article): Html {
  if (article.corrections.length === 0) return html``;
  const day = (date: string) => date.split("-").map(Number);
  return html`<section class="corrections" aria-label="更正">
<h2 class="corrections-title">更正</h2>
<ul>
${article.corrections.map(({ date, note }) => {
  const [year, month, dayOfMonth] = day(date);
  return html`<li><time datetime="${date}">${year}年${month}月${dayOfMonth}日</time>　${note}</li>`;
})}
</ul>
</section>`;
}

function articleTurns(context: ViewContext, edition: Edition, page: Page, article: Article): Html {
  const all = editionArticles(edition);
  const entry = all.find((item) => item.article === article);
  const { previous, next } = entry ? neighbours(all, entry) : {};
  const pages = neighbours(edition.pages, page);
  return html`<nav class="article-nav" aria-label="翻阅">
<ul>
${previous ? html`<li><a rel="prev" href="${context.url(previous.article.path)}">上一篇：${previous.article.title}</a></li>` : ""}
${next ? html`<li><a rel="next" href="${context.url(next.article.path)}">下一篇：${next.article.title}</a></li>` : ""}
${pages.previous ? html`<li><a href="${context.url(pages.previous.path)}">上一版：${pageTitle(pages.previous)}</a></li>` : ""}
${pages.next ? html`<li><a href="${context.url(pages.next.path)}">下一版：${pageTitle(pages.next)}</a></li>` : ""}
<li><a href="${context.url(page.path)}">返回版面：${pageTitle(page)}</a></li>
<li><a href="${context.url(edition.path)}">本期首页</a></li>
</ul>
</nav>`;
}

export function articleView(context: ViewContext, edition: Edition, page: Page, article: Article): string {
  const site = context.site;
  const parent = article.attachedTo ? page.articles.find((other) => other.slug === article.attachedTo) : undefined;
  const main = html`<article class="article story-${article.type}">
${headlineGroup(article, 1)}
<p class="article-meta">
${article.byline.length ? html`<span class="article-byline">${article.byline.join(" ")}</span>` : ""}
<time datetime="${edition.date}">${edition.dateText}</time>
<a href="${context.url(page.path)}">${pageTitle(page)}</a>
</p>
${parent ? html`<p class="attached-to">附于：<a href="${context.url(parent.path)}">${parent.title}</a></p>` : ""}
${figures(context, edition, article, { view: "article", eager: true })}
<div class="article-body">
${storyBody(article, article.bodyHtml)}
</div>
${correctionNotes(article)}
${attachedBoxes(context, edition, page, article)}
</article>
${articleTurns(context, edition, page, article)}`;
  const plain = article.bodyHtml.replace(/<[^>]+>/g, "").replace(/\s+/g, "").slice(0, 110);
  return shell(context, {
    title: `${article.title} - ${site.name} ${edition.dateText} ${pageTitle(page)}`,
    description: plain,
    canonical: article.path,
    bodyClass: "view-article",
    header: runningHead(context, edition, page),
    main,
    head: articleHead(context, edition, page, article),
    scripts: [KEYBOARD_SCRIPT],
  }).value;
}
