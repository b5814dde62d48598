/** Every page of the built sample and of a small generated archive validates and links only to files that exist. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { HtmlValidate, type Report } from "html-validate";
import { test } from "uvu";
import { beforeAll } from "../before-all.ts";
import * as assert from "uvu/assert";
import { listFiles, sharedSample, sharedSynthetic, PROJECT_ROOT, type BuiltSite } from "./built-sites.ts";
import { brokenLinks, internalUrls } from "../site-links.ts";

let sites: BuiltSite[] = [];
let validator: HtmlValidate;

beforeAll(test, async () => {
  validator = new HtmlValidate(JSON.parse(await readFile(path.join(PROJECT_ROOT, ".htmlvalidate.json"), "utf8")));
  sites = await Promise.all([sharedSample(), sharedSynthetic()]);
});
test.after(async () => {
  await Promise.all(sites.map((site) => site.cleanup()));
});

function describe(report: Report): string[] {
  return report.results.flatMap((result) => result.messages.map((message) => `${result.filePath}:${message.line}:${message.column} ${message.ruleId} ${message.message}`));
}

test("html-validate reports no errors on any page", async () => {
  for (const site of sites) {
    const pages = (await listFiles(site.output)).filter((file) => file.endsWith(".html"));
    assert.ok(pages.length >= 10, `${pages.length} pages`);
    const problems: string[] = [];
    for (const page of pages) {
      const report = await validator.validateString(await readFile(path.join(site.output, page), "utf8"), page);
      if (!report.valid) problems.push(...describe(report));
    }
    assert.equal(problems, []);
  }
});

test("the validator catches a broken page (the test can fail)", async () => {
  const report = await validator.validateString("<!doctype html><html lang=\"zh-CN\"><head><title>x</title></head><body><p><div></p></body></html>", "broken.html");
  assert.not.ok(report.valid);
});

test("no internal link or asset reference is broken", async () => {
  for (const site of sites) {
    const files = await listFiles(site.output);
    const existing = new Set(files.map((file) => file.split(path.sep).join("/")));
    const pages = files.filter((file) => file.endsWith(".html"));
    assert.equal(await brokenLinks(site.output, pages, existing), []);
  }
});

test("the link checker finds a broken link (the test can fail)", async () => {
  assert.equal(internalUrls('<a href="../x/">x</a><img src="https://e.example/a.png" alt=""><a href="#top">t</a>'), ["../x/"]);
  const site = sites[0]!;
  const broken = await brokenLinks(site.output, ["index.html"], new Set(["index.html"]));
  assert.ok(broken.length > 0);
});

test.run();
