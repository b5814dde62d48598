/**
 * Splits a Markdown file into front-matter and body with gray-matter, YAML only.
 * gray-matter executes `---js` front-matter by default; every JavaScript engine is replaced by one
 * that refuses. YAML is parsed by `yaml` (YAML 1.2 core schema: dates stay strings, no timestamps
 * in the build machine's zone), which also tells the line of every field for error messages.
 */
import type matter from "gray-matter";
import { createRequire } from "node:module";
import type { Document } from "yaml";
import type { Problem } from "../validate/problem.ts";
import { parseSimpleYaml } from "./simple-yaml.ts";

// gray-matter and yaml read only what the simple readers here leave to them, and are most of the
// code `npm run check` would load at start-up: loaded on first use.
const require = createRequire(import.meta.url);
let yamlLibrary: typeof import("yaml") | undefined;
const yaml = () => (yamlLibrary ??= require("yaml") as typeof import("yaml"));
let grayMatter: typeof matter | undefined;
const loadGrayMatter = () => (grayMatter ??= require("gray-matter") as typeof matter);

export interface FieldPosition {
  readonly line: number;
  readonly column: number;
}

export interface ParsedYaml {
  readonly data: Record<string, unknown>;
  /** File line of each top-level field (and nested `a.b` paths one level down). */
  readonly fields: ReadonlyMap<string, FieldPosition>;
  /** True when the text could not be read as YAML (the problem is already reported). */
  readonly unreadable?: boolean;
}

export interface ParsedMarkdown extends ParsedYaml {
  readonly body: string;
  /** File line on which the body starts (for translating Markdown line numbers). */
  readonly bodyLine: number;
}

class RefusedEngine extends Error {
  constructor(readonly language: string) {
    super(`front-matter language "${language}" is not allowed`);
  }
}

function refuse(language: string) {
  return {
    parse(): never {
      throw new RefusedEngine(language);
    },
    stringify(): never {
      throw new RefusedEngine(language);
    },
  };
}

/** Limits that stop YAML bombs: aliases expand at most this often. */
const YAML_OPTIONS = { version: "1.2", maxAliasCount: 50, uniqueKeys: true, prettyErrors: true } as const;

/**
 * Parses YAML text that starts at `firstLine` of `file`. Problems are pushed, never thrown.
 */
export function parseYaml(text: string, file: string, firstLine: number, problems: Problem[]): ParsedYaml {
  const simple = parseSimpleYaml(text, firstLine);
  if (simple) return simple;
  return parseFullYaml(text, file, firstLine, problems);
}

/** The `yaml` library: every YAML 1.2 document, with positions and errors. */
export function parseFullYaml(text: string, file: string, firstLine: number, problems: Problem[]): ParsedYaml {
  const { isMap, isScalar, LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const fields = new Map<string, FieldPosition>();
  for (const error of [...doc.errors]) {
    const pos = error.linePos?.[0];
    problems.push({
      severity: "error",
      file,
      line: pos ? pos.line + firstLine - 1 : firstLine,
      column: pos?.col,
      message: `YAML syntax: ${error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")}`,
    });
  }
  if (doc.errors.length > 0) return { data: {}, fields, unreadable: true };

  const record = (key: string, offset: number | undefined) => {
    if (offset === undefined) return;
    const pos = lineCounter.linePos(offset);
    fields.set(key, { line: pos.line + firstLine - 1, column: pos.col });
  };
  if (isMap(doc.contents)) {
    for (const pair of doc.contents.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      record(key, isScalar(pair.key) ? pair.key.range?.[0] : undefined);
      if (isMap(pair.value)) {
        for (const inner of pair.value.items) {
          if (isScalar(inner.key)) record(`${key}.${String(inner.key.value)}`, inner.key.range?.[0]);
        }
      }
    }
  } else if (doc.contents !== null && !(isScalar(doc.contents) && doc.contents.value === null)) {
    problems.push({ severity: "error", file, line: firstLine, message: "expected a YAML mapping of field: value" });
    return { data: {}, fields, unreadable: true };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: YAML_OPTIONS.maxAliasCount });
  } catch (error) {
    problems.push({ severity: "error", file, line: firstLine, message: `YAML: ${(error as Error).message}` });
    return { data: {}, fields, unreadable: true };
  }
  return { data: (data ?? {}) as Record<string, unknown>, fields };
}

/** Splits and parses one Markdown file. */
export function parseMarkdownFile(text: string, file: string, problems: Problem[]): ParsedMarkdown {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const source = withoutBom.includes("\r") ? withoutBom.replace(/\r\n?/g, "\n") : withoutBom;
  const empty: ParsedMarkdown = { data: {}, fields: new Map(), body: source, bodyLine: 1, unreadable: true };
  if (!source.startsWith("---")) {
    const misplaced = /^\s+---\s*$/m.exec(source.slice(0, 200));
    problems.push({
      severity: "error",
      file,
      line: 1,
      message: misplaced
        ? "front-matter must start with --- on the very first line, found blank space before it"
        : "expected front-matter between --- lines at the top of the file, found none",
    });
    return empty;
  }

  // The usual case, `---` alone on the first line, is split here; gray-matter handles the rest
  // (and refuses every front-matter language but YAML).
  if (source === "---" || source.startsWith("---\n")) {
    // Line by line to the closing ---: the body is the rest of the text, never split into lines.
    let closing = -1;
    let lineStart = 4;
    let lineEnd = 3;
    for (let index = 1; lineStart <= source.length; index++, lineStart = lineEnd + 1) {
      const newline = source.indexOf("\n", lineStart);
      lineEnd = newline < 0 ? source.length : newline;
      if (source.slice(lineStart, lineEnd).trimEnd() === "---") {
        closing = index;
        break;
      }
    }
    if (closing < 0) {
      problems.push({ severity: "error", file, line: 1, message: "front-matter opened with --- is never closed by a --- line" });
      return empty;
    }
    const yaml = parseYaml(source.slice(4, Math.max(4, lineStart - 1)), file, 2, problems);
    return { ...yaml, body: source.slice(lineEnd + 1), bodyLine: closing + 2 };
  }

  const lines = source.split("\n");

  let yamlText = "";
  let parsed: matter.GrayMatterFile<string>;
  try {
    parsed = loadGrayMatter()(source, {
      // Our own YAML engine; gray-matter's JavaScript engines all refuse.
      engines: {
        yaml: { parse: (text: string) => ((yamlText = text), {}) as object, stringify: () => "" },
        javascript: refuse("javascript"),
        js: refuse("js"),
        jsLegacy: refuse("jsLegacy"),
        node: refuse("node"),
        json: refuse("json"),
        coffee: refuse("coffee"),
        toml: refuse("toml"),
      } as never,
    });
  } catch (error) {
    const message =
      error instanceof RefusedEngine
        ? `${error.message}: only YAML front-matter is read (remove "${error.language}" after ---)`
        : `could not split front-matter: ${(error as Error).message}`;
    problems.push({ severity: "error", file, line: 1, message });
    return empty;
  }
  const language = (parsed as unknown as { language?: string }).language ?? "yaml";
  if (language !== "yaml" && language !== "") {
    problems.push({ severity: "error", file, line: 1, message: `front-matter language "${language}" is not allowed: only YAML front-matter is read` });
    return empty;
  }
  // The closing --- decides where the body starts, so Markdown line numbers map to file lines.
  const closing = lines.findIndex((line, index) => index > 0 && line.trimEnd() === "---");
  if (closing < 0) {
    problems.push({ severity: "error", file, line: 1, message: "front-matter opened with --- is never closed by a --- line" });
    return empty;
  }
  // gray-matter keeps the newline that ends the opening --- line: then YAML line 1 is file line 1.
  const matterText = yamlText || parsed.matter;
  const yaml = parseYaml(matterText, file, matterText.startsWith("\n") ? 1 : 2, problems);
  const bodyLine = closing + 2;
  return { ...yaml, body: parsed.content, bodyLine };
}
