/**
 * The layout measures a body's text blocks. They are taken from the block parser's outline when
 * the body is plain text, and from the rendered HTML otherwise: both must give the same blocks.
 */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { renderBody } from "../../src/markdown/render-markdown.ts";
import { plainTextBlocks, textBlocksFromHtml } from "../../src/markdown/text-blocks.ts";
import { proseBlocks } from "../../src/proofread/prose.ts";

const fromHtml = (source: string) => textBlocksFromHtml(renderBody(source).pageHtml);

test("plain paragraphs and subheads come from the outline, as the HTML shows them", () => {
  const source = "## 小标题 一\n\n**区发改委 王伟：**\n\n本报讯　今年以来，我区\u3000紧盯“项目”   这一生命线 (10%) > 5 \"引号\" 'x'。\n\n> 引用的段落\n\n---\n\n    代码块\n\n末段";
  const blocks = plainTextBlocks(source);
  assert.ok(blocks, "a body without inline markup needs no rendering");
  assert.equal(blocks, [
    { kind: "subhead", text: "小标题 一" },
    { kind: "paragraph", text: "区发改委 王伟：" },
    { kind: "paragraph", text: "本报讯 今年以来，我区 紧盯“项目” 这一生命线 (10%) > 5 \"引号\" 'x'。" },
    { kind: "paragraph", text: "引用的段落" },
    { kind: "paragraph", text: "末段" },
  ]);
  assert.equal(blocks, fromHtml(source));
});

test("bodies with inline markup, lists, tables or wrapped lines are left to the rendering", () => {
  for (const source of ["**强调**的段落", "** 强调**", "**强调**与**强调**", "一段\n折行的段落", "- 列表项", "| a |\n|---|\n| b |", "链接[文字](https://example.com)", "a &amp; b", "行\r\n尾"]) {
    assert.is(plainTextBlocks(source), undefined, JSON.stringify(source));
  }
});

test("the outline's blocks and the rendered blocks agree on any Markdown (property)", () => {
  const fragment = fc.constantFrom(
    "本报讯", "我区", "Latin words", "123", " ", "  ", "\t", "\n", "\n\n", "\u3000", "\u00a0", "\r\n", "\0",
    "# ", "## ", "### ", "> ", "- ", "* ", "1. ", "    ", "---", "===", "```", "~~", "**", "*", "_", "`",
    "[", "]", "](", ")", "[1]: https://example.com", "<", ">", "<b>", "&", "&amp;", "&lt;", "&#39;", "&copy;", "\"", "'", "\\", "!",
    "|", "| a | b |\n|---|---|\n", "。", "，", "“", "”", "𠀋",
    "**粗体**", "*斜体*", "_x_", "~~删除~~", "`code`", "<https://example.com>", "[链接](https://example.com)", "![图](a.jpg)", "[1]", "\\*", "** 粗体**", "**粗体 **", "**粗体\u3000**", "**粗体\ufe00**", "**粗体\t\ufe00**", "\ufe00",
  );
  fc.assert(
    fc.property(fc.array(fragment, { maxLength: 30 }), (parts) => {
      const source = parts.join("");
      const expected = fromHtml(source);
      const blocks = plainTextBlocks(source);
      if (blocks) assert.equal(blocks, expected, JSON.stringify(source));
      // The proofreader reads the same outline: one block of prose per paragraph or heading.
      assert.ok(proseBlocks(source).length >= (blocks?.length ?? 0), JSON.stringify(source));
    }),
    { numRuns: 3000, seed: 20261127 },
  );
});

test.run();
