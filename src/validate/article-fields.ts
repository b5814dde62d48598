/**
 * Checks one article's front-matter and turns it into typed fields. Every problem is reported with
 * the file, the field's line, what was expected and what was found; nothing stops at the first.
 */
import type { ArticleSource } from "../content/read-content.ts";
import { PLACEMENT_SLOTS, STORY_TYPES, type StoryPlacement, type StoryType } from "../model/types.ts";
import type { SiteSettings } from "../site/settings.ts";
import { parseCalendarDate } from "../time/paper-date.ts";
import { didYouMean } from "./did-you-mean.ts";
import { MAX_ROWS } from "../layout/geometry.ts";
import { describe, FieldReader } from "./field-reader.ts";
import type { Problem } from "./problem.ts";

export interface ImageFields {
  readonly src: string;
  readonly caption: string;
  readonly credit?: string;
  readonly alt?: string;
}

export interface ArticleFields {
  readonly title: string;
  readonly kicker?: string;
  readonly subtitle?: string;
  readonly section: string;
  readonly byline: readonly string[];
  readonly date: string;
  readonly page?: number;
  readonly order?: number;
  readonly dateline?: string;
  readonly type: StoryType;
  readonly images: readonly ImageFields[];
  readonly attachedTo?: string;
  readonly slug: string;
  readonly placement?: StoryPlacement;
  /** Slug of the story that carries this one on, on a later page (下转第X版). */
  readonly continuedOn?: string;
  /** 更正: dated notes of corrections made after publication, oldest first. */
  readonly corrections: readonly Correction[];
}

export interface Correction {
  /** YYYY-MM-DD, the paper's day the correction was made. */
  readonly date: string;
  readonly note: string;
}

export const ARTICLE_FIELDS = [
  "title",
  "kicker",
  "subtitle",
  "section",
  "byline",
  "date",
  "page",
  "order",
  "dateline",
  "type",
  "images",
  "attachedTo",
  "slug",
  "placement",
  "continuedOn",
  "corrections",
  "needsReview",
] as const;

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Validates one article. Returns undefined when a required field is unusable. */
export function readArticleFields(
  source: ArticleSource,
  settings: SiteSettings,
  problems: Problem[],
): ArticleFields | undefined {
  // A file whose front-matter could not be read has its one problem reported already.
  if (source.unreadable) return undefined;
  const fields = new FieldReader(source.file, source.data, source.fields, problems, source.bodyLine);
  const before = problems.length;

  const title = fields.text("title", { required: true });
  const kicker = fields.text("kicker");
  const subtitle = fields.text("subtitle");
  const sectionNames = settings.sections.map((section) => section.name);
  const section = fields.text("section", { required: true });
  if (section !== undefined && !sectionNames.includes(section)) {
    fields.problem("section", `expected one of the paper's sections (${sectionNames.join(", ")}), found "${section}"${didYouMean(section, sectionNames)}`);
  }

  const byline = readByline(fields);
  const rawDate = fields.raw("date");
  const dateText = typeof rawDate === "string" && parseCalendarDate(rawDate.trim(), settings.timeZone) ? rawDate.trim() : undefined;
  if (dateText === undefined) {
    fields.problem("date", `${rawDate === undefined ? "required field is missing: " : ""}expected a real calendar date as YYYY-MM-DD, found ${describe(rawDate)}`);
  }
  const page = fields.integer("page", { min: 1, max: 999 });
  const order = fields.integer("order", { min: 0, max: 9999 });
  const dateline = fields.text("dateline");
  const typeText = fields.text("type");
  let type: StoryType = "news";
  if (typeText !== undefined) {
    if ((STORY_TYPES as readonly string[]).includes(typeText)) type = typeText as StoryType;
    else fields.problem("type", `expected one of ${STORY_TYPES.join(", ")}, found "${typeText}"${didYouMean(typeText, STORY_TYPES)}`);
  }
  const images = readImages(fields);
  const attachedTo = fields.text("attachedTo");
  if (type === "comment" && attachedTo === undefined) {
    fields.problem("attachedTo", "a comment box must name the story it belongs to (attachedTo: <slug>), found nothing");
  }
  const slug = fields.text("slug") ?? source.stem;
  if (!SLUG.test(slug)) {
    fields.problem(
      source.data.slug === undefined ? "slug" : "slug",
      `expected a URL slug of lower-case letters, digits and hyphens, found "${slug}"${source.data.slug === undefined ? " (from the file name; rename the file or set slug:)" : ""}`,
    );
  }

  const placement = readPlacement(fields, settings);
  const continuedOn = fields.text("continuedOn");
  if (continuedOn !== undefined && !SLUG.test(continuedOn)) {
    fields.problem("continuedOn", `expected the slug of the story that continues this one on a later page, found "${continuedOn}"`);
  }
  if (continuedOn !== undefined && (type === "comment" || attachedTo !== undefined)) {
    fields.problem("continuedOn", "a box attached to a story is printed whole beside it; only a story can continue on another page");
  }
  const corrections = readCorrections(fields, dateText, settings);
  const review = source.data.needsReview;
  if (review !== undefined && !(typeof review === "string" || (Array.isArray(review) && review.every((note) => typeof note === "string")))) {
    fields.problem("needsReview", `expected a note or a list of notes for the editor, found ${describe(review)}`);
  }

  for (const key of Object.keys(source.data)) {
    if (!(ARTICLE_FIELDS as readonly string[]).includes(key)) {
      fields.warning(key, `unknown field${didYouMean(key, ARTICLE_FIELDS)}; it is ignored`);
    }
  }

  if (problems.slice(before).some((problem) => problem.severity === "error")) return undefined;
  return {
    title: title!,
    kicker,
    subtitle,
    section: section!,
    byline: byline!,
    date: dateText!,
    page,
    order,
    dateline,
    type,
    images: images ?? [],
    attachedTo,
    slug,
    placement,
    continuedOn,
    corrections: corrections ?? [],
  };
}

const PLACEMENT_KEYS = ["slot", "columns", "lines"];

/**
 * `placement: 头条` or `placement: 通栏` (a named slot), or `placement: { columns: 3, lines: 40 }`
 * (width in grid columns, height in body lines; either may be left out).
 */
function readPlacement(fields: FieldReader, settings: SiteSettings): StoryPlacement | undefined {
  const value = fields.raw("placement");
  if (value === undefined || value === null) return undefined;
  const slots = PLACEMENT_SLOTS as readonly string[];
  const expected = `expected a slot (${PLACEMENT_SLOTS.join(", ")}) or { columns: 1–${settings.format.columns}, lines: 1–${MAX_ROWS} }`;
  if (typeof value === "string") {
    if (slots.includes(value.trim())) return { slot: value.trim() as StoryPlacement["slot"] };
    fields.problem("placement", `${expected}, found ${describe(value)}${didYouMean(value.trim(), slots)}`);
    return undefined;
  }
  if (typeof value !== "object" || Array.isArray(value)) {
    fields.problem("placement", `${expected}, found ${describe(value)}`);
    return undefined;
  }
  const mapping = value as Record<string, unknown>;
  const nested = new FieldReader(fields.file, mapping, new Map([...fields.positions].flatMap(([key, position]) => (key.startsWith("placement.") ? [[key.slice(10), position] as const] : []))), fields.problems, fields.line("placement"));
  const at = (key: string) => `placement.${key}`;
  for (const key of Object.keys(mapping)) {
    if (!PLACEMENT_KEYS.includes(key)) fields.warning(at(key), `unknown placement field${didYouMean(key, PLACEMENT_KEYS)}; it is ignored`);
  }
  const before = fields.problems.length;
  const columns = nested.integer("columns", { min: 1, max: settings.format.columns });
  const lines = nested.integer("lines", { min: 1, max: MAX_ROWS });
  const slot = nested.text("slot");
  if (slot !== undefined && !slots.includes(slot)) nested.problem("slot", `expected one of ${PLACEMENT_SLOTS.join(", ")}, found "${slot}"${didYouMean(slot, slots)}`);
  // Problems found by the nested reader name the field as placement.<key>.
  for (const problem of fields.problems.slice(before)) if (problem.field && !problem.field.startsWith("placement")) Object.assign(problem, { field: at(problem.field) });
  if (fields.problems.length > before) return undefined;
  if (columns === undefined && lines === undefined && slot === undefined) {
    fields.problem("placement", `${expected}, found an empty mapping`);
    return undefined;
  }
  return { slot: slot as StoryPlacement["slot"], columns, lines };
}

/**
 * Visits each entry of a field holding a list of mappings (`- key: value`), with its place for
 * messages (`images[2]`). An entry that is not a mapping is reported and skipped. False when the
 * field is there but is not a list (reported); a missing field is an empty list.
 */
function eachEntry(fields: FieldReader, field: string, expected: { list: string; entry: string }, visit: (entry: Record<string, unknown>, at: string) => void): boolean {
  const value = fields.raw(field);
  if (value === undefined) return true;
  if (!Array.isArray(value)) {
    fields.problem(field, `expected ${expected.list}, found ${describe(value)}`);
    return false;
  }
  value.forEach((item: unknown, index: number) => {
    const at = `${field}[${index}]`;
    if (typeof item !== "object" || item === null || Array.isArray(item)) fields.problem(field, `${at}: expected ${expected.entry}, found ${describe(item)}`);
    else visit(item as Record<string, unknown>, at);
  });
  return true;
}

function readCorrections(fields: FieldReader, articleDate: string | undefined, settings: SiteSettings): Correction[] | undefined {
  const corrections: Correction[] = [];
  const read = eachEntry(fields, "corrections", { list: "a list of corrections (- date: YYYY-MM-DD, note: …)", entry: "date and note" }, (entry, at) => {
    const date = typeof entry.date === "string" ? entry.date.trim() : undefined;
    const note = typeof entry.note === "string" && entry.note.trim() ? entry.note.trim() : undefined;
    let dateIsValid = false;
    if (!date || !parseCalendarDate(date, settings.timeZone)) fields.problem("corrections", `${at}.date: expected a real calendar date as YYYY-MM-DD, found ${describe(entry.date)}`);
    else if (articleDate && date < articleDate) fields.problem("corrections", `${at}.date: a correction follows publication (${articleDate}), found ${date}`);
    else dateIsValid = true;
    if (!note) fields.problem("corrections", `${at}.note: expected the text of the correction notice, found ${describe(entry.note)}`);
    for (const key of Object.keys(entry)) {
      if (key !== "date" && key !== "note") fields.warning("corrections", `${at}.${key}: unknown field${didYouMean(key, ["date", "note"])}; it is ignored`);
    }
    if (dateIsValid && date && note) corrections.push({ date, note });
  });
  if (!read) return undefined;
  return corrections.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function readByline(fields: FieldReader): readonly string[] | undefined {
  const value = fields.raw("byline");
  if (value === false) return [];
  if (typeof value === "string" && value.trim()) return [value.trim()];
  if (Array.isArray(value) && value.length > 0 && value.every((name) => typeof name === "string" && name.trim())) {
    return value.map((name: string) => name.trim());
  }
  fields.problem(
    "byline",
    `expected a name, a list of names, or false for an unsigned story, found ${describe(value)}`,
  );
  return undefined;
}

function readImages(fields: FieldReader): ImageFields[] | undefined {
  const images: ImageFields[] = [];
  const read = eachEntry(fields, "images", { list: "a list of images (- src: …, caption: …)", entry: "src and caption" }, (image, at) => {
    const text = (key: string) => (typeof image[key] === "string" && (image[key] as string).trim() ? (image[key] as string).trim() : undefined);
    const src = text("src");
    const caption = text("caption");
    if (!src) fields.problem("images", `${at}.src: expected the image file's name beside the article, found ${describe(image.src)}`);
    else if (src.includes("..") || src.startsWith("/") || /^[a-z]+:/i.test(src)) {
      fields.problem("images", `${at}.src: expected a file in the edition folder, found "${src}"`);
    }
    if (!caption) fields.problem("images", `${at}.caption: expected the caption text, found ${describe(image.caption)}`);
    for (const key of ["credit", "alt"]) {
      if (image[key] !== undefined && !text(key)) fields.problem("images", `${at}.${key}: expected text, found ${describe(image[key])}`);
    }
    for (const key of Object.keys(image)) {
      if (!["src", "caption", "credit", "alt"].includes(key)) fields.warning("images", `${at}.${key}: unknown field${didYouMean(key, ["src", "caption", "credit", "alt"])}; it is ignored`);
    }
    if (src && caption) images.push({ src, caption, credit: text("credit"), alt: text("alt") });
  });
  return read ? images : undefined;
}
