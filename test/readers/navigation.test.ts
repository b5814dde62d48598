/** 上一期/下一期, the archive's date jump and 往年今日, from a small made-up archive. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Archive, Edition } from "../../src/model/types.ts";
import { adjacentEditions, dateJump, onThisDay } from "../../src/navigation/edition-navigation.ts";
import { ViewContext } from "../../src/render/context.ts";
import { archiveView } from "../../src/render/archive-view.ts";
import { editionIndexEntry } from "../../src/model/edition-index.ts";
import settings from "../fixtures/sample/site.config.ts";

function edition(date: string, issueNumber: number): Edition {
  const page = { number: 1, label: "01", name: "要闻", credits: {}, articles: [{ title: `头条 ${date}` } as never], path: `${date}/01/` };
  return { date, dateTime: `${date}T00:00:00+08:00`, dateText: date, weekday: "", lunar: "", issueNumber, pages: [page], path: `${date}/` };
}

const editions = ["2023-03-02", "2023-03-01", "2022-05-01", "2022-03-02", "2021-03-02"].map((date, index) => edition(date, 900 - index));
const archive: Archive = { site: settings, editions };
const context = new ViewContext(archive, { css: "assets/x.css", files: {} }, "archive/");

test("adjacent editions: earlier is older, later is newer, none past the ends", () => {
  assert.is(adjacentEditions(editions, editions[1]!.date).earlier, editions[2]);
  assert.is(adjacentEditions(editions, editions[1]!.date).later, editions[0]);
  assert.is(adjacentEditions(editions, editions[0]!.date).later, undefined);
  assert.is(adjacentEditions(editions, editions[4]!.date).earlier, undefined);
});

test("往年今日 lists the front pages of the latest edition's day in earlier years, newest first", () => {
  const text = onThisDay(context).value;
  assert.match(text, /往年今日（3月2日）/);
  const linked = [...text.matchAll(/href="([^"]+)"/g)].map((match) => match[1]);
  assert.equal(linked, ["../2022-03-02/", "../2021-03-02/"]);
  assert.match(text, /头条 2022-03-02/);
  assert.not.match(text, /2022-05-01|2023-03-01/);
});

test("the date jump works without script: month links by year (months in calendar order); the form carries every date", () => {
  const text = dateJump(context).value;
  const months = [...text.matchAll(/href="([^"]+)"/g)].map((match) => match[1]);
  assert.equal(months, ["2023/", "2023/03/", "2022/", "2022/03/", "2022/05/", "2021/", "2021/03/"]);
  assert.match(text, /<form class="date-jump-form" hidden/);
  assert.match(text, /data-dates="2023-03-02 2023-03-01 2022-05-01 2022-03-02 2021-03-02"/);
  assert.match(text, /min="2021-03-01" max="2023-03-31"/, "any day of the months with editions");
});

test("往期回顾's first page: the index of every year and month, calendars of the newest year only; a year's page has its own", () => {
  const index = editions.map(editionIndexEntry);
  const all = archiveView(context, { scope: { kind: "all" }, path: "archive/" }, index);
  const calendars = [...all.matchAll(/<caption><h3><a href="([^"]+)">/g)].map((match) => match[1]);
  assert.equal(calendars, ["2023/03/"]);
  for (const older of ["2022/05/", "2021/03/", "2021/"]) assert.match(all, `href="${older}"`);
  const yearContext = new ViewContext(archive, { css: "assets/x.css", files: {} }, "archive/2022/");
  const year = archiveView(yearContext, { scope: { kind: "year", year: "2022" }, path: "archive/2022/" }, index);
  assert.equal([...year.matchAll(/<caption><h2><a href="([^"]+)">/g)].map((match) => match[1]), ["03/", "05/"]);
});

test.run();
