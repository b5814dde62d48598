import { test } from "uvu";
import * as assert from "uvu/assert";
import { proofreadFixture, where } from "./proofread-helpers.ts";

test("finds quotes and brackets left open or closing nothing; accepts a quotation over paragraphs", () => {
  const { findings, fixed } = proofreadFixture("unbalanced-brackets.md", "unbalanced-brackets");
  assert.equal(findings.map(where), ["8:4", "16:8", "16:15"]);
  assert.match(findings[0]!.message, /"“" is never closed in this paragraph: expected "”"/);
  assert.match(findings[1]!.message, /"”" closes nothing/);
  assert.match(findings[2]!.message, /"）" closes nothing/);
  assert.ok(findings.every((finding) => finding.severity === "error" && !finding.fixes));
  assert.ok(!fixed.includes("undefined"));
});

test.run();
