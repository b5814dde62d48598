/**
 * Article bodies: Markdown → HTML with markdown-it.
 * - `html: false`: raw HTML in an article is shown as text, never passed through.
 * - markdown-it's own link validation drops javascript:, vbscript:, file: and data: links.
 * - cjk-friendly lets **强调** sit next to Chinese punctuation; cjk-breaks keeps a line break
 *   inside a Chinese paragraph from turning into a space.
 */
import type MarkdownIt from "markdown-it";
import type cjkBreaks from "markdown-it-cjk-breaks";
import type cjkFriendly from "markdown-it-cjk-friendly";
import { createRequire } from "node:module";

export interface RenderedBody {
  /** Subheads as h2: for the article's own page, under its h1. */
  readonly articleHtml: string;
  /** Subheads as h3: inside a story on the page view, under the page's h1 and the story's h2. */
  readonly pageHtml: string;
}

// markdown-it and its plugins are loaded on first use: `npm run check` outlines the usual body
// line by line (plainOutline) and renders nothing, and loading them is a tenth of its start-up.
const require = createRequire(import.meta.url);
type Markdown = InstanceType<typeof MarkdownIt>;

function createMarkdown(): Markdown {
  const MarkdownItClass = require("markdown-it") as typeof MarkdownIt;
  const breaks = require("markdown-it-cjk-breaks") as typeof cjkBreaks;
  const friendly = (require("markdown-it-cjk-friendly") as { default: typeof cjkFriendly }).default;
  const md = new MarkdownItClass({ html: false, linkify: false, typographer: false, breaks: false });
  md.use(friendly).use(breaks);
  // Emphasis next to a line break can leave empty text tokens, on which cjk-breaks throws
  // ("Expected a code point"): found by the property tests with `**粗体**` + a line break + NUL.
  md.core.ruler.before("cjk_breaks", "broadsheet_drop_empty_text", (state) => {
    for (const token of state.tokens) {
      if (token.type === "inline" && token.children) token.children = token.children.filter((child) => child.type !== "text" || child.content !== "");
    }
  });
  // Subheads (小标题), whatever level the editor wrote (#, ##, …), start one level below the
  // surrounding headline; deeper levels keep their distance.
  md.core.ruler.push("broadsheet_heading_level", (state) => {
    const base = (state.env as { headingLevel?: number }).headingLevel ?? 2;
    const headings = state.tokens.filter((token) => token.type === "heading_open" || token.type === "heading_close");
    const top = Math.min(...headings.map((token) => Number(token.tag.slice(1))));
    for (const token of headings) token.tag = `h${Math.min(6, base + Number(token.tag.slice(1)) - top)}`;
  });
  // External links open normally but never pass the reader's page to the other site.
  md.renderer.rules.link_open = (tokens, index, options, _env, self) => {
    const token = tokens[index]!;
    const href = String(token.attrGet("href") ?? "");
    if (/^https?:/i.test(href)) token.attrSet("rel", "noopener noreferrer");
    return self.renderToken(tokens, index, options);
  };
  return md;
}

let instance: Markdown | undefined;
const markdownIt = () => (instance ??= createMarkdown());

/** Renders a body for both views (its length is bodyTextLength, which needs no rendering). */
export function renderBody(source: string): RenderedBody {
  const env = { headingLevel: 2 };
  const markdown = markdownIt();
  const tokens = markdown.parse(source, env);
  const articleHtml = markdown.renderer.render(tokens, markdown.options, env);
  // The page view's subheads sit one level lower: shift the parsed tokens instead of parsing again.
  for (const token of tokens) {
    if (token.type === "heading_open" || token.type === "heading_close") token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
  }
  const pageHtml = markdown.renderer.render(tokens, markdown.options, env);
  return { articleHtml, pageHtml };
}

type Token = ReturnType<Markdown["parse"]>[number];

/** Block tokens only (paragraphs, headings, code…, each inline token holding its raw text). */
export function blockTokens(source: string): Token[] {
  const env = {};
  const markdown = markdownIt();
  const state = new markdown.core.State(source, markdown, env);
  markdown.block.parse(state.src, markdown, env, state.tokens);
  return state.tokens;
}

/** A paragraph or heading as the block parser found it. */
export interface OutlineBlock {
  readonly kind: "paragraph" | "heading";
  /** 0-based body line of the first line, and one past the last. */
  readonly startLine: number;
  readonly endLine: number;
  /** Directly in the body: not in a list, quote or table. */
  readonly topLevel: boolean;
  /** Its inline source (trimmed), as the inline parser reads it. */
  readonly content: string;
}

/** What the block parser says of a body: enough for the proofreader, the layout and the text length. */
export interface BodyOutline {
  readonly blocks: readonly OutlineBlock[];
  /** Characters of running text (every inline: paragraphs, headings, table cells), as renderBody counts them. */
  readonly textLength: number;
  /**
   * No lists and no tables, and the blocks' content is what renderBody parses (no \r or NUL, which
   * it rewrites first): the rendered body holds one <p> or <hN> per block, in order, and nothing
   * else with text.
   */
  readonly simple: boolean;
}

const CONTAINER = /^(?:bullet_list|ordered_list|blockquote|table)_(open|close)$/;

function outlineOf(source: string, tokens: readonly Token[]): BodyOutline {
  const blocks: OutlineBlock[] = [];
  let containers = 0;
  let textLength = 0;
  let simple = !source.includes("\r") && !source.includes("\0");
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    const type = token.type;
    if (type === "inline") textLength += codePoints(token.content);
    else if (type === "paragraph_open" || type === "heading_open") {
      if (!token.map) continue;
      const inline = tokens[index + 1];
      blocks.push({
        kind: type === "heading_open" ? "heading" : "paragraph",
        startLine: token.map[0],
        endLine: token.map[1],
        topLevel: containers === 0,
        content: inline?.type === "inline" ? inline.content : "",
      });
    } else {
      const container = CONTAINER.exec(type);
      if (container) containers += container[1] === "open" ? 1 : -1;
      if (type === "list_item_open" || type === "table_open") simple = false;
    }
  }
  return { blocks, textLength, simple };
}

/** The outline as markdown-it's block parser gives it. */
export function parsedOutline(source: string): BodyOutline {
  return outlineOf(source, blockTokens(source));
}

const BLANK = /^[ \t]*$/;
/** markdown-it trims blocks of ASCII white space only: 　　 (two ideographic spaces) opening a paragraph stays. */
function asciiTrim(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && (text.charCodeAt(start) === 0x20 || text.charCodeAt(start) === 0x09)) start++;
  while (end > start && (text.charCodeAt(end - 1) === 0x20 || text.charCodeAt(end - 1) === 0x09)) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}
// A line that may start a block other than a paragraph at the left margin: indented code, a
// quote, a list, a rule, a fence, HTML, a link definition, a table, a setext underline; and
// an ATX heading written other than `## text` (closing #s, more than six).
// (`**粗体**` opening a paragraph is neither a list item nor a rule.)
const NOT_PARAGRAPH = /^(?:[ \t>+\-_=`~<[|]|\*(?!\*[^ \t*])|\d{1,9}[.)])/;
const HEADING = /^(#{1,6})(?:[ \t]|$)/;

/**
 * The outline of the usual body, one-line paragraphs and `## 小标题` subheads between blank lines,
 * read line by line as markdown-it's block parser reads it (the tests compare the two);
 * undefined for anything else, which markdown-it parses.
 */
export function plainOutline(source: string): BodyOutline | undefined {
  if (source.includes("\r") || source.includes("\0")) return undefined;
  const lines = source.split("\n");
  const blocks: OutlineBlock[] = [];
  let textLength = 0;
  // A paragraph ends at a blank line or a heading; a heading is one line.
  let paragraphOpen = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (BLANK.test(line)) {
      paragraphOpen = false;
      continue;
    }
    let kind: OutlineBlock["kind"] = "paragraph";
    let content: string;
    if (line.charCodeAt(0) === 0x23 /* # */) {
      const heading = HEADING.exec(line);
      if (!heading || /#[ \t]*$/.test(line)) return undefined;
      kind = "heading";
      content = asciiTrim(line.slice(heading[1]!.length));
      paragraphOpen = false;
    } else {
      // A paragraph running over several lines (lazy continuation, setext headings): markdown-it decides.
      if (paragraphOpen) return undefined;
      paragraphOpen = true;
      if (NOT_PARAGRAPH.test(line)) return undefined;
      content = asciiTrim(line);
    }
    textLength += codePoints(content);
    blocks.push({ kind, startLine: index, endLine: index + 1, topLevel: true, content });
  }
  return { blocks, textLength, simple: true };
}

// The model, the layout and the proofreader all read a body's outline: it is made once per body.
const outlines = new Map<string, BodyOutline>();

export function bodyOutline(source: string): BodyOutline {
  let outline = outlines.get(source);
  if (!outline) {
    outline = plainOutline(source) ?? parsedOutline(source);
    if (outlines.size >= 50_000) outlines.clear();
    outlines.set(source, outline);
  }
  return outline;
}

/** Length in characters, a surrogate pair counting once (as [...text].length, without the array). */
function codePoints(text: string): number {
  let count = text.length;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xdc00 && code <= 0xdfff && index > 0) {
      const previous = text.charCodeAt(index - 1);
      if (previous >= 0xd800 && previous <= 0xdbff) count--;
    }
  }
  return count;
}

/** Characters of running text, as renderBody counts them, without rendering. */
export function bodyTextLength(source: string): number {
  return bodyOutline(source).textLength;
}

/** Renders a one-line text (headline, caption) allowing only inline emphasis. */
export function renderInline(source: string): string {
  return markdownIt().renderInline(source);
}
