/** The HTML document around every view. No inline script or style: the CSP can forbid both. */
import type { ViewContext } from "./context.ts";
import { html, type Html } from "./html.ts";

export interface ShellOptions {
  readonly title: string;
  readonly description: string;
  /** Site path of the canonical page. */
  readonly canonical: string;
  readonly bodyClass: string;
  readonly main: Html;
  /** Printed above <main>, outside it (masthead, navigation). */
  readonly header?: Html;
  readonly footer?: Html;
  /** Scripts from assets/js to load (progressive enhancement only: every page works without them). */
  readonly scripts?: readonly string[];
  /** Extra elements for <head> (meta tags, structured data). */
  readonly head?: Html;
  /** For pages with nothing of their own to find (the search form, the 404 page): kept out of search engines. */
  readonly noindex?: boolean;
}

export function shell(context: ViewContext, options: ShellOptions): Html {
  const site = context.site;
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title}</title>
<meta name="description" content="${options.description}">
${options.noindex ? html`<meta name="robots" content="noindex">
` : ""}<link rel="canonical" href="${context.absolute(options.canonical)}">
<link rel="stylesheet" href="${context.url(context.assets.css)}">
<link rel="icon" href="${context.url("favicon.svg")}" type="image/svg+xml">
${options.head}
${(options.scripts ?? []).map((script) => html`<script type="module" src="${context.url(context.assets.files[script] ?? script)}"></script>
`)}
</head>
<body class="${options.bodyClass}">
<a class="skip-link" href="#main">跳到正文</a>
${options.header}
<main id="main">
${options.main}
</main>
<footer class="site-footer">
${options.footer}
<p>${site.name} · ${site.registration} · 主办：${site.publisher.sponsor}</p>
<p><a href="${context.url("archive/")}">往期回顾</a> · <a href="${context.url("search/")}">站内检索</a> · <a href="${context.url("feeds/latest.xml")}">订阅</a></p>
</footer>
</body>
</html>
`;
}
