/**
 * The site's icon: a folded newspaper in the paper's red, as SVG (no font needed). Linked from every
 * page so browsers do not ask for /favicon.ico (a 404 in the console costs Best Practices).
 */
import type { GeneratedFile } from "./generated-file.ts";

export const SITE_ICON_PATH = "favicon.svg";

export function siteIconFile(): GeneratedFile {
  return {
    path: SITE_ICON_PATH,
    contents: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="4" fill="#b8141b"/><rect x="6" y="7" width="20" height="4" fill="#fff"/><rect x="6" y="14" width="9" height="11" fill="#fff"/><rect x="17" y="14" width="9" height="2" fill="#fff"/><rect x="17" y="18.5" width="9" height="2" fill="#fff"/><rect x="17" y="23" width="9" height="2" fill="#fff"/></svg>\n`,
  };
}
