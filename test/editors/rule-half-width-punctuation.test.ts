import { test } from "uvu";
import * as assert from "uvu/assert";
import { fixture, proofreadFixture, where } from "./proofread-helpers.ts";

test("finds half-width , : ( ) in Chinese text, at their line and column", () => {
  const { findings } = proofreadFixture("half-width-punctuation.md", "half-width-punctuation");
  assert.equal(findings.map(where), ["2:12", "3:1", "10:5", "10:16", "12:13", "12:25", "14:19"]);
  assert.match(findings[0]!.message, /^title: half-width ","/);
  assert.is(findings[1]!.fixes, undefined, "a quoted value is reported, not rewritten");
  assert.ok(findings.every((finding) => finding.severity === "warning"));
  assert.match(findings[2]!.message, /half-width "," in Chinese text: expected "，"/);
});

test("the fix makes them full-width and leaves numbers, code spans and URLs alone", () => {
  const { fixed } = proofreadFixture("half-width-punctuation.md", "half-width-punctuation");
  assert.is(fixed, fixture("half-width-punctuation.fixed.md"));
  assert.ok(fixed.includes("`a,b:c`") && fixed.includes("(https://paper.example/a,b:c)") && fixed.includes("https://x.example/?a=1,2"));
});

test("the fixed text has nothing left to find but the quoted value", () => {
  const { findings } = proofreadFixture("half-width-punctuation.fixed.md");
  assert.equal(findings.map(where), ["3:1"]);
});

test.run();
