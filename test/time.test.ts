import { test } from "uvu";
import * as assert from "uvu/assert";
import { chineseDate, chineseWeekday, lunarDate, lunarDayName, parseCalendarDate, publishingDaysBetween } from "../src/time/paper-date.ts";

const ZONE = "Asia/Shanghai";
const day = (text: string) => parseCalendarDate(text, ZONE)!;

test("calendar dates are strict: no roll-over", () => {
  assert.ok(parseCalendarDate("2020-06-05", ZONE));
  assert.ok(parseCalendarDate("2020-02-29", ZONE));
  for (const bad of ["2020-02-30", "2019-02-29", "2026-13-45", "2020-6-5", "20200605", " 2020-06-05", "2020-06-05T00:00"]) {
    assert.is(parseCalendarDate(bad, ZONE), undefined, bad);
  }
});

test("the sample day as printed in the masthead", () => {
  assert.is(chineseDate(day("2020-06-05")), "2020年6月5日");
  assert.is(chineseWeekday(day("2020-06-05")), "星期五");
  assert.is(lunarDate(day("2020-06-05")), "农历庚子年闰四月十四");
});

test("lunar dates across months, leap months and new year", () => {
  assert.is(lunarDate(day("2020-01-25")), "农历庚子年正月初一");
  assert.is(lunarDate(day("2020-05-23")), "农历庚子年闰四月初一");
  assert.is(lunarDate(day("2021-02-11")), "农历庚子年腊月三十");
  assert.is(lunarDate(day("2023-02-14")), "农历癸卯年正月廿四");
});

test("lunar day names 初一 … 三十", () => {
  assert.equal([1, 10, 11, 19, 20, 21, 29, 30].map(lunarDayName), ["初一", "初十", "十一", "十九", "二十", "廿一", "廿九", "三十"]);
  assert.throws(() => lunarDayName(31));
});

test("publishing days between two dates count only the paper's weekdays", () => {
  const weekdays = [1, 2, 3, 4, 5];
  assert.is(publishingDaysBetween(day("2020-06-05"), day("2020-06-05"), weekdays), 0);
  assert.is(publishingDaysBetween(day("2020-06-05"), day("2020-06-08"), weekdays), 1);
  assert.is(publishingDaysBetween(day("2020-06-05"), day("2020-06-19"), weekdays), 10);
  assert.is(publishingDaysBetween(day("2020-06-08"), day("2020-06-05"), weekdays), -1);
  assert.is(publishingDaysBetween(day("2020-01-01"), day("2020-12-31"), [1, 2, 3, 4, 5, 6, 7]), 365);
});

test.run();
