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
  /** Characters of running text (what a column of print holds). */
  readonly textLength: number;
}

function createMarkdown() {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false, breaks: false });
  md.use(cjkFriendly).use(cjkBreaks);
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

/** Renders a body for both views and measures its running text. */
export function renderBody(source: string): RenderedBody {
  const env = { headingLevel: 2 };
  const tokens = markdown.parse(source, env);
  let textLength = 0;
  for (const token of tokens) if (token.type === "inline") textLength += [...token.content].length;
  const articleHtml = markdown.renderer.render(tokens, markdown.options, env);
  // The page view's subheads sit one level lower: shift the parsed tokens instead of parsing again.
  for (const token of tokens) {
    if (token.type === "heading_open" || token.type === "heading_close") token.tag = `h${Math.min(6, Number(token.tag.slice(1)) + 1)}`;
  }
  const pageHtml = markdown.renderer.render(tokens, markdown.options, { headingLevel: 3 });
  return { articleHtml, pageHtml, textLength };
}

/** Renders a one-line text (headline, caption) allowing only inline emphasis. */
export function renderInline(source: string): string {
  return markdown.renderInline(source);
}
