/** Cleaning scraped Chinese text: full-width punctuation, paragraphs rejoined where columns broke. */
import { isChinese, isHan } from "../proofread/chinese.ts";

const FULL: Record<string, string> = { ",": "，", ":": "：", ";": "；", "!": "！", "?": "？" };
const isDigit = (char: string | undefined) => char !== undefined && char >= "0" && char <= "9";

/** Half-width , : ; ! ? ( ) inside Chinese text become full-width (the proofreader's rule, applied). */
export function fullWidthPunctuation(text: string): string {
  let out = text.replace(/\(([^()\n]*)\)/g, (whole, inner: string, offset: number) =>
    isHan(text[offset - 1]) || /\p{Script=Han}/u.test(inner) ? `（${inner}）` : whole,
  );
  out = out.replace(/[,:;!?]/g, (mark, offset: number, all: string) => {
    const before = all[offset - 1];
    const after = all[offset + 1];
    if (isDigit(before) && isDigit(after)) return mark;
    if (/^https?$/.test(all.slice(Math.max(0, offset - 5), offset).replace(/^.*[^a-z]/, ""))) return mark;
    return isChinese(before) || (isHan(after) && !/[A-Za-z0-9]/.test(before ?? "")) ? FULL[mark]! : mark;
  });
  return out;
}

export const CONTINUATION = /^[，、。；：！？）》」』”\p{Script=Han}]/u;
const RUNNING = /[，；：“”（）,;:()]/u;

/** True when `first` stops mid-sentence and `next` goes on (the column broke, not the paragraph). */
export function continues(first: string, next: string): boolean {
  return isHan(first.at(-1)) && CONTINUATION.test(next) && ([...first].length >= 16 || RUNNING.test(first));
}
