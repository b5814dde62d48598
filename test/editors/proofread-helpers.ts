/** Runs the proofreader on one fixture article and applies its fixes, as `check --fix` does. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseMarkdownFile } from "../../src/content/front-matter.ts";
import { applyToText } from "../../src/proofread/apply-fixes.ts";
import type { Finding } from "../../src/proofread/finding.ts";
import { proofreadArticle } from "../../src/proofread/proofread.ts";

export const FIXTURES = path.resolve("test/fixtures/proofread");

export function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), "utf8");
}

export function proofreadFixture(name: string, rule?: string): { findings: Finding[]; fixed: string } {
  const text = fixture(name);
  const file = `test/fixtures/proofread/${name}`;
  const source = parseMarkdownFile(text, file, []);
  const all = proofreadArticle({ ...source, file, absolutePath: path.join(FIXTURES, name), stem: name.replace(/\.md$/, "") });
  const findings = rule ? all.filter((finding) => finding.rule === rule) : all;
  return { findings, fixed: applyToText(text, findings).text };
}

export const where = (finding: Finding) => `${finding.line}:${finding.column}`;
