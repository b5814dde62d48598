/** Character classes of Chinese copy, shared by the rules. */

/** A Han character (汉字). */
export const HAN = /\p{Script=Han}/u;
/** Full-width punctuation and symbols that only occur in Chinese text. */
export const CJK_PUNCTUATION = /[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65“”‘’…—·]/u;

export function isHan(char: string | undefined): boolean {
  return char !== undefined && HAN.test(char);
}

/** Han or Chinese punctuation: the surroundings in which a half-width mark is a typo. */
export function isChinese(char: string | undefined): boolean {
  return char !== undefined && (HAN.test(char) || CJK_PUNCTUATION.test(char));
}

/** Width of a text in print: Chinese characters are one em, Latin letters and digits about half. */
export function printWidth(text: string): number {
  let width = 0;
  for (const char of text) width += char.charCodeAt(0) < 0x2e80 && !"—…“”‘’·".includes(char) ? 0.5 : 1;
  return width;
}
