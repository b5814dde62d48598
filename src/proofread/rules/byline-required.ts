/**
 * byline-required: lead stories, news and photo stories carry their writers' (or photographer's)
 * names; only briefs, notices and comment boxes may go unsigned (`byline: false`).
 * When the names were typed as the body's last paragraph, as printed (`戚风华 赵小君`), the fix
 * moves them into `byline:`.
 */
import type { ArticleText } from "../context.ts";
import type { Finding, Fix } from "../finding.ts";
import type { ProseBlock } from "../prose.ts";

export const RULE = "byline-required";

export const SIGNED_TYPES: readonly string[] = ["lead", "news", "photo"];

const NAME = "[\\p{Script=Han}·]{2,4}";
const ROLE = "(?:本报)?(?:特约)?(?:记者|通讯员|实习生|见习记者)";
const CREDIT = "(?:文\\/摄|文\\/图|图\\/文|摄影|摄|文)";
const NAMES_ONLY = new RegExp(`^(?:${ROLE}[ \\u3000]*)?${NAME}(?:[ \\u3000、]+(?:${ROLE}[ \\u3000]*)?${NAME})*(?:[ \\u3000]*${CREDIT})?$`, "u");

/** The names of a byline paragraph: `唐晓海`, `["戚风华", "赵小君"]`, `宗丽华 文/摄` (a credit stays one string). */
export function bylineNames(paragraph: string): string | string[] {
  const text = paragraph.trim().replace(/\u3000/g, " ");
  if (new RegExp(`${CREDIT}$`, "u").test(text) && !text.includes("、")) return text.replace(/\s+/g, " ");
  const names: string[] = [];
  let role = "";
  for (const part of text.split(/[ 、]+/)) {
    if (new RegExp(`^${ROLE}$`, "u").test(part)) role = `${part} `;
    else {
      const roled = new RegExp(`^(${ROLE})(.+)$`, "u").exec(part);
      names.push(roled ? `${roled[1]} ${roled[2]}` : `${role}${part}`);
      role = "";
    }
  }
  return names.length === 1 ? names[0]! : names;
}

/** The same as front-matter YAML: `唐晓海`, `[戚风华, 赵小君]`. */
export function bylineYaml(paragraph: string): string {
  const names = bylineNames(paragraph);
  return typeof names === "string" ? names : `[${names.join(", ")}]`;
}

/** A paragraph of names only, as printed after a story. */
export function isNamesOnly(text: string): boolean {
  return text.length <= 40 && NAMES_ONLY.test(text.trim());
}

export function looksLikeByline(block: ProseBlock | undefined): boolean {
  return block !== undefined && block.kind === "paragraph" && block.topLevel && isNamesOnly(block.text);
}

export function bylineRequired(text: ArticleText): Finding[] {
  const data = text.source.data;
  const type = typeof data.type === "string" ? data.type : "news";
  if (!SIGNED_TYPES.includes(type)) return [];
  const value = data.byline;
  if (value !== false && value !== undefined) return [];

  const blocks = text.blocks;
  const last = blocks[blocks.length - 1];
  const line = text.fieldLine("byline");
  const position = { rule: RULE, severity: "error" as const, file: text.source.file, line, column: 1 };
  if (!looksLikeByline(last) || blocks.length < 2) {
    if (value === undefined) return []; // the schema already reports the missing field
    return [{ ...position, message: `a ${type} story is signed: expected the writers' names in byline:, found false (only brief, notice and comment may be unsigned)` }];
  }
  const previous = blocks[blocks.length - 2]!;
  const previousEnd = text.where(previous, previous.text.length);
  const lastEnd = text.where(last!, last!.text.length);
  const removal: Fix = { line: previousEnd.line, column: previousEnd.column, endLine: lastEnd.line, endColumn: lastEnd.column, replacement: "", description: `removed "${last!.text.trim()}" from the end of the body` };
  const yaml = `byline: ${bylineYaml(last!.text)}`;
  const field: Fix =
    value === false
      ? { line, column: 1, endLine: line + 1, endColumn: 1, replacement: `${yaml}\n`, description: `set ${yaml}` }
      : { ...text.insertField(yaml, `set ${yaml}`) };
  return [
    {
      ...text.finding(RULE, "error", last!, 0, `the writers' names "${last!.text.trim()}" are typed as the last paragraph: expected them in byline:, which prints them in place`, removal, field),
    },
  ];
}
