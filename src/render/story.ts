/** One story: headline group, dateline, body, photos with captions, byline. Shared by page and article views. */
import type { Article, ArticleImage, Edition } from "../model/types.ts";
import { picture, type PictureOptions } from "../images/markup.ts";
import type { ViewContext } from "./context.ts";
import { html, trusted, type Html } from "./html.ts";

/** Site path of a published image (the image pipeline may replace this with derived sizes). */
export function imagePath(edition: Edition, image: ArticleImage): string {
  return `${edition.path}images/${image.src}`;
}

/** 引题 / 主题 / 副题 as a header; the headline is a link when `link` is given. */
export function headlineGroup(article: Article, level: 1 | 2, link?: string): Html {
  const title = link ? html`<a href="${link}">${article.title}</a>` : html`${article.title}`;
  const heading = level === 1 ? html`<h1 class="headline">${title}</h1>` : html`<h2 class="headline">${title}</h2>`;
  return html`<header class="headline-group">
${article.kicker ? html`<p class="kicker">${article.kicker}</p>` : ""}
${heading}
${article.subtitle ? html`<p class="subtitle">${article.subtitle.startsWith("——") ? "" : "——"}${article.subtitle}</p>` : ""}
</header>`;
}

/** The body, with the dateline (电头) run in at the start of its first paragraph, as printed. */
export function storyBody(article: Article, bodyHtml: string): Html {
  if (!article.dateline) return trusted(bodyHtml);
  const dateline = html`<span class="dateline">${article.dateline}</span>　`.value;
  const withDateline = bodyHtml.replace(/<p>/, `<p>${dateline}`);
  return trusted(withDateline === bodyHtml ? `<p>${dateline}</p>${bodyHtml}` : withDateline);
}

/** Names after the text, as printed: 戚风华 赵小君. Unsigned stories print nothing. */
export function byline(article: Article): Html {
  if (article.byline.length === 0) return html``;
  return html`<p class="byline">${article.byline.join(" ")}</p>`;
}

/** Photos with captions and credits as text; <picture> from the image stage when it ran. */
export function figures(context: ViewContext, edition: Edition, article: Article, options: Omit<PictureOptions, "columns"> = { view: "page", eager: false }): Html {
  return html`${article.images.map(
    (image, index) => {
      const photo = context.images?.photos.get(image.file);
      const eager = options.eager && index === 0;
      return html`<figure class="photo">
${photo
  ? picture(context, photo, image.alt, { ...options, eager, columns: context.site.format.columns })
  : html`<img src="${context.url(imagePath(edition, image))}" alt="${image.alt}" loading="lazy" decoding="async">`}
<figcaption>${image.caption}${image.credit ? html` <span class="credit">${image.credit}</span>` : ""}</figcaption>
</figure>`;
    },
  )}`;
}
