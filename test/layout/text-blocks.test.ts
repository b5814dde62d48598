/**
 * The layout measures a body's text blocks. They are taken from the block parser's outline when
 * the body is plain text, and from the rendered HTML otherwise: both must give the same blocks.
 */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parsedOutline, plainOutline, renderBody } from "../../src/markdown/render-markdown.ts";
import { plainTextBlocks, textBlocksFromHtml, WHITE_SPACE } from "../../src/markdown/text-blocks.ts";
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

test("the white space the outline collapses is JavaScript's \\s, as in the HTML's text", () => {
  for (let code = 0; code < 0x10000; code++) {
    const char = String.fromCharCode(code);
    assert.is(WHITE_SPACE.includes(char), /\s/.test(char), `U+${code.toString(16)}`);
  }
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

test("the usual body is outlined without markdown-it, as markdown-it outlines it", () => {
  const source = "**区发改委 王伟：**\n\n## 小标题\n本报讯　今年以来，1—4月……\n\n\u3000\u3000段首空两格的段落\n# 标题 #1\n\n\t\n2020年末段\n";
  const outline = plainOutline(source);
  assert.ok(outline);
  assert.equal(outline, parsedOutline(source));
  assert.equal(
    outline.blocks.map((block) => [block.kind, block.startLine, block.content]),
    [["paragraph", 0, "**区发改委 王伟：**"], ["heading", 2, "小标题"], ["paragraph", 3, "本报讯　今年以来，1—4月……"], ["paragraph", 5, "\u3000\u3000段首空两格的段落"], ["heading", 6, "标题 #1"], ["paragraph", 9, "2020年末段"]],
  );
  for (const other of ["* 列表", "** *", "一段\n折行", "标题\n===", "- 列表", "1. 列表", "    代码", "> 引用", "## 标题 ##", "```\n代码\n```", "[1]: https://example.com", "行\r\n尾"]) {
    assert.is(plainOutline(other), undefined, JSON.stringify(other));
  }
});

test("line by line and markdown-it outline any Markdown alike (property)", () => {
  const fragment = fc.constantFrom(
    "本报讯", "我区", "Latin", "1—4月", "2020年", "\u3000\u3000", "　", " ", "   ", "    ", "\t", "\n", "\n\n", "\n \n", "\r", "\0", "\f",
    "#", "# ", "## ", "####### ", "#标题", " #", "##", "> ", "- ", "+ ", "* ", "1. ", "1) ", "123456789. ", "1234567890. ", "---", "***", "___", "===", "```", "~~~",
    "<div>", "[1]: https://example.com", "| a | b |\n|---|---|", "|", "**粗体**", "**", "** ", "**\t", "*", "* *", "`", "\\", "!", "&amp;",
  );
  fc.assert(
    fc.property(fc.array(fragment, { maxLength: 24 }), (parts) => {
      const source = parts.join("");
      const outline = plainOutline(source);
      if (outline) assert.equal(outline, parsedOutline(source), JSON.stringify(source));
    }),
    { numRuns: 4000, seed: 20261127 },
  );
});

test.run();
