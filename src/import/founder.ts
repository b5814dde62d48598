/**
 * Imports a Founder (方正翔宇) e-paper page: `html/YYYY-MM/DD/node_N.htm` lists the page's articles
 * (`content_N.htm`), each carrying its fields in an `<!--enpproperty …-->` block — 引题 introtitle,
 * 主标题 title, 副标题 subtitle, 作者 author, 版名 nodename — and its text in `<founder-content>`.
 * The old URLs are kept so redirects can point them at the new ones.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { bylineNames, isNamesOnly } from "../proofread/rules/byline-required.ts";
import { DATELINE } from "../proofread/rules/dateline-position.ts";
import { fullWidthPunctuation } from "./chinese-text.ts";
import { decodeHtml, textOf } from "./html-text.ts";
import type { ImportedArticle } from "./imported.ts";
import { BOX_TITLE, rejoin } from "./plain-text.ts";

export interface FounderPage {
  readonly date: string;
  readonly number: number;
  readonly name: string;
  /** Old site paths, e.g. html/2020-06/05/node_2.htm. */
  readonly oldPath: string;
  readonly articles: readonly (ImportedArticle & { readonly oldPath: string })[];
  /** Problems with the page itself (a listed article missing, no page number). */
  readonly problems: readonly string[];
}

const OLD_PATH = /html\/(\d{4})-(\d{2})\/(\d{2})\/(node_\d+\.htm)$/;

export interface FounderFields {
  readonly introtitle?: string;
  readonly title?: string;
  readonly subtitle?: string;
  readonly author?: string;
  readonly nodename?: string;
  readonly date?: string;
}

/** Fields from the enpproperty block, or from labelled cells (引题：… 作者：…) on pages without one. */
export function founderFields(html: string): FounderFields {
  const block = /<!--enpproperty([\s\S]*?)\/enpproperty-->/i.exec(html)?.[1];
  const fields: Record<string, string> = {};
  if (block) {
    for (const match of block.matchAll(/<(\w+)>([\s\S]*?)<\/\1>/g)) {
      const value = textOf(match[2]!);
      if (value) fields[match[1]!.toLowerCase()] = value;
    }
  } else {
    const labels: Record<string, string> = { 引题: "introtitle", 主标题: "title", 副标题: "subtitle", 作者: "author" };
    for (const match of textOf(html.replace(/<\/(td|p|div|tr)>/gi, "\n")).matchAll(/(引题|主标题|副标题|作者)[:：]\s*([^\n]*)/g)) {
      if (match[2]!.trim()) fields[labels[match[1]!]!] = match[2]!.trim();
    }
  }
  return fields;
}

/** Paragraphs of <founder-content>: <P> per paragraph; a <BR> inside one is a line break, not a paragraph. */
export function founderParagraphs(html: string): { text: string; bold: boolean }[] {
  const content = /<founder-content>([\s\S]*?)<\/founder-content>/i.exec(html)?.[1] ?? "";
  return content
    .split(/<\/p\s*>|<p(?:\s[^>]*)?>/i)
    .map((part) => ({ text: fullWidthPunctuation(textOf(part.replace(/<br\s*\/?>/gi, ""))), bold: /^\s*<(b|strong)>[\s\S]*<\/\1>\s*$/i.test(part) }))
    .filter((paragraph) => paragraph.text);
}

function imagesOf(html: string): string[] {
  const content = html.replace(/<!--[\s\S]*?-->/g, "");
  return [...content.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1]!).filter((src) => !/dot\.gif$|spacer/i.test(src));
}

export async function importFounderPage(nodeFile: string): Promise<FounderPage> {
  const problems: string[] = [];
  const normalized = nodeFile.split(path.sep).join("/");
  const at = OLD_PATH.exec(normalized);
  const html = decodeHtml(await readFile(nodeFile));
  const heading = /第\s*(\d{1,3})\s*版\s*[:：]?\s*([^<&\s]*)/.exec(textOf(html.replace(/<\/(td|div|p)>/gi, "\n")));
  if (!heading) problems.push(`${nodeFile}: expected a page heading like 第01版：要闻, found none`);
  const number = heading ? Number(heading[1]) : 1;
  const name = heading?.[2] || "";
  const links = [...new Set([...html.matchAll(/href\s*=\s*["']?(content_\d+\.htm)/gi)].map((match) => match[1]!))];
  const articles: (ImportedArticle & { oldPath: string })[] = [];
  let date = at ? `${at[1]}-${at[2]}-${at[3]}` : "";
  let order = 0;
  let lastStory: string | undefined;
  const label = String(number).padStart(2, "0");
  for (const link of links) {
    const file = path.join(path.dirname(nodeFile), link);
    let content: string;
    try {
      content = decodeHtml(await readFile(file));
    } catch {
      problems.push(`${nodeFile}: lists ${link}, which is not there`);
      continue;
    }
    const fields = founderFields(content);
    if (!date && fields.date && /^\d{4}-\d{2}-\d{2}$/.test(fields.date)) date = fields.date;
    const review: string[] = [];
    const paragraphs = founderParagraphs(content);
    let title = fields.title;
    if (!title) {
      title = textOf(/<title>([\s\S]*?)<\/title>/i.exec(content)?.[1] ?? "").replace(/--.*$/, "") || link;
      review.push(`no 主标题 in ${link}: "${title}" is taken from the page title, check it`);
    }
    const isBox = BOX_TITLE.test(title);
    // Founder marks subheads in bold; a bold short paragraph is a 小标题.
    const body = paragraphs.map((paragraph) => (paragraph.bold && [...paragraph.text].length <= 30 ? `## ${paragraph.text.replace(/。$/u, "")}` : paragraph.text));
    let byline: string | string[] | undefined = fields.author ? bylineNames(fields.author) : undefined;
    if (byline === undefined && body.length > 1 && isNamesOnly(body[body.length - 1]!)) byline = bylineNames(body.pop()!);
    const rejoined = rejoin(body);
    for (const fragment of rejoined.doubtful) review.push(`"${fragment}" was joined with the next paragraph as one broken mid-sentence: check it is not a subhead`);
    const text = rejoined.body;
    let dateline: string | undefined;
    const match = new RegExp(`^(?:${DATELINE.source})`, "u").exec(text[0] ?? "");
    if (match) {
      dateline = match[0];
      text[0] = text[0]!.slice(dateline.length).replace(/^[ \u3000，：]+/u, "");
    }
    const images = imagesOf(content);
    const isPhoto = images.length > 0 || (typeof byline === "string" && /摄$/u.test(byline));
    if (images.length) review.push(`photo(s) on the old page not imported: ${images.join(", ")} — add them under images:`);
    let type: ImportedArticle["fields"]["type"];
    if (isBox) {
      type = "comment";
      if (lastStory) review.push(`attached to the story before it on the page (${lastStory}): check attachedTo`);
      if (text.length > 1 && /：$/u.test(text[0]!) && [...text[0]!].length <= 40) text[0] = `**${text[0]}**`;
    } else if (isPhoto) type = "photo";
    else if (number === 1 && order === 0) type = "lead";
    if (!isBox && byline === undefined) review.push("no 作者 in the source: set byline: (false only for an unsigned brief or notice)");
    if (!isBox) order++;
    const slug = isBox ? `p${label}-${String(order).padStart(2, "0")}-box` : `p${label}-${String(order).padStart(2, "0")}`;
    articles.push({
      slug,
      oldPath: at ? `html/${at[1]}-${at[2]}/${at[3]}/${link}` : link,
      fields: {
        title,
        kicker: fields.introtitle,
        subtitle: fields.subtitle?.replace(/^——+/u, ""),
        section: fields.nodename ?? name,
        type,
        dateline,
        byline: isBox ? false : byline ?? false,
        date,
        page: number,
        order: isBox ? undefined : order,
        attachedTo: isBox ? lastStory : undefined,
      },
      body: text.join("\n\n"),
      needsReview: review,
    });
    if (!isBox) lastStory = slug;
  }
  if (!date) problems.push(`${nodeFile}: expected the date in the path (html/YYYY-MM/DD/) or in the articles, found none`);
  return { date, number, name, oldPath: at ? `html/${at[1]}-${at[2]}/${at[3]}/${at[4]}` : path.basename(nodeFile), articles, problems };
}
