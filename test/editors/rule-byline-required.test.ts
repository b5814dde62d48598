import { test } from "uvu";
import * as assert from "uvu/assert";
import { fixture, proofreadFixture, where } from "./proofread-helpers.ts";

test("finds the names typed as the last paragraph of a news story marked unsigned", () => {
  const { findings } = proofreadFixture("byline-required.md", "byline-required");
  assert.equal(findings.map(where), ["11:1"]);
  assert.is(findings[0]!.severity, "error");
});

test("the fix moves them into byline:, keeping their roles", () => {
  const { fixed } = proofreadFixture("byline-required.md", "byline-required");
  assert.is(fixed, fixture("byline-required.fixed.md"));
});

test("a lead story with byline: false and no names is an error without a fix", () => {
  const { findings } = proofreadFixture("byline-unsigned.md", "byline-required");
  assert.equal(findings.map(where), ["5:1"]);
  assert.match(findings[0]!.message, /a lead story is signed/);
  assert.is(findings[0]!.fixes, undefined);
});

test.run();
