import { test } from "uvu";
import * as assert from "uvu/assert";
import { fixture, proofreadFixture, where } from "./proofread-helpers.ts";

test("finds a paragraph broken mid-sentence (理 / 念), not a subhead before its text", () => {
  const { findings } = proofreadFixture("broken-paragraph.md", "broken-paragraph");
  assert.equal(findings.map(where), ["9:26"]);
  assert.match(findings[0]!.message, /ends mid-sentence on "理" and the next goes on with "念"/);
});

test("the fix joins the two paragraphs", () => {
  const { fixed } = proofreadFixture("broken-paragraph.md", "broken-paragraph");
  assert.is(fixed, fixture("broken-paragraph.fixed.md"));
  assert.equal(proofreadFixture("broken-paragraph.fixed.md").findings, []);
});

test.run();
