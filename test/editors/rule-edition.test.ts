// Rules that need the whole edition: the headline against its box, the same story on two pages.
import { test } from "uvu";
import * as assert from "uvu/assert";
import settings from "../fixtures/sample/site.config.ts";
import { loadArchive } from "../../src/load-archive.ts";
import { proofread } from "../../src/proofread/proofread.ts";
import { headlineCapacity } from "../../src/proofread/rules/headline-length.ts";
import { pageGeometry } from "../../src/layout/geometry.ts";

async function findings(rule: string) {
  const { archive, content, problems } = await loadArchive("test/fixtures/proofread-edition", settings);
  assert.equal(problems.filter((problem) => problem.severity === "error"), []);
  return proofread(content, archive).filter((finding) => finding.rule === rule);
}

test("headline-length: a headline wider than its box, with the box's size in the message", async () => {
  const found = await findings("headline-length");
  assert.equal(found.map((finding) => `${finding.file}:${finding.line}`), ["test/fixtures/proofread-edition/2020-06-05/changchang-biaoti.md:2"]);
  // The fixture's story gets a 4-column box: 2 lines of ⌊(4 × 12 − 2 × 0.8 padding) / 1.6 ems⌋ = 56 characters.
  assert.match(found[0]!.message, /headline is 73 characters wide; its 4-column news box holds 56 \(2 lines\)/);
});

test("headline-length: every headline of the sample front page fits", async () => {
  const { archive, content } = await loadArchive("test/fixtures/sample", settings);
  assert.equal(proofread(content, archive).filter((finding) => finding.rule === "headline-length"), []);
  assert.is(headlineCapacity(6, "lead", pageGeometry(settings.format)), 54);
});

test("duplicate-story: the same text on two pages is reported on the later file", async () => {
  const found = await findings("duplicate-story");
  assert.equal(found.map((finding) => `${finding.file}:${finding.line}`), ["test/fixtures/proofread-edition/2020-06-05/tongbao.md:10"]);
  assert.match(found[0]!.message, /same text as test\/fixtures\/proofread-edition\/2020-06-05\/changchang-biaoti.md|same text as .*tongbao-zonghe.md/);
});

test.run();
