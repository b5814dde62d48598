/** The front-matter fast path must read every document it accepts exactly as the full YAML parser does. */
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { parseFullYaml } from "../src/content/front-matter.ts";
import { parseSimpleYaml } from "../src/content/simple-yaml.ts";

function agree(text: string): boolean {
  const simple = parseSimpleYaml(text, 2);
  if (!simple) return true;
  const problems: never[] = [];
  const full = parseFullYaml(text, "x.md", 2, problems);
  assert.equal(problems, [], `the full parser rejects what the fast path accepted:\n${text}`);
  assert.equal(simple.data, full.data, text);
  assert.equal([...simple.fields], [...full.fields], text);
  return true;
}

test("typical front-matter takes the fast path and reads the same", () => {
  const text = 'title: "项目发力 区域经济稳中快进"\nkicker: 聚焦高质量发展\nsection: 要闻\nbyline: ["本报记者 戚风华", "赵小君"]\norder: 1\ndate: 2020-06-05\nphoto: false\nsubtitle:\n';
  assert.ok(parseSimpleYaml(text, 2), "expected the fast path");
  agree(text);
});

test("anything unusual goes to the full parser", () => {
  for (const text of ["a: 'x'", "a: x # note", "a:\n  b: 1", "a: 1.5", "a: 0x1F", "a: .inf", "a: x\na: y", "a: &x 1", "a: |\n  text", "- a", "a: -b", "a: x: y", "a: x\r", "a: 12345678901234567890"]) {
    assert.is(parseSimpleYaml(text, 1), undefined, text);
  }
});

test("property: for generated one-line fields, the fast path agrees with the yaml library", () => {
  const pieces = ["金坛", "“引号”", '"', "'", ":", ": ", " #", "#", "-", "[", "]", "{", "}", ",", " ", "1", "0", ".", "e", "x", "true", "null", "~", "\\", "\\n", "&", "*", "!", "|", ">", "%", "@", "?", "2020-06-05", "+", "0o7", "\t"];
  const value = fc.oneof(
    fc.array(fc.constantFrom(...pieces), { maxLength: 6 }).map((parts) => parts.join("")),
    fc.string({ maxLength: 8 }).map((text) => JSON.stringify(text)),
    fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }).map((items) => `[${items.map((item) => JSON.stringify(item)).join(", ")}]`),
    fc.integer().map(String),
  );
  const line = fc.tuple(fc.constantFrom("title", "byline", "order", "a_b", "x-y"), value).map(([key, text]) => `${key}: ${text}`);
  fc.assert(fc.property(fc.array(fc.oneof(line, fc.constant("")), { maxLength: 5 }), (lines) => agree(lines.join("\n"))), { numRuns: 1500 });
});

test.run();
