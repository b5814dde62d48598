/** Line counting on the compact tokens: widths by kind, Latin words, and tokens that outlive their block of memory. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { lineCount, tokenize, tokenLines } from "../../src/layout/measure.ts";

test("widths: one em for Chinese, 0.6 for Latin letters and narrow marks, 0.3 for a space", () => {
  assert.is(lineCount("𠀋𠀋𠀋𠀋𠀋", 5), 1, "a character outside the BMP is one em");
  assert.is(lineCount("𠀋𠀋𠀋𠀋𠀋𠀋", 5), 2);
  assert.is(lineCount("éééééééééé", 3), 2, "ten narrow characters of 0.6 em in lines of 3 ems");
  assert.is(lineCount("ééééééééééé", 3), 3);
  assert.is(lineCount("ab cd", 2.7), 1, "two words of 1.2 em and a space of 0.3");
  assert.is(lineCount("ab cd", 2.6), 2);
});

test("a Latin word longer than a line breaks anywhere; a shorter one moves to the next line whole", () => {
  assert.is(lineCount("a".repeat(24), 5), 3, "14.4 ems in lines of 5");
  assert.is(lineCount("一二三四abcd", 5), 2);
});

test("tokens stay valid after the shared memory they sit in has moved on to new blocks", () => {
  const tokens = tokenize("一二三四五。六七八九");
  const before = tokenLines(tokens, 5);
  for (let round = 0; round < 3; round++) tokenize("中文".repeat(200_000));
  assert.is(tokens.kinds.length, 10);
  assert.is(tokenLines(tokens, 5), before);
  assert.is(before, 3);
});

test.run();
