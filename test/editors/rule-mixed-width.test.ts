import { test } from "uvu";
import * as assert from "uvu/assert";
import { fixture, proofreadFixture, where } from "./proofread-helpers.ts";

test("finds full-width digits in a story that writes them half-width", () => {
  const { findings } = proofreadFixture("mixed-width.md", "mixed-width");
  assert.equal(findings.map(where), ["10:3", "10:13"]);
  assert.match(findings[0]!.message, /"２０２０" mixes widths/);
});

test("the fix rewrites them in the story's majority form", () => {
  const { fixed } = proofreadFixture("mixed-width.md", "mixed-width");
  assert.is(fixed, fixture("mixed-width.fixed.md"));
});

test.run();
