/**
 * Validated sources → the immutable model. Checks that need more than one file (dates against the
 * edition folder, slugs, page clashes, attached boxes, images on disk) live here, and every
 * problem is collected before anyone renders anything.
 */
import type { ArticleSource, ContentSource, EditionSource } from "../content/read-content.ts";
import { bodyTextLength, renderBody, type RenderedBody } from "../markdown/render-markdown.ts";
import { plainTextBlocks, textBlocksFromHtml } from "../markdown/text-blocks.ts";
import type { SiteSettings } from "../site/settings.ts";
import {
  chineseDate,
  chineseWeekday,
  lunarDate,
  parseCalendarDate,
  publishingDaysBetween,
  startOfDayIso,
} from "../time/paper-date.ts";
import { readArticleFields, type ArticleFields } from "../validate/article-fields.ts";
import { didYouMean } from "../validate/did-you-mean.ts";
import { FieldReader } from "../validate/field-reader.ts";
import type { Problem } from "../validate/problem.ts";
import type { Archive, Article, BodyBlock, Edition, Page, StoryType } from "./types.ts";

const TYPE_RANK: Record<StoryType, number> = { lead: 0, news: 1, photo: 2, brief: 3, notice: 4, comment: 5 };
const EDITION_FIELDS = ["issueNumber", "note"];
const PAGE_FIELDS = ["name", "editor", "layout", "proofreader", "scan"];

interface Draft {
  readonly source: ArticleSource;
  readonly fields: ArticleFields;
  readonly pageNumber: number;
}

export function pageLabel(number: number): string {
  return String(number).padStart(2, "0");
}

/** Builds the archive, or pushes problems and returns what could be built. */
export function buildModel(content: ContentSource, site: SiteSettings, problems: Problem[]): Archive {
  const editions: Edition[] = [];
  for (const source of content.editions) {
    const edition = buildEdition(source, site, problems);
    if (edition) editions.push(edition);
  }
  editions.sort((a, b) => (a.date < b.date ? 1 : -1));
  return Object.freeze({ site, editions: Object.freeze(editions) });
}

function buildEdition(source: EditionSource, site: SiteSettings, problems: Problem[]): Edition | undefined {
  const day = parseCalendarDate(source.date, site.timeZone);
  if (!day) {
    problems.push({ severity: "error", file: source.folder, message: `edition folder: expected a real date as YYYY-MM-DD, found "${source.date}"` });
    return undefined;
  }

  const drafts: Draft[] = [];
  for (const articleSource of source.articles) {
    // One broken front-matter is one problem, not also every field it seems to lack.
    if (articleSource.unreadable) continue;
    const fields = readArticleFields(articleSource, site, problems);
    if (!fields) continue;
    const reader = new FieldReader(articleSource.file, articleSource.data, articleSource.fields, problems);
    if (fields.date !== source.date) {
      reader.problem("date", `expected the edition's date ${source.date} (the folder ${source.folder}), found ${fields.date}`);
      continue;
    }
    fields.images.forEach((image, index) => {
      if (!source.files.has(image.src)) {
        reader.problem("images", `images[${index}].src: expected a file named "${image.src}" in ${source.folder}, found none`);
      }
    });
    const sectionPage = site.sections.find((section) => section.name === fields.section)?.page ?? 1;
    drafts.push({ source: articleSource, fields, pageNumber: fields.page ?? sectionPage });
  }
  checkAcrossArticles(drafts, problems);

  const pageSettings = new Map(source.pages.map((page) => [page.number, readPageSettings(page, source, problems)]));
  const numbers = [...new Set(drafts.map((draft) => draft.pageNumber))].sort((a, b) => a - b);
  for (const [number, settings] of pageSettings) {
    if (!numbers.includes(number)) {
      problems.push({ severity: "warning", file: settings.file, line: 1, message: `page ${pageLabel(number)} has settings but no articles; it is not published` });
    }
  }

  const pages: Page[] = numbers.map((number) => {
    const onPage = drafts.filter((draft) => draft.pageNumber === number);
    const settings = pageSettings.get(number);
    const name = settings?.name ?? onPage[0]!.fields.section;
    const pagePath = `${source.date}/${pageLabel(number)}/`;
    const articles = printOrder(onPage).map((draft) => toArticle(draft, drafts, pagePath, source));
    return Object.freeze({
      number,
      label: pageLabel(number),
      name,
      credits: Object.freeze({ editor: settings?.editor, layout: settings?.layout, proofreader: settings?.proofreader }),
      scan: settings?.scan,
      scanFile: settings?.scan !== undefined ? `${source.dir}/${settings.scan}` : undefined,
      settingsFile: settings?.file,
      articles: Object.freeze(articles),
      path: pagePath,
    });
  });
  if (pages.length === 0) {
    // Articles that failed validation are reported on their own; an empty folder is its own error.
    if (source.articles.length > 0) return undefined;
    problems.push({ severity: "error", file: source.folder, message: "edition: expected at least one article, found none" });
    return undefined;
  }

  const editionFields = readEditionSettings(source, site, problems);
  let lunar: string | undefined;
  return Object.freeze({
    date: source.date,
    dateTime: startOfDayIso(day),
    dateText: chineseDate(day),
    weekday: chineseWeekday(day),
    // ICU's Chinese calendar is slow (about 0.5 ms a date): computed when a view asks.
    get lunar() {
      return (lunar ??= lunarDate(day));
    },
    issueNumber: editionFields.issueNumber ?? countedIssueNumber(source.date, site),
    note: editionFields.note,
    pages: Object.freeze(pages),
    path: `${source.date}/`,
  });
}

function checkAcrossArticles(drafts: readonly Draft[], problems: Problem[]): void {
  const bySlug = new Map<string, Draft>();
  const pageOfSection = new Map<string, Draft>();
  const sectionOfPage = new Map<number, Draft>();
  for (const draft of drafts) {
    const reader = new FieldReader(draft.source.file, draft.source.data, draft.source.fields, problems);
    const other = bySlug.get(draft.fields.slug);
    if (other) reader.problem("slug", `expected a slug unique in the edition, found "${draft.fields.slug}", also used by ${other.source.file}`);
    else bySlug.set(draft.fields.slug, draft);

    const sameSection = pageOfSection.get(draft.fields.section);
    if (sameSection && sameSection.pageNumber !== draft.pageNumber) {
      reader.problem(
        draft.source.data.page === undefined ? "section" : "page",
        `section ${draft.fields.section} is on page ${pageLabel(sameSection.pageNumber)} in ${sameSection.source.file}, found page ${pageLabel(draft.pageNumber)}: one section is printed on one page a day`,
      );
    } else pageOfSection.set(draft.fields.section, draft);

    const samePage = sectionOfPage.get(draft.pageNumber);
    if (samePage && samePage.fields.section !== draft.fields.section) {
      reader.problem(
        draft.source.data.page === undefined ? "section" : "page",
        `page ${pageLabel(draft.pageNumber)} is the ${samePage.fields.section} page (${samePage.source.file}), found section ${draft.fields.section} on it: give one of them another page`,
      );
    } else sectionOfPage.set(draft.pageNumber, draft);
  }
  for (const draft of drafts) {
    const target = draft.fields.attachedTo;
    if (target === undefined) continue;
    const reader = new FieldReader(draft.source.file, draft.source.data, draft.source.fields, problems);
    const story = bySlug.get(target);
    if (!story) reader.problem("attachedTo", `expected the slug of a story in this edition, found "${target}"${didYouMean(target, [...bySlug.keys()])}`);
    else if (story === draft || story.fields.attachedTo !== undefined) reader.problem("attachedTo", `expected a story that is not itself attached to another, found "${target}"`);
    else if (story.pageNumber !== draft.pageNumber) reader.problem("attachedTo", `a box is printed beside its story: "${target}" is on page ${pageLabel(story.pageNumber)}, this box on page ${pageLabel(draft.pageNumber)}`);
  }
  checkContinuations(drafts, bySlug, problems);
}

/** 下转第X版: the continuation is another story of the edition, on a later page, continuing one story only. */
function checkContinuations(drafts: readonly Draft[], bySlug: ReadonlyMap<string, Draft>, problems: Problem[]): void {
  const continuedFrom = new Map<string, Draft>();
  for (const draft of drafts) {
    const target = draft.fields.continuedOn;
    if (target === undefined) continue;
    const reader = new FieldReader(draft.source.file, draft.source.data, draft.source.fields, problems);
    const story = bySlug.get(target);
    const earlier = continuedFrom.get(target);
    if (!story) reader.problem("continuedOn", `expected the slug of a story in this edition, found "${target}"${didYouMean(target, [...bySlug.keys()])}`);
    else if (story.pageNumber <= draft.pageNumber) reader.problem("continuedOn", `a story continues on a later page: "${target}" is on page ${pageLabel(story.pageNumber)}, this story on page ${pageLabel(draft.pageNumber)}`);
    else if (story.fields.attachedTo !== undefined) reader.problem("continuedOn", `expected a story, found "${target}", a box attached to ${story.fields.attachedTo}`);
    else if (earlier) reader.problem("continuedOn", `"${target}" already continues ${earlier.source.file}; a continuation carries on one story`);
    else continuedFrom.set(target, draft);
  }
}

/** Lead first, then by `order`, type and file name; each attached box right after its story. */
function printOrder(drafts: readonly Draft[]): Draft[] {
  const rank = (draft: Draft) => [draft.fields.order ?? 1000, TYPE_RANK[draft.fields.type]] as const;
  const sorted = [...drafts].sort((a, b) => {
    const [orderA, typeA] = rank(a);
    const [orderB, typeB] = rank(b);
    return orderA - orderB || typeA - typeB || (a.source.stem < b.source.stem ? -1 : a.source.stem > b.source.stem ? 1 : 0);
  });
  const stories = sorted.filter((draft) => draft.fields.attachedTo === undefined);
  const boxes = sorted.filter((draft) => draft.fields.attachedTo !== undefined);
  return stories.flatMap((story) => [story, ...boxes.filter((box) => box.fields.attachedTo === story.fields.slug)]);
}

function toArticle(draft: Draft, all: readonly Draft[], pagePath: string, edition: EditionSource): Article {
  const { fields, source } = draft;
  // Rendered on first use: check and the proofreader never need the HTML.
  let rendered: RenderedBody | undefined;
  const body = () => (rendered ??= renderBody(source.body));
  let blocks: readonly BodyBlock[] | undefined;
  return Object.freeze({
    slug: fields.slug,
    kicker: fields.kicker,
    title: fields.title,
    subtitle: fields.subtitle,
    section: fields.section,
    pageNumber: draft.pageNumber,
    order: fields.order ?? 1000,
    type: fields.type,
    dateline: fields.dateline,
    byline: Object.freeze([...fields.byline]),
    date: fields.date,
    images: Object.freeze(
      fields.images.map((image) =>
        Object.freeze({ src: image.src, file: `${edition.dir}/${image.src}`, caption: image.caption, credit: image.credit, alt: image.alt ?? image.caption }),
      ),
    ),
    attachedTo: fields.attachedTo,
    attachments: Object.freeze(all.filter((other) => other.fields.attachedTo === fields.slug).map((other) => other.fields.slug)),
    placement: fields.placement ? Object.freeze({ ...fields.placement }) : undefined,
    continuedOn: fields.continuedOn,
    continuedFrom: all.find((other) => other.fields.continuedOn === fields.slug)?.fields.slug,
    get bodyHtml() {
      return body().articleHtml;
    },
    get bodyHtmlOnPage() {
      return body().pageHtml;
    },
    get bodyBlocks() {
      return (blocks ??= plainTextBlocks(source.body) ?? textBlocksFromHtml(body().pageHtml));
    },
    get textLength() {
      return bodyTextLength(source.body);
    },
    corrections: Object.freeze(fields.corrections.map((correction) => Object.freeze({ ...correction }))),
    dateModified: fields.corrections.at(-1)?.date ?? fields.date,
    sourceFile: source.file,
    path: `${pagePath}${fields.slug}/`,
  });
}

interface PageSettings {
  readonly file: string;
  readonly name?: string;
  readonly editor?: string;
  readonly layout?: string;
  readonly proofreader?: string;
  readonly scan?: string;
}

function readPageSettings(source: EditionSource["pages"][number], edition: EditionSource, problems: Problem[]): PageSettings {
  const reader = new FieldReader(source.file, source.data, source.fields, problems);
  const scan = reader.text("scan");
  if (scan !== undefined && !edition.files.has(scan)) {
    reader.problem("scan", `expected a page scan named "${scan}" in ${edition.folder}, found none`);
  }
  for (const key of Object.keys(source.data)) {
    if (!PAGE_FIELDS.includes(key)) reader.warning(key, `unknown page field${didYouMean(key, PAGE_FIELDS)}; it is ignored`);
  }
  return {
    file: source.file,
    name: reader.text("name"),
    editor: reader.text("editor"),
    layout: reader.text("layout"),
    proofreader: reader.text("proofreader"),
    scan,
  };
}

function readEditionSettings(source: EditionSource, site: SiteSettings, problems: Problem[]): { issueNumber?: number; note?: string } {
  if (!source.edition) {
    if (site.issueNumbering.kind === "explicit") {
      problems.push({ severity: "error", file: `${source.folder}/edition.yaml`, field: "issueNumber", message: "expected the edition's issue number (the paper numbers issues explicitly), found no edition.yaml" });
    }
    return {};
  }
  const reader = new FieldReader(source.edition.file, source.edition.data, source.edition.fields, problems);
  for (const key of Object.keys(source.edition.data)) {
    if (!EDITION_FIELDS.includes(key)) reader.warning(key, `unknown edition field${didYouMean(key, EDITION_FIELDS)}; it is ignored`);
  }
  const issueNumber = reader.integer("issueNumber", { min: 1, max: 10_000_000 });
  if (issueNumber === undefined && site.issueNumbering.kind === "explicit" && source.edition.data.issueNumber === undefined) {
    reader.problem("issueNumber", "expected the edition's issue number (the paper numbers issues explicitly), found nothing");
  }
  return { issueNumber, note: reader.text("note") };
}

function countedIssueNumber(date: string, site: SiteSettings): number | undefined {
  const numbering = site.issueNumbering;
  if (numbering.kind !== "counted") return undefined;
  const base = parseCalendarDate(numbering.baseDate, site.timeZone);
  const day = parseCalendarDate(date, site.timeZone);
  if (!base || !day) return undefined;
  const number = numbering.baseNumber + publishingDaysBetween(base, day, numbering.publishingWeekdays);
  return number > 0 ? number : undefined;
}

