/**
 * A fast path for the front-matter almost every article has: one `field: value` per line, values
 * that are double-quoted strings, plain one-line text, whole numbers, true/false, empty, or a flow
 * list of double-quoted strings. Measured: the `yaml` library took about 0.4 ms per article, the
 * largest cost of reading an archive; this takes a few microseconds. Anything else (nesting,
 * comments, quotes of another kind, anchors, multi-line text, numbers that are not whole, a key
 * twice) returns undefined and goes to the full parser, which also reports every error.
 * test/simple-yaml.test.ts checks that both agree.
 */
import type { FieldPosition, ParsedYaml } from "./front-matter.ts";

const LINE = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$/;
const DOUBLE_QUOTED = /^"(?:[^"\\]|\\.)*"$/;
const QUOTED_LIST = /^\[ *(?:"(?:[^"\\]|\\.)*" *(?:, *"(?:[^"\\]|\\.)*" *)*)?\]$/;
/** Characters that give a plain scalar's first character another meaning in YAML. */
const INDICATOR_START = /^[-?:,[\]{}#&*!|>'"%@`]/;
const INTEGER = /^[-+]?[0-9]+$/;
/** YAML 1.2 core-schema forms that are not text: left to the full parser (except the ones handled). */
const OTHER_SCALAR = /^(?:0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

function scalar(raw: string): { value: unknown } | undefined {
  const text = raw.trimEnd();
  if (text === "" || text === "~" || text === "null" || text === "Null" || text === "NULL") return { value: null };
  if (text === "true" || text === "True" || text === "TRUE") return { value: true };
  if (text === "false" || text === "False" || text === "FALSE") return { value: false };
  if (DOUBLE_QUOTED.test(text) || QUOTED_LIST.test(text)) {
    try {
      return { value: JSON.parse(text) };
    } catch {
      return undefined;
    }
  }
  if (INTEGER.test(text)) return Number.isSafeInteger(Number(text)) ? { value: Number(text) } : undefined;
  if (OTHER_SCALAR.test(text) || INDICATOR_START.test(text) || text.includes(": ") || text.includes(" #") || text.endsWith(":") || /[\t\r]/.test(text)) return undefined;
  return { value: text };
}

/** Parses `text` if it is simple front-matter, else returns undefined. */
export function parseSimpleYaml(text: string, firstLine: number): ParsedYaml | undefined {
  const data: Record<string, unknown> = {};
  const fields = new Map<string, FieldPosition>();
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.trim() === "") {
      if (line !== "" && line.trim() === "" && /\t/.test(line)) return undefined;
      continue;
    }
    const match = LINE.exec(line);
    if (!match) return undefined;
    const key = match[1]!;
    if (fields.has(key) || key === "__proto__") return undefined;
    const parsed = scalar(match[2] ?? "");
    if (!parsed) return undefined;
    data[key] = parsed.value;
    fields.set(key, { line: index + firstLine, column: 1 });
  }
  return { data, fields };
}
