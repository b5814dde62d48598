/** What the search index is given: names without roles, text segmented the same way as queries. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { bylineNames } from "../../src/search/search-records.ts";
import { queryPhrases, segmentForIndex, unsegment, WORD_BREAK } from "../../src/search/segment.ts";

test("byline filter values are names, without roles or photo credits", () => {
  assert.equal(bylineNames("宗丽华 文/摄"), ["宗丽华"]);
  assert.equal(bylineNames("本报记者 张三 通讯员 李四"), ["张三", "李四"]);
  assert.equal(bylineNames("戚风华"), ["戚风华"]);
  assert.equal(bylineNames("王伟、赵敏 摄"), ["王伟", "赵敏"]);
});

test("every Han character is a word; the text reads back unchanged", () => {
  const text = "本报讯 6月4日，2020年金坛ABC区";
  const segmented = segmentForIndex(text);
  assert.is(unsegment(segmented), text);
  assert.is(segmented, ["本", "报", "讯 6", "月", "4", "日", "，2020", "年", "金", "坛", "ABC", "区"].join(WORD_BREAK));
});

/** The rule, one character at a time: a break between two characters when either is Han and neither is a space. */
function segmentByCharacter(text: string): string {
  let out = "";
  let previous: string | undefined;
  for (const char of text.replaceAll(WORD_BREAK, "")) {
    const han = (c: string) => /\p{Script=Han}/u.test(c);
    if (previous !== undefined && (han(char) || han(previous)) && !/\s/u.test(char) && !/\s/u.test(previous)) out += WORD_BREAK;
    out += char;
    previous = char;
  }
  return out;
}

test("segmentation follows the rule on every pair of characters: spaces, punctuation, Latin, Han beyond the BMP, old breaks", () => {
  const alphabet = [..."金坛时报，。、（）“” \n\t\u3000ab1", "𠀀", "𪚥", WORD_BREAK];
  let seed = 7;
  const next = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
  for (let i = 0; i < 5000; i++) {
    const text = Array.from({ length: next(10) }, () => alphabet[next(alphabet.length)]).join("");
    assert.is(segmentForIndex(text), segmentByCharacter(text), JSON.stringify(text));
  }
  assert.is(segmentForIndex("𠀀金 a𪚥"), ["𠀀", "金 a", "𪚥"].join(WORD_BREAK));
});

test("a query is one exact phrase per term, spelled in the index's words", () => {
  assert.equal(queryPhrases("垃圾分类我先行"), ['"垃 圾 分 类 我 先 行"']);
  assert.equal(queryPhrases(" 金坛  “项目” "), ['"金 坛"', '"项 目"']);
  assert.equal(queryPhrases("2020年"), ['"2020 年"']);
});

test.run();
