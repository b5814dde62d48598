// No input breaks the build: random and hostile front-matter and Markdown through the reader,
// validator, model builder and every template. Each case ends in pages or clear problems.
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parse } from "yaml";
import { parseSimpleYaml } from "../../src/content/simple-yaml.ts";
import { frontMatter, hostileText, injected, markdownBody, readValidateModel, renderAll } from "./hostile-input-helpers.ts";

function assertClearProblems(problems: readonly { file: string; line?: number; message: string }[]) {
  for (const problem of problems) {
    assert.type(problem.message, "string");
    assert.ok(problem.message.length > 0 && !/\n\s+at /.test(problem.message), `a message, not a stack trace: ${problem.message}`);
    assert.ok(problem.file.length > 0);
    if (problem.line !== undefined) assert.ok(Number.isInteger(problem.line) && problem.line >= 1, `line ${problem.line}`);
  }
}

test("the injection detector itself catches injected markup (so the properties can fail)", () => {
  assert.ok(injected('<p><img src=x onerror="alert(1)"></p>'));
  assert.ok(injected('<a href="javascript:alert(1)">x</a>'));
  assert.ok(injected('<a href=" JaVaScRiPt:x">x</a>'));
  assert.ok(injected("<script>alert(1)</script>"));
  assert.ok(injected('<iframe src="//x">'));
  assert.not.ok(injected('<p>&lt;img src=x onerror=alert(1)&gt; <img src="a.jpg" alt="href=javascript:x"></p><script type="module" src="../assets/page.1234.js"></script>'));
});

test("hostile front-matter and Markdown: a rendered site without injected markup, or clear problems (1,200 cases)", () => {
  let rendered = 0;
  fc.assert(
    fc.property(frontMatter, markdownBody, (yaml, body) => {
      const { problems, archive } = readValidateModel(`---\n${yaml}\n---\n${body}\n`);
      assertClearProblems(problems);
      if (archive.editions.length === 0) {
        assert.ok(problems.some((problem) => problem.severity === "error"), "nothing built and no error said why");
        return;
      }
      rendered++;
      for (const [file, page] of renderAll(archive)) {
        assert.type(page, "string");
        if (file.endsWith(".html")) {
          const found = injected(page);
          assert.not.ok(found, `${file}: ${found}`);
        }
      }
    }),
    { numRuns: 1200, seed: 20260605 },
  );
  assert.ok(rendered > 100, `only ${rendered} cases reached rendering: the generator is too hostile to test the renderer`);
});

test("hostile text in every field that is printed (valid shape): escaped on every page (600 cases)", () => {
  fc.assert(
    fc.property(hostileText, hostileText, hostileText, hostileText, markdownBody, (title, kicker, name, note, body) => {
      const quote = (text: string) => JSON.stringify(text.replace(/[\uD800-\uDFFF]/g, "?"));
      const yaml = [
        `title: ${quote(title.trim() ? title : "x")}`,
        `kicker: ${quote(kicker.trim() ? kicker : "k")}`,
        "section: 要闻",
        `byline: [${quote(name.trim() ? name : "n")}]`,
        `dateline: ${quote(note.trim() ? note : "d")}`,
        "date: 2020-06-05",
        `corrections: [{ date: 2020-06-06, note: ${quote(note.trim() ? note : "c")} }]`,
        `images: [{ src: a.jpg, caption: ${quote(title.trim() ? title : "c")}, alt: ${quote(kicker.trim() ? kicker : "a")} }]`,
      ].join("\n");
      const { problems, archive } = readValidateModel(`---\n${yaml}\n---\n${body}\n`, new Set(["a.jpg"]));
      assertClearProblems(problems);
      for (const [file, page] of renderAll(archive)) {
        if (!file.endsWith(".html")) continue;
        const found = injected(page);
        assert.not.ok(found, `${file}: ${found}`);
      }
    }),
    { numRuns: 600, seed: 7 },
  );
});

test("the fast front-matter reader agrees with the YAML parser whenever it answers (2,000 cases)", () => {
  const line = fc.oneof(
    fc.tuple(fc.constantFrom("title", "byline", "order", "date", "x_1", "slug"), fc.oneof(hostileText, fc.constantFrom("[a, b]", '["a, b", c]', "[]", "false", "True", "~", "12", "007", "2020-06-05", '"q"', "1.5", "-1", "[x, [y]]", "a: b", "a #b"))).map(([key, value]) => `${key}: ${value}`),
    fc.constantFrom("# comment", "", "   ", "- x", "  indented: 1"),
  );
  fc.assert(
    fc.property(fc.array(line, { maxLength: 8 }), (lines) => {
      const text = lines.join("\n");
      const fast = parseSimpleYaml(text, 2);
      if (!fast) return;
      let full: unknown;
      try {
        full = parse(text, { version: "1.2", uniqueKeys: true }) ?? {};
      } catch (error) {
        assert.unreachable(`fast path accepted YAML the parser rejects: ${JSON.stringify(text)} (${(error as Error).message})`);
      }
      assert.equal(fast.data, full, JSON.stringify(text));
    }),
    { numRuns: 2000, seed: 11 },
  );
});

test.run();
