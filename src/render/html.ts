/**
 * A tagged template for HTML that escapes every interpolated value unless it is already `Html`.
 * Text from content can only reach the output as text; trusted markup (rendered Markdown, other
 * views) is passed as Html.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ESCAPES[char]!);
}

function render(value: Value): string {
  if (value === null || value === undefined || value === false || value === true) return "";
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  for (let index = 0; index < values.length; index++) out += render(values[index]!) + strings[index + 1]!;
  return new Html(out);
}

/** Marks markup this program produced itself (rendered Markdown) as safe to insert. */
export function trusted(markup: string): Html {
  return new Html(markup);
}

/** Joins items with a separator, escaping strings. */
export function join(items: readonly Value[], separator: Value): Html {
  return new Html(items.map(render).join(render(separator)));
}
