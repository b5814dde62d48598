/**
 * Markup for published images: <picture> for photos, the share card's meta tags. Pure functions of
 * the manifest; no inline style anywhere (the CSP forbids it): the placeholder colour is a class.
 */
import type { ViewContext } from "../render/context.ts";
import { html, type Html } from "../render/html.ts";
import { ARTICLE_SIZES, pageSizes } from "./layout-widths.ts";
import type { PublishedPhoto } from "./manifest.ts";

export interface PictureOptions {
  /** Where the photo is shown: a story box on the page, or the article column. */
  readonly view: "page" | "article";
  readonly columns: number;
  /** The first photo a reader sees loads at once; every other one waits until it is scrolled near. */
  readonly eager: boolean;
}

export function picture(context: ViewContext, photo: PublishedPhoto, alt: string, options: PictureOptions): Html {
  const sizes = options.view === "article" ? ARTICLE_SIZES : pageSizes(photo.span, options.columns);
  const srcset = (candidates: PublishedPhoto["sources"][number]["candidates"]) =>
    candidates.map((candidate) => `${context.url(candidate.path)} ${candidate.width}w`).join(", ");
  const jpeg = photo.sources.find((source) => source.type === "image/jpeg");
  return html`<picture>
${photo.sources
  .filter((source) => source !== jpeg)
  .map((source) => html`<source type="${source.type}" srcset="${srcset(source.candidates)}" sizes="${sizes}">
`)}<img src="${context.url(photo.fallback.path)}"${jpeg ? html` srcset="${srcset(jpeg.candidates)}" sizes="${sizes}"` : ""} width="${photo.width}" height="${photo.height}" alt="${alt}" class="${photo.placeholder}"${options.eager ? html` fetchpriority="high"` : html` loading="lazy"`} decoding="async">
</picture>`;
}

/** Open Graph and Twitter tags for a share card; absolute URLs, as the crawlers require. */
