/**
 * Moving through the paper: 上一期 / 下一期 between editions (plain links), the "save this edition"
 * button (hidden until its script finds a service worker can run), a date jump and "on this day"
 * for the archive. Everything is a link first; scripts only add keys and shortcuts.
 */
import type { EditionIndexEntry } from "../model/edition-index.ts";
import type { Edition } from "../model/types.ts";
import type { ViewContext } from "../render/context.ts";
import { html, type Html } from "../render/html.ts";
import { issueText } from "../render/masthead.ts";
import { editionApiPath } from "../api/edition-api.ts";

export const KEYBOARD_SCRIPT = "js/keyboard-nav.js";
export const SAVE_EDITION_SCRIPT = "js/save-edition.js";
export const DATE_JUMP_SCRIPT = "js/date-jump.js";

type Entry = Pick<EditionIndexEntry, "date" | "path" | "dateText">;

/** The editions before and after `date` in time (`index` lists newest first). */
export function adjacentEditions<T extends Entry>(index: readonly T[], date: string): { earlier?: T; later?: T } {
  const at = index.findIndex((entry) => entry.date === date);
  if (at < 0) return {};
  return { earlier: index[at + 1], later: at > 0 ? index[at - 1] : undefined };
}

/** 上一期 / 下一期, and 保存本期 for offline reading. */
export function editionTurns(context: ViewContext, edition: Edition): Html {
  const { earlier, later } = adjacentEditions(context.index, edition.date);
  return html`<nav class="edition-turns" aria-label="翻期">
${earlier ? html`<a class="edition-earlier" href="${context.url(earlier.path)}">上一期　${earlier.dateText}</a>` : html`<span></span>`}
${later ? html`<a class="edition-later" href="${context.url(later.path)}">下一期　${later.dateText}</a>` : html`<span></span>`}
</nav>
<p class="save-edition"><button type="button" hidden data-save-edition data-date="${edition.date}" data-api="${context.url(editionApiPath(edition))}" data-root="${context.url("")}">保存本期，离线阅读</button> <span class="save-edition-status" role="status"></span></p>`;
}

/** 2020-02 → 2020-02-29 */
function lastDayOf(month: string): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(year, monthNumber, 0)).getUTCDate()).padStart(2, "0")}`;
}

/** Month pages by year: the date jump that needs no script; the form (shown by its script) goes straight to a day. */
export function dateJump(context: ViewContext): Html {
  const months = [...new Set(context.index.map((edition) => edition.date.slice(0, 7)))];
  const years = [...new Set(months.map((month) => month.slice(0, 4)))];
  const dates = context.index.map((edition) => edition.date);
  return html`<section class="date-jump" aria-labelledby="date-jump-title">
<h2 id="date-jump-title">按日期查找</h2>
<form class="date-jump-form" hidden data-date-jump data-dates="${dates.join(" ")}" data-root="${context.url("")}">
<label for="date-jump-day">日期</label>
<input id="date-jump-day" name="date" type="date" required min="${months.length ? `${months[months.length - 1]}-01` : ""}" max="${months.length ? lastDayOf(months[0]!) : ""}">
<button type="submit">前往</button>
<span class="date-jump-status" role="status"></span>
</form>
<ul class="month-index">
${years.map(
  (year) => html`<li><a href="${context.url(`archive/${year}/`)}">${year}年</a>：${months
    .filter((month) => month.startsWith(year))
    .reverse()
    .map((month) => html`<a href="${context.url(`archive/${year}/${month.slice(5)}/`)}">${Number(month.slice(5))}月</a> `)}</li>`,
)}
</ul>
</section>`;
}

/** 历史上的今天: the front pages of earlier years printed on the latest edition's month and day. */
export function onThisDay(context: ViewContext): Html {
  const [latest, ...older] = context.index;
  if (!latest) return html``;
  const monthDay = latest.date.slice(5);
  const past = older.filter((edition) => edition.date.slice(5) === monthDay);
  return html`<section class="on-this-day" aria-labelledby="on-this-day-title">
<h2 id="on-this-day-title">往年今日（${Number(monthDay.slice(0, 2))}月${Number(monthDay.slice(3))}日）</h2>
${past.length
  ? html`<ul>
${past.map(
  (edition) =>
    html`<li><a href="${context.url(edition.path)}"><time datetime="${edition.date}">${edition.dateText}</time> ${issueText(edition)} 第01版</a>${edition.lead !== undefined ? html`：${edition.lead}` : ""}</li>`,
)}
</ul>`
  : html`<p>往年的今天没有出版的报纸。</p>`}
</section>`;
}
