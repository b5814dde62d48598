/** og:image / twitter:image from a share card composed by the image stage (src/images/share-card.ts). */
import type { ShareCardFile } from "../images/manifest.ts";
import type { ViewContext } from "../render/context.ts";
import { html, type Html } from "../render/html.ts";

export function shareImageTags(context: ViewContext, card: ShareCardFile | undefined, alt: string): Html {
  if (!card) return html``;
  const image = context.absolute(card.path);
  return html`<meta property="og:image" content="${image}">
<meta property="og:image:width" content="${card.width}">
<meta property="og:image:height" content="${card.height}">
<meta property="og:image:alt" content="${alt}">
<meta name="twitter:image" content="${image}">`;
}
