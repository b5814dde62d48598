/**
 * A fast path for the front-matter editors actually write: one `key: value` per line, values plain
 * scalars or a one-line list `[a, b]`. Reading a year of content spends most of its time in the
 * general YAML parser; this reads the common case in a fraction of that. Anything else — quotes,
 * nesting, anchors, block scalars, tabs, comments after values, duplicate keys, odd numbers —
 * returns undefined and goes to the full parser, which decides (and reports errors) as before.
 * Values follow the YAML 1.2 core schema, as the full parser is configured.
 */
import type { FieldPosition } from "./front-matter.ts";

export interface SimpleYaml {
  readonly data: Record<string, unknown>;
  readonly fields: Map<string, FieldPosition>;
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_]*):(?: +(.*?))? *$/;
// Characters that give a plain scalar a meaning other than text somewhere in YAML.
const SPECIAL_START = /^[-?:,[\]{}#&*!|>'"%@`+.0-9~]/;
const UNSAFE_INSIDE = /: |:$| #|[\t\x00-\x08\x0b-\x1f\x7f\u0085\u2028\u2029\ufeff]|^\s/;
const ITEM_UNSAFE = /[[\]{},'#:]/;
/** One item of a one-line list: a quoted string or a plain scalar, then a comma or the end. */
const FLOW_ITEM = /\s*("[^"]*"|[^,"]*?)\s*(?:,|$)/y;

/** A double-quoted string without escapes is the same text in every YAML reading. */
const QUOTED = /^"([^"\\\x00-\x1f\x7f\u0085\u2028\u2029\ufeff]*)"$/;

function scalar(text: string): { value: unknown } | undefined {
  if (text === "") return { value: null };
  const quoted = QUOTED.exec(text);
  if (quoted) return { value: quoted[1] };
  if (text === "true" || text === "True" || text === "TRUE") return { value: true };
  if (text === "false" || text === "False" || text === "FALSE") return { value: false };
  if (text === "null" || text === "Null" || text === "NULL" || text === "~") return { value: null };
  if (/^[0-9]{1,15}$/.test(text)) return { value: Number(text) };
  // A date stays a string in the core schema; other values starting with a digit or sign go to the full parser.
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return { value: text };
  if (SPECIAL_START.test(text) || UNSAFE_INSIDE.test(text)) return undefined;
  return { value: text };
}

function flowList(text: string): { value: unknown[] } | undefined {
  const inner = text.slice(1, -1).trim();
  if (inner === "") return { value: [] };
  const items: unknown[] = [];
  FLOW_ITEM.lastIndex = 0;
  while (FLOW_ITEM.lastIndex < inner.length) {
    const start = FLOW_ITEM.lastIndex;
    const match = FLOW_ITEM.exec(inner);
    if (!match || FLOW_ITEM.lastIndex === start) return undefined;
    const item = match[1]!;
    if (item === "" || (!item.startsWith('"') && ITEM_UNSAFE.test(item))) return undefined;
    const parsed = scalar(item);
    if (!parsed) return undefined;
    items.push(parsed.value);
  }
  return { value: items };
}

/** Parses YAML text starting at file line `firstLine`, or returns undefined when it is not simple. */
export function parseSimpleYaml(text: string, firstLine: number): SimpleYaml | undefined {
  const data: Record<string, unknown> = {};
  const fields = new Map<string, FieldPosition>();
  const lines = text.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index]!;
    if (line === "" || (line.startsWith("#") && !/[\x00-\x08\x0b-\x1f\x7f]/.test(line))) continue;
    const match = KEY_LINE.exec(line);
    if (!match) return undefined;
    const key = match[1]!;
    if (key === "__proto__" || Object.hasOwn(data, key)) return undefined;
    const raw = match[2] ?? "";
    const parsed = raw.startsWith("[") && raw.endsWith("]") ? flowList(raw) : scalar(raw);
    if (!parsed) return undefined;
    // An empty value may open a nested block on the next lines: leave that to the full parser.
    if (raw === "" && lines[index + 1]?.startsWith(" ")) return undefined;
    data[key] = parsed.value;
    fields.set(key, { line: firstLine + index, column: 1 });
  }
  return { data, fields };
}
