import { test } from "uvu";
import * as assert from "uvu/assert";
import { proofreadFixture, where } from "./proofread-helpers.ts";

test("reports what the importer marked for the editor", () => {
  const { findings } = proofreadFixture("needs-review.md", "needs-review");
  assert.equal(findings.map(where), ["7:1"]);
  assert.match(findings[0]!.message, /marked for review: the source has no headline/);
});

test.run();
