/** 往期回顾: every edition by year and month, as calendars of plain links. */
import { byMonth, type EditionIndexEntry } from "../model/edition-index.ts";
import type { ViewContext } from "./context.ts";
import { html, type Html } from "./html.ts";
import { shell } from "./shell.ts";
import { DATE_JUMP_SCRIPT, dateJump, onThisDay } from "../navigation/edition-navigation.ts";

export type ArchiveScope = { readonly kind: "all" } | { readonly kind: "year"; readonly year: string } | { readonly kind: "month"; readonly year: string; readonly month: string };

export interface ArchiveEntry {
  readonly scope: ArchiveScope;
  readonly path: string;
}

/** Every archive view to write: /archive/, one per year, one per month with editions. */
export function archiveEntries(editions: readonly EditionIndexEntry[]): ArchiveEntry[] {
  const years = new Set<string>();
  const months = new Set<string>();
  for (const edition of editions) {
    years.add(edition.date.slice(0, 4));
    months.add(edition.date.slice(0, 7));
  }
  return [
    { scope: { kind: "all" }, path: "archive/" },
    ...[...years].map((year) => ({ scope: { kind: "year", year } as const, path: `archive/${year}/` })),
    ...[...months].map((month) => ({
      scope: { kind: "month", year: month.slice(0, 4), month: month.slice(5, 7) } as const,
      path: `archive/${month.slice(0, 4)}/${month.slice(5, 7)}/`,
    })),
  ];
}

/** The front page in small (its scan, or a drawing of its boxes); decorative, the link names the edition. */
function frontPageThumbnail(context: ViewContext, edition: EditionIndexEntry): Html {
  const front = edition.pages[0];
  const thumbnail = front && (front.thumbnail ?? context.images?.thumbnails.get(front.path));
  if (!thumbnail) return html``;
  return html`<img class="edition-thumb" src="${context.url(thumbnail.path)}" width="${thumbnail.width}" height="${thumbnail.height}" alt="" loading="lazy" decoding="async">`;
}

const WEEK_HEAD = ["一", "二", "三", "四", "五", "六", "日"];

function monthCalendar(context: ViewContext, byDate: ReadonlyMap<string, EditionIndexEntry>, year: string, month: string, headingLevel: 2 | 3): Html {
  // A calendar is about dates, not instants: no time zone enters it (and plain Date arithmetic in
  // UTC is a hundred times cheaper than zoned luxon objects, over every month of an archive).
  const utc = (monthIndex: number, day: number) => new Date(new Date(0).setUTCFullYear(Number(year), monthIndex, day));
  const weekdayOfFirst = utc(Number(month) - 1, 1).getUTCDay() || 7;
  const daysInMonth = utc(Number(month), 0).getUTCDate();
  const cells: Html[] = [];
  for (let blank = 1; blank < weekdayOfFirst; blank++) cells.push(html`<td></td>`);
  for (let day = 1; day <= daysInMonth; day++) {
    const date = `${year}-${month}-${String(day).padStart(2, "0")}`;
    const edition = byDate.get(date);
    cells.push(
      edition
        ? html`<td class="has-edition"><a href="${context.url(edition.path)}" title="${edition.lead ?? ""}">${day}</a></td>`
        : html`<td>${day}</td>`,
    );
  }
  while (cells.length % 7) cells.push(html`<td></td>`);
  const rows: Html[] = [];
  for (let index = 0; index < cells.length; index += 7) rows.push(html`<tr>${cells.slice(index, index + 7)}</tr>`);
  const title = `${Number(year)}年${Number(month)}月`;
  const heading = html`<a href="${context.url(`archive/${year}/${month}/`)}">${title}</a>`;
  return html`<section class="month">
<table class="calendar">
<caption>${headingLevel === 2 ? html`<h2>${heading}</h2>` : html`<h3>${heading}</h3>`}</caption>
<thead><tr>${WEEK_HEAD.map((day) => html`<th scope="col" abbr="星期${day}">${day}</th>`)}</tr></thead>
<tbody>${rows}</tbody>
</table>
</section>`;
}

interface IndexLookup {
  readonly byDate: ReadonlyMap<string, EditionIndexEntry>;
  /** "YYYY-MM" → its editions, in index order. */
  readonly byMonth: ReadonlyMap<string, readonly EditionIndexEntry[]>;
  /** Newest first. */
  readonly years: readonly string[];
  monthsOf(year: string): string[];
}

// Every archive page (one per month and year of the archive) looks editions up in the same index:
// built once per index, not once per page (at 100,000 articles that is 220 pages × 4,320 editions).
const lookups = new WeakMap<readonly EditionIndexEntry[], IndexLookup>();

function lookupOf(index: readonly EditionIndexEntry[]): IndexLookup {
  let lookup = lookups.get(index);
  if (!lookup) {
    const editionsByMonth = byMonth(index);
    const months = [...editionsByMonth.keys()];
    lookup = {
      byDate: new Map(index.map((edition) => [edition.date, edition])),
      byMonth: editionsByMonth,
      years: [...new Set(months.map((month) => month.slice(0, 4)))].sort().reverse(),
      monthsOf: (year) => months.filter((month) => month.startsWith(`${year}-`)).map((month) => month.slice(5, 7)).sort(),
    };
    lookups.set(index, lookup);
  }
  return lookup;
}

/** `index` lists every edition (light summaries: site-wide pages never need article bodies). */
export function archiveView(context: ViewContext, entry: ArchiveEntry, index: readonly EditionIndexEntry[]): string {
  const archive = { editions: index };
  const { byDate, byMonth, years, monthsOf } = lookupOf(index);
  const scope = entry.scope;

  let title: string;
  let body: Html;
  if (scope.kind === "month") {
    title = `${Number(scope.year)}年${Number(scope.month)}月`;
    const editions = byMonth.get(`${scope.year}-${scope.month}`) ?? [];
    body = html`${monthCalendar(context, byDate, scope.year, scope.month, 2)}
<h2>本月各期</h2>
<ol class="edition-list">
${editions.map(
  (edition) => html`<li><a href="${context.url(edition.path)}">${frontPageThumbnail(context, edition)}<time datetime="${edition.date}">${edition.dateText}</time> ${edition.weekday}</a>
${edition.lead !== undefined ? html`<span class="lead-title">${edition.lead}</span>` : ""}</li>`,
)}
</ol>`;
  } else if (scope.kind === "year") {
    title = `${scope.year}年`;
    body = html`<div class="calendars">${monthsOf(scope.year).map((month) => monthCalendar(context, byDate, scope.year, month, 2))}</div>`;
  } else {
    title = "全部";
    // Every year and month is listed by the date jump's index; calendars only for the newest year
    // (all years' calendars made this page 620 KB at ten years, too much for a phone).
    body = html`${dateJump(context)}
${onThisDay(context)}
${years.slice(0, 1).map(
      (year) => html`<section class="year">
<h2><a href="${context.url(`archive/${year}/`)}">${year}年</a></h2>
<div class="calendars">${monthsOf(year).map((month) => monthCalendar(context, byDate, year, month, 3))}</div>
</section>`,
    )}`;
  }
  // A year's and a month's pages speak only of their own editions, so publishing a day leaves
  // every other year's pages as they are (incremental-build.ts keeps them in place).
  const latest = archive.editions[0];
  const count =
    scope.kind === "month"
      ? html`本月共 ${byMonth.get(`${scope.year}-${scope.month}`)?.length ?? 0} 期`
      : scope.kind === "year"
        ? html`本年共 ${monthsOf(scope.year).reduce((sum, month) => sum + (byMonth.get(`${scope.year}-${month}`)?.length ?? 0), 0)} 期`
        : html`共 ${archive.editions.length} 期${latest ? html`，最新一期：<a href="${context.url(latest.path)}">${latest.dateText}</a>` : ""}`;
  const main = html`<div class="archive">
<nav class="breadcrumb" aria-label="位置"><a href="${context.url("")}">${context.site.name}</a> › <a href="${context.url("archive/")}">往期回顾</a>${scope.kind !== "all" ? html` › <a href="${context.url(`archive/${scope.year}/`)}">${scope.year}年</a>` : ""}</nav>
<h1>往期回顾 · ${title}</h1>
<p>${count}</p>
${body}
</div>`;
  return shell(context, {
    title: `往期回顾 ${title} - ${context.site.name}`,
    description: `${context.site.name}往期回顾：${title}各期数字报`,
    canonical: entry.path,
    bodyClass: "view-archive",
    scripts: scope.kind === "all" ? [DATE_JUMP_SCRIPT] : [],
    header: html`<header class="site-head"><p class="paper-name"><a href="${context.url("")}">${context.site.name}</a></p></header>`,
    main,
  }).value;
}

export function notFoundView(context: ViewContext): string {
  const main = html`<div class="not-found">
<h1>找不到这个页面</h1>
<p>您要找的版面或文章不存在，可能地址有误。</p>
<ul>
<li><a href="${context.url("")}">返回最新一期</a></li>
<li><a href="${context.url("archive/")}">往期回顾</a></li>
</ul>
</div>`;
  return shell(context, {
    title: `找不到页面 - ${context.site.name}`,
    description: "页面不存在",
    canonical: "404.html",
    bodyClass: "view-404",
    noindex: true,
    header: html`<header class="site-head"><p class="paper-name"><a href="${context.url("")}">${context.site.name}</a></p></header>`,
    main,
  }).value;
}
