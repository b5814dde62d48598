/**
 * The one place that knows about time. A paper's date is a calendar day in the paper's own time
 * zone; nothing here reads the build machine's zone or clock.
 */
import { DateTime } from "luxon";

const WEEKDAYS = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"] as const;
const DIGITS = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"] as const;

// Every article repeats its edition's date: parsing in a zone is costly, so remember the answers.
const parsedDates = new Map<string, DateTime | undefined>();

/** A strict YYYY-MM-DD calendar date; rejects roll-overs such as 2020-02-30. */
export function parseCalendarDate(text: string, zone: string): DateTime | undefined {
  const key = `${zone} ${text}`;
  if (parsedDates.has(key)) return parsedDates.get(key);
  let result: DateTime | undefined;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const date = DateTime.fromISO(text, { zone });
    result = date.isValid && date.toISODate() === text ? date : undefined;
  }
  if (parsedDates.size > 100_000) parsedDates.clear();
  parsedDates.set(key, result);
  return result;
}

/** 2020年6月5日 */
export function chineseDate(date: DateTime): string {
  return `${date.year}年${date.month}月${date.day}日`;
}

/** 星期五 */
export function chineseWeekday(date: DateTime): string {
  return WEEKDAYS[date.weekday - 1] ?? "";
}

/** Lunar day number as printed: 初一 … 初十, 十一 … 十九, 二十, 廿一 … 廿九, 三十. */
export function lunarDayName(day: number): string {
  if (day < 1 || day > 30 || !Number.isInteger(day)) throw new RangeError(`lunar day out of range: ${day}`);
  if (day <= 10) return `初${DIGITS[day]}`;
  if (day < 20) return `十${DIGITS[day - 10]}`;
  if (day === 20) return "二十";
  if (day < 30) return `廿${DIGITS[day - 20]}`;
  return "三十";
}

const lunarFormats = new Map<string, Intl.DateTimeFormat>();
function lunarFormat(zone: string): Intl.DateTimeFormat {
  let format = lunarFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("zh-CN-u-ca-chinese", { timeZone: zone, year: "numeric", month: "long", day: "numeric" });
    lunarFormats.set(zone, format);
  }
  return format;
}

/** 农历庚子年闰四月十四, from ICU's Chinese calendar (full ICU ships with Node 20). */
export function lunarDate(date: DateTime): string {
  // Noon in the paper's zone: the lunar day is the paper's day whatever the offset.
  const instant = date.set({ hour: 12 }).toJSDate();
  const parts = lunarFormat(date.zoneName ?? "UTC").formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const month = part("month");
  const day = Number(part("day"));
  return `农历${part("yearName")}年${month}${lunarDayName(day)}`;
}

/** ISO 8601 date-time at the start of the paper's day, with the paper's offset (for <time> and feeds). */
export function startOfDayIso(date: DateTime): string {
  return date.startOf("day").toISO({ suppressMilliseconds: true }) ?? "";
}

/**
 * When an article last changed, as `<updated>`, JSON Feed and JSON-LD want it: its edition's
 * dateTime, or the start of its latest 更正's day in the paper's zone.
 */
export function modifiedIso(article: { readonly dateModified: string }, edition: { readonly date: string; readonly dateTime: string }, zone: string): string {
  if (article.dateModified === edition.date) return edition.dateTime;
  const day = parseCalendarDate(article.dateModified, zone);
  if (!day) throw new Error(`dateModified is not a calendar date: ${article.dateModified}`);
  return startOfDayIso(day);
}

/** Number of days from `from` to `to` whose ISO weekday is listed, counting `to` but not `from`. */
export function publishingDaysBetween(from: DateTime, to: DateTime, weekdays: readonly number[]): number {
  // Calendar arithmetic on the two days (no zone maths): this runs once per edition.
  const dayNumber = (date: DateTime) => Math.round(Date.UTC(date.year, date.month - 1, date.day) / 86_400_000);
  const [first, last] = [dayNumber(from), dayNumber(to)];
  const sign = last >= first ? 1 : -1;
  const [start, end] = sign > 0 ? [first, last] : [last, first];
  const days = end - start;
  const weeks = Math.floor(days / 7);
  let count = weeks * weekdays.length;
  // The remainder is less than a week: walk it. Day 0 (1970-01-01) was a Thursday, ISO weekday 4.
  for (let day = start + weeks * 7 + 1; day <= end; day++) {
    if (weekdays.includes((((day + 3) % 7) + 7) % 7 + 1)) count++;
  }
  return sign * count;
}

/** Today's date (YYYY-MM-DD) in the paper's zone: what an editor means by "today's edition". */
export function paperToday(zone: string, now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone }).toISODate() ?? "";
}
