import { test } from "uvu";
import * as assert from "uvu/assert";
import { fixture, proofreadFixture, where } from "./proofread-helpers.ts";

test("finds a 电头 typed in the body, and one in the middle of the story", () => {
  const { findings } = proofreadFixture("dateline-position.md", "dateline-position");
  assert.equal(findings.map(where), ["8:1", "10:11"]);
  assert.match(findings[0]!.message, /电头 "本报讯" written in the body: expected it in the dateline: field/);
  assert.match(findings[1]!.message, /电头 "新华社北京6月4日电" in the middle of the story/);
  assert.is(findings[1]!.fixes, undefined);
});

test("the fix moves the opening 电头 into dateline:", () => {
  const { fixed } = proofreadFixture("dateline-position.md", "dateline-position");
  assert.is(fixed, fixture("dateline-position.fixed.md"));
});

test.run();
