/** A listing's years kept between builds (year-fragments.ts) and put together into one buffer (joinParts). */
import { readdir, truncate } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { joinParts } from "../../src/api/edition-api.ts";
import { YearFragments } from "../../src/publish/year-fragments.ts";
import { removeTempDirs, tempDir } from "./helpers.ts";

const keys = new Map([
  ["2020", "key-2020"],
  ["2021", "key-2021"],
]);

test.after(() => removeTempDirs("fragments"));

test("a kept year is given as its file, read into place among bytes made now", async () => {
  const dir = await tempDir("fragments");
  const made: string[] = [];
  const make = (text: string) => () => {
    made.push(text);
    return text;
  };
  const first = new YearFragments(dir, keys);
  const firstParts = [Buffer.from("{"), first.part("api", "2021", make("二〇二一")), Buffer.from(","), first.part("api", "2020", make("2020年")), Buffer.from("}")];
  assert.equal(joinParts(firstParts).toString("utf8"), "{二〇二一,2020年}");
  assert.equal(made, ["二〇二一", "2020年"], "both years made the first time");

  const second = new YearFragments(dir, keys);
  const kept = second.part("api", "2020", make("must not be made"));
  assert.ok(!(kept instanceof Uint8Array) && kept.size === Buffer.byteLength("2020年"), "the kept year comes as its file and size");
  const joined = joinParts([Buffer.from("["), second.part("api", "2021", make("unused")), Buffer.from("|"), kept, Buffer.from("]")]);
  assert.equal(joined.toString("utf8"), "[二〇二一|2020年]");
  assert.equal(made, ["二〇二一", "2020年"], "nothing made again");
});

test("a kept file shorter than it was when given stops the listing, naming the file", async () => {
  const dir = await tempDir("fragments");
  new YearFragments(dir, keys).part("api", "2020", () => "twenty twenty");
  const kept = new YearFragments(dir, keys).part("api", "2020", () => "unused");
  assert.ok(!(kept instanceof Uint8Array));
  const [name] = await readdir(dir);
  await truncate(path.join(dir, name!), 4);
  assert.throws(() => joinParts([kept]), (error: Error) => error.message.includes(name!) && error.message.includes("expected 13 bytes, found 4"));
});

test("without reuse (--fresh) every year is made again", async () => {
  const dir = await tempDir("fragments");
  new YearFragments(dir, keys).part("api", "2020", () => "old");
  const fresh = new YearFragments(dir, keys, false).part("api", "2020", () => "new");
  assert.ok(fresh instanceof Uint8Array);
  assert.equal(Buffer.from(fresh).toString("utf8"), "new");
  const after = new YearFragments(dir, keys).part("api", "2020", () => "unused");
  assert.equal(joinParts([after]).toString("utf8"), "new", "the fresh bytes are kept for the next build");
});

test.run();
