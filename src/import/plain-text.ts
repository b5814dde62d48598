/**
 * Imports a page of plain text as scraped from an e-paper (like the seed): drops the masthead,
 * rejoins paragraphs broken where a column broke, makes punctuation full-width, splits the page
 * into stories (headline · optional 电头 · text · names at the end), finds attached boxes (专家点评)
 * and photo credits (文/摄). What it cannot decide goes into needsReview for the editor.
 */
import { bylineNames, isNamesOnly } from "../proofread/rules/byline-required.ts";
import { DATELINE } from "../proofread/rules/dateline-position.ts";
import { isHan } from "../proofread/chinese.ts";
import { CONTINUATION, continues, fullWidthPunctuation } from "./chinese-text.ts";
import type { ImportedArticle } from "./imported.ts";

export interface PlainTextOptions {
  /** The edition's date, YYYY-MM-DD. */
  readonly date: string;
  /** The page's section (版名), e.g. 要闻. */
  readonly section: string;
  readonly page?: number;
}

interface Paragraph {
  text: string;
  /** Blank lines before it: two or more separate stories on the scraped page. */
  readonly gapBefore: number;
}

interface Draft {
  title?: string;
  readonly body: string[];
  byline?: string;
  closed: boolean;
}

const PUBLISHER_LINE = /^主办[:：]/;
export const BOX_TITLE = /^(专家点评|编者按|短评|点评|记者手记|评论员文章|小评论|相关链接|新闻链接)$/;
const ENDS_SENTENCE = /[。！？；：…”」）]$/u;

function readParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let gap = 0;
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    if (!line) {
      gap++;
      continue;
    }
    paragraphs.push({ text: fullWidthPunctuation(line), gapBefore: gap });
    gap = 0;
  }
  // The masthead (paper name, channel links, publisher line) is not a story.
  const publisher = paragraphs.findIndex((paragraph) => PUBLISHER_LINE.test(paragraph.text));
  return publisher >= 0 ? paragraphs.slice(publisher + 1) : paragraphs;
}

/**
 * Joins a story's paragraphs that a column break split mid-sentence: one ending on a Han character
 * followed by one going on. A short fragment could also be a subhead: those joins are listed.
 */
export function rejoin(body: readonly string[]): { body: string[]; doubtful: string[]; joined: number } {
  const out: string[] = [];
  const doubtful: string[] = [];
  let joined = 0;
  for (const paragraph of body) {
    const previous = out[out.length - 1];
    if (previous !== undefined && !previous.startsWith("#") && isHan(previous.at(-1)) && CONTINUATION.test(paragraph)) {
      if (!continues(previous, paragraph)) doubtful.push(previous);
      out[out.length - 1] = previous + paragraph;
      joined++;
    } else out.push(paragraph);
  }
  return { body: out, doubtful, joined };
}

const isHeadlineLike = (text: string) => BOX_TITLE.test(text) || [...text].length <= 40 && !ENDS_SENTENCE.test(text) && !isNamesOnly(text) && !new RegExp(`^(?:${DATELINE.source})`, "u").test(text);
const startsWithDateline = (text: string) => new RegExp(`^(?:${DATELINE.source})`, "u").test(text);

function split(paragraphs: readonly Paragraph[]): Draft[] {
  const stories: Draft[] = [];
  let current: Draft | undefined;
  const start = (title?: string) => {
    current = { title, body: [], closed: false };
    stories.push(current);
  };
  paragraphs.forEach((paragraph, index) => {
    const next = paragraphs[index + 1];
    const text = paragraph.text;
    const newStory = current === undefined || current.closed || (paragraph.gapBefore >= 2 && current.body.length > 0);
    if (newStory) {
      if (BOX_TITLE.test(text) || (isHeadlineLike(text) && next && !isNamesOnly(next.text))) return start(text);
      start();
    } else if (current!.body.length > 0 && isHeadlineLike(text) && next && (startsWithDateline(next.text) || BOX_TITLE.test(current!.title ?? ""))) {
      return start(text);
    }
    if (isNamesOnly(text) && current!.body.length > 0) {
      current!.byline = text;
      current!.closed = true;
      return;
    }
    current!.body.push(text);
  });
  return stories.filter((story) => story.body.length > 0);
}

/** A headline proposed from the text when the source printed none: the first quoted clause of 5–16 characters. */
function proposeTitle(body: readonly string[]): string {
  for (const match of body.join("").matchAll(/“([^”]+)”/gu)) {
    const clause = match[1]!.split(/[，、；]/u)[0]!;
    if ([...clause].length >= 5 && [...clause].length <= 16) return clause;
  }
  return [...body[0]!].slice(0, 12).join("");
}

export function importPlainText(text: string, options: PlainTextOptions): { articles: ImportedArticle[]; joined: number } {
  const drafts = split(readParagraphs(text));
  let joined = 0;
  const page = options.page ?? 1;
  const label = String(page).padStart(2, "0");
  const articles: ImportedArticle[] = [];
  let order = 0;
  let lastStory: string | undefined;
  drafts.forEach((draft, index) => {
    const review: string[] = [];
    const rejoined = rejoin(draft.body);
    const body = rejoined.body;
    joined += rejoined.joined;
    for (const fragment of rejoined.doubtful) review.push(`"${fragment}" was joined with the next paragraph as one broken mid-sentence: check it is not a subhead`);
    const isBox = draft.title !== undefined && BOX_TITLE.test(draft.title);
    let title = draft.title;
    let subtitle: string | undefined;
    if (title?.includes("——")) [title, subtitle] = title.split(/——+/u).map((part) => part.trim()) as [string, string];

    let dateline: string | undefined;
    const datelineMatch = new RegExp(`^(?:${DATELINE.source})`, "u").exec(body[0] ?? "");
    if (datelineMatch) {
      dateline = datelineMatch[0];
      body[0] = body[0]!.slice(dateline.length).replace(/^[ \u3000，：]+/u, "");
    }

    const byline = draft.byline ? bylineNames(draft.byline) : undefined;
    const isPhoto = typeof byline === "string" && /摄$/u.test(byline);
    let type: ImportedArticle["fields"]["type"] = index === 0 && !isBox ? "lead" : undefined;
    if (isBox) type = "comment";
    else if (isPhoto) {
      type = "photo";
      review.push("the photo itself is not in the source: add it under images: (src, caption, credit)");
    }
    if (title === undefined) {
      title = proposeTitle(body);
      review.push(`the source prints no headline: "${title}" is proposed from the text, check it`);
    }
    if (!isBox && byline === undefined) review.push("no names found after the text: set byline: (false only for an unsigned brief or notice)");

    // 小标题: in a lead story, short one-sentence paragraphs between the text are subheads.
    if (type === "lead") {
      let subheads = 0;
      for (let at = 1; at < body.length - 1; at++) {
        const paragraph = body[at]!;
        if ([...paragraph].length <= 24 && /。$/u.test(paragraph) && /，/u.test(paragraph)) {
          body[at] = `## ${paragraph.slice(0, -1)}`;
          subheads++;
        }
      }
      if (subheads) review.push(`${subheads} short paragraph(s) made subheads (小标题): check them`);
    }
    // The expert's name and title open a box in bold, as printed.
    if (isBox && body.length > 1 && /：$/u.test(body[0]!) && [...body[0]!].length <= 40) body[0] = `**${body[0]}**`;

    if (!isBox) order++;
    const slug = isBox ? `p${label}-${String(order).padStart(2, "0")}-box` : `p${label}-${String(order).padStart(2, "0")}`;
    articles.push({
      slug,
      fields: {
        title,
        subtitle,
        section: options.section,
        type,
        dateline,
        byline: isBox ? false : byline ?? false,
        date: options.date,
        page: options.page,
        order: isBox ? undefined : order,
        attachedTo: isBox ? lastStory : undefined,
      },
      body: body.join("\n\n"),
      needsReview: review,
    });
    if (!isBox) lastStory = slug;
  });
  return { articles, joined };
}
