/**
 * Hostile content for the property tests: front-matter and Markdown built from pieces that have
 * broken static site generators (markup, javascript: URLs, path escapes, YAML tricks, control and
 * bidi characters), mixed with random text.
 */
import fc from "fast-check";
import { stringify } from "yaml";
import settings from "../fixtures/sample/site.config.ts";
import { parseMarkdownFile } from "../../src/content/front-matter.ts";
import type { ArticleSource } from "../../src/content/read-content.ts";
import { siteData } from "../../src/eleventy/site-data.ts";
import { buildModel } from "../../src/model/build-model.ts";
import type { Archive } from "../../src/model/types.ts";
import { loadLayouts, renderedText, siteRoutes } from "../../src/eleventy/site-routes.ts";
import type { Problem } from "../../src/validate/problem.ts";

export const NASTY = [
  "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)", "JaVaScRiPt:alert(1)", "../../etc/passwd", "/etc/passwd",
  "\u202e", "\u200f", "\u0000", "\u0007", "\u001b[31m", "{{ eleventy.env.root }}", "{% include '/etc/passwd' %}", "${process.exit(1)}", "&lt;", "&#106;avascript:",
  "---", "---js", "*", "- ", ": ", "#", "&a [*a, *a]", "*a", "!!js/function", "? ", "|", ">", "\uFFFD", "\uD800", "\uDFFF", "[x](javascript:alert(1))",
  "<a href=javascript:x>x</a>", "![x](javascript:alert(1))", "[y](data:text/html;base64,PHNjcmlwdD4=)", "<https://x.example/a?b=<c>>", '"', "'", "\\", "\n", "\r\n", "\r",
  "\t", "　", "本报讯", "“", "”", "（", "__proto__", "constructor", "1e309", "0x1F", "~", "null", "true", "2020-13-45", "<!--", "]]>", "`",
  "```", "<style>body{display:none}</style>", "<iframe src=//x>", "&", "<", ">", "\u2028", "\u2029", "𠀀", "👨‍👩‍👧",
];

export const hostileText = fc
  .array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 12 }), fc.string({ unit: "binary", maxLength: 6 })), { maxLength: 8 })
  .map((parts) => parts.join(""));

const scalarValue = fc.oneof(hostileText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom("2020-06-05", "0001-01-01", "9999-12-31", "2020-02-30"));
const value = fc.oneof(
  { weight: 4, arbitrary: scalarValue },
  { weight: 1, arbitrary: fc.array(scalarValue, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.array(fc.dictionary(fc.constantFrom("src", "caption", "credit", "alt", "date", "note", "x"), scalarValue, { maxKeys: 4 }), { maxLength: 3 }) },
);
const FIELDS = ["title", "kicker", "subtitle", "section", "byline", "date", "page", "order", "dateline", "type", "images", "attachedTo", "slug", "corrections", "needsReview"];

/** Front-matter as YAML (valid syntax, hostile values), or hostile text that may not be YAML at all. */
export const frontMatter = fc.oneof(
  fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), hostileText), value, { maxKeys: 10 }).map((data) => {
    try {
      return stringify({ title: "标题", section: "要闻", byline: "张三", date: "2020-06-05", ...data });
    } catch {
      return "title: x\n";
    }
  }),
  fc.array(fc.oneof(fc.constantFrom("title: 标题", "section: 要闻", "byline: 张三", "date: 2020-06-05", "a: &a [x, x]", "b: [*a, *a, *a]", "title: dup", "- x", "  nested: 1"), hostileText), { maxLength: 8 }).map((lines) => lines.join("\n")),
);

const markdownPiece = fc.oneof(
  fc.constantFrom("# 标题", "## 小标题", "> 引用", "- 项目", "1. 第一", "```js\nalert(1)\n```", "    code", "| a | b |\n|---|---|\n| 1 | 2 |", "***", "<div onclick=x>", "[link][ref]\n\n[ref]: javascript:alert(1)", "**粗体**", "_x_", "\\", "&copy;", "&#0;", "&#x110000;"),
  hostileText,
);
export const markdownBody = fc.array(markdownPiece, { maxLength: 10 }).map((pieces) => pieces.join(fc.sample(fc.constantFrom("\n", "\n\n", " "), 1)[0]!));

export const FILE = "content/2020-06-05/story.md";

/** Reader → validator → model for one article in the 2020-06-05 edition, as the build does it. */
export function readValidateModel(text: string, files: ReadonlySet<string> = new Set()): { problems: Problem[]; archive: Archive } {
  const problems: Problem[] = [];
  const parsed = parseMarkdownFile(text, FILE, problems);
  const source: ArticleSource = { ...parsed, file: FILE, absolutePath: `/nonexistent/${FILE}`, stem: "story" };
  const archive = buildModel({ root: "content", editions: [{ date: "2020-06-05", dir: "/nonexistent/content/2020-06-05", folder: "content/2020-06-05", articles: [source], pages: [], files }] }, settings, problems);
  return { problems, archive };
}

const layouts = await loadLayouts(process.cwd());

/** Every HTML page of the site the archive makes, rendered as the build's templates render it. */
export function renderAll(archive: Archive): Map<string, string> {
  const pages = new Map<string, string>();
  // Feeds, JSON and the site icon are not HTML: their escaping is tested with their formats.
  for (const route of siteRoutes(layouts, siteData(archive))) if (route.file.endsWith(".html")) pages.set(route.file, renderedText(route));
  return pages;
}

/** Markup that only an injection could have put there; returns what was found, or undefined. */
export function injected(page: string): string | undefined {
  // Every tag with its attributes; attribute values from our escaper never contain a raw > or ".
  for (const tag of page.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
    const name = tag[1]!.toLowerCase();
    const attributes = new Map<string, string>();
    for (const attribute of tag[2]!.matchAll(/([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
      attributes.set(attribute[1]!.toLowerCase(), (attribute[2] ?? attribute[3] ?? attribute[4] ?? "").replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code))).replace(/&amp;/g, "&"));
    }
    const where = () => tag[0].slice(0, 160);
    // The site's own forms (search, date jump) are plain GET forms to site paths; their URLs are checked below.
    if (["iframe", "object", "embed", "style", "base", "svg", "math"].includes(name)) return `dangerous element: ${where()}`;
    // JSON-LD is data: the page writes it with "<" escaped, so no text can close the element.
    const jsonLd = attributes.get("type") === "application/ld+json" && !attributes.has("src");
    if (name === "script" && !jsonLd && !/assets\/[^"]+\.js$/.test(attributes.get("src") ?? "")) return `script not from assets: ${where()}`;
    if (name === "meta" && attributes.has("http-equiv")) return `meta http-equiv: ${where()}`;
    for (const [key, value] of attributes) {
      if (key.startsWith("on")) return `event handler attribute: ${where()}`;
      if (["href", "src", "action", "formaction", "srcset", "poster"].includes(key) && /^\s*(javascript|vbscript|data):/i.test(value)) return `dangerous URL: ${where()}`;
    }
  }
  return undefined;
}
