/**
 * Article bodies: Markdown → HTML with markdown-it.
 * - `html: false`: raw HTML in an article is shown as text, never passed through.
 * - markdown-it's own link validation drops javascript:, vbscript:, file: and data: links.
 * - cjk-friendly lets **强调** sit next to Chinese punctuation; cjk-breaks keeps a line break
 *   inside a Chinese paragraph from turning into a space.
 */
import MarkdownIt from "markdown-it";
import cjkBreaks from "markdown-it-cjk-breaks";
import cjkFriendly from "markdown-it-cjk-friendly";

export interface RenderedBody {
  /** Subheads as h2: for the article's own page, under its h1. */
  readonly articleHtml: string;
  /** Subheads as h3: inside a story on the page view, under the page's h1 and the story's h2. */
  readonly pageHtml: string;
}

function createMarkdown() {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
  md.use(cjkFriendly).use(cjkBreaks);
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

const markdown = createMarkdown();

/** Renders a body for both views (its length is bodyTextLength, which needs no rendering). */
export function renderBody(source: string): RenderedBody {
  const env = { headingLevel: 2 };
  const tokens = markdown.parse(source, env);
  const articleHtml = markdown.renderer.render(tokens, markdown.options, env);
  // The page view's subheads sit one level lower: shift the parsed tokens instead of parsing again.
  for (const token of tokens) {
    if (token.type === "heading_open" || token.type === "heading_close") token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
  }
  const pageHtml = markdown.renderer.render(tokens, markdown.options, env);
  return { articleHtml, pageHtml };
}

type Token = ReturnType<typeof markdown.parse>[number];

/** Block tokens only (paragraphs, headings, code…, each inline token holding its raw text). */
export function blockTokens(source: string): Token[] {
  const env = {};
  const state = new markdown.core.State(source, markdown, env);
  markdown.block.parse(state.src, markdown, env, state.tokens);
  rememberTextLength(source, state.tokens);
  return state.tokens;
}

// The model and the proofreader both need a body's length; the block parse is done once per body.
const textLengths = new Map<string, number>();
function rememberTextLength(source: string, tokens: readonly Token[]): number {
  let length = 0;
  for (const token of tokens) if (token.type === "inline") length += codePoints(token.content);
  if (textLengths.size > 200_000) textLengths.clear();
  textLengths.set(source, length);
  return length;
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
  return textLengths.get(source) ?? rememberTextLength(source, blockTokens(source));
}

/** Renders a one-line text (headline, caption) allowing only inline emphasis. */
export function renderInline(source: string): string {
  return markdown.renderInline(source);
}
