/** Hostile Markdown and front-matter come out as harmless text; none reaches the output as markup. */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { buildSite } from "../src/build-site.ts";
import { fileTree } from "./helpers.ts";
import { copySample, removeAll, SAMPLE_EDITION, tempDir } from "./helpers.ts";

const content = await copySample();
const out = path.join(await tempDir(), "site");
await writeFile(
  path.join(content, SAMPLE_EDITION, "hostile.md"),
  `---
title: "<script>alert('title')</script>标题"
kicker: '<img src=x onerror="alert(1)">'
subtitle: "javascript:alert(2)"
section: 要闻
byline: ["<b onmouseover=alert(3)>记者</b>"]
dateline: "<iframe src=//evil.example>"
date: 2020-06-05
---

正文<script>alert('body')</script>结束。

<img src="x" onerror="alert(4)">

[点我](javascript:alert(5)) [再点](JAVASCRIPT:alert(6)) [数据](data:text/html;base64,PHNjcmlwdD4=) [文件](vbscript:msgbox)

![图](javascript:alert(7))

<a href="javascript:alert(8)">链接</a> <div onclick="alert(9)">块</div>
`,
);
await buildSite({ contentRoot: content, outputDir: out });
const files = [...(await fileTree(out)).keys()].filter((file) => file.endsWith(".html"));
const pages = await Promise.all(files.map(async (file) => [file, await readFile(path.join(out, file), "utf8")] as const));
test.after(() => removeAll(content, path.dirname(out)));

test("the hostile article was built, its text shown as text", async () => {
  const article = await readFile(path.join(out, SAMPLE_EDITION, "01", "hostile", "index.html"), "utf8");
  assert.match(article, "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;标题");
  assert.match(article, "正文&lt;script&gt;alert('body')&lt;/script&gt;结束。");
});

test("no script element, event handler attribute or dangerous URL reaches any page", () => {
  for (const [file, html] of pages) {
    assert.not.match(html, /<script(?![^>]*type="(module|application\/ld\+json)")/i, `${file}: raw <script>`);
    assert.not.match(html, /<(?:img|b|div|a|iframe)\b[^>]*\son\w+=/i, `${file}: event handler attribute`);
    assert.not.match(html, /\s(?:href|src)="\s*(?:javascript|vbscript|data):/i, `${file}: dangerous URL`);
    assert.not.match(html, /<iframe/i, `${file}: iframe`);
  }
});

test.run();
