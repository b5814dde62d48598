/**
 * `check --fix`: applies the findings' fixes to the files. Fixes of one finding go in together or
 * not at all; a fix overlapping one already taken waits for the next run (the check says so).
 * Files are rewritten whole through a temporary file and a rename, never left half-written.
 */
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Finding, Fix } from "./finding.ts";

export interface AppliedFix {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly rule: string;
  readonly description: string;
}

export interface FixReport {
  readonly applied: readonly AppliedFix[];
  /** Fixes skipped because they overlapped another; a second run takes them. */
  readonly deferred: number;
}

interface Edit {
  readonly start: number;
  readonly end: number;
  readonly replacement: string;
}

function lineOffsets(text: string): number[] {
  const offsets = [0];
  for (let index = text.indexOf("\n"); index >= 0; index = text.indexOf("\n", index + 1)) offsets.push(index + 1);
  return offsets;
}

/** Applies fixes to one file's text; returns the new text and which findings were applied. */
export function applyToText(original: string, findings: readonly Finding[]): { text: string; applied: Finding[]; deferred: number } {
  // parseMarkdownFile strips a BOM and reads CRLF as LF: columns are counted without them.
  const bom = original.startsWith("\uFEFF") ? "\uFEFF" : "";
  const text = original.slice(bom.length);
  const offsets = lineOffsets(text);
  const offsetOf = (line: number, column: number) => (offsets[line - 1] ?? text.length) + column - 1;
  const taken: Edit[] = [];
  const applied: Finding[] = [];
  let deferred = 0;
  const overlaps = (edit: Edit) => taken.some((other) => edit.start < other.end && other.start < edit.end);
  for (const finding of findings) {
    const edits = (finding.fixes ?? []).map((fix: Fix) => ({ start: offsetOf(fix.line, fix.column), end: offsetOf(fix.endLine, fix.endColumn), replacement: fix.replacement }));
    if (edits.length === 0) continue;
    if (edits.some(overlaps)) {
      deferred++;
      continue;
    }
    taken.push(...edits);
    applied.push(finding);
  }
  let result = text;
  for (const edit of [...taken].sort((a, b) => b.start - a.start || b.end - a.end)) {
    result = result.slice(0, edit.start) + edit.replacement + result.slice(edit.end);
  }
  return { text: bom + result, applied, deferred };
}

export async function applyFixes(findings: readonly Finding[], cwd = process.cwd()): Promise<FixReport> {
  const byFile = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (!finding.fixes?.length) continue;
    byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  }
  const applied: AppliedFix[] = [];
  let deferred = 0;
  for (const [file, list] of byFile) {
    const absolute = path.resolve(cwd, file);
    const original = await readFile(absolute, "utf8");
    if (original.includes("\r")) {
      // Line ends are normalised for checking; keep the file's own when writing back.
      const result = applyToText(original.replace(/\r\n/g, "\n"), list);
      await writeAtomically(absolute, result.text.replace(/\n/g, "\r\n"));
      record(file, result.applied);
      deferred += result.deferred;
      continue;
    }
    const result = applyToText(original, list);
    if (result.text !== original) await writeAtomically(absolute, result.text);
    record(file, result.applied);
    deferred += result.deferred;
  }
  return { applied, deferred };

  function record(file: string, list: readonly Finding[]) {
    for (const finding of list) {
      applied.push({ file, line: finding.line, column: finding.column, rule: finding.rule, description: finding.fixes!.map((fix) => fix.description).filter(Boolean).join("; ") });
    }
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.fix-${process.pid}`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}
