/**
 * The colour a photo's box shows until the photo arrives. The CSP forbids inline styles, so the
 * dominant colour is rounded to one of 64 classes (4 levels a channel) defined in broadsheet.css.
 */
const LEVELS = [0x3a, 0x72, 0xaa, 0xe2];

function level(value: number): number {
  return Math.min(3, Math.max(0, Math.floor(value / 64)));
}

export function placeholderClass(colour: readonly [number, number, number]): string {
  return `ph-${colour.map(level).join("")}`;
}

/** The 64 rules, as written in assets/css/broadsheet.css (a test keeps the two equal). */
export function placeholderCss(): string {
  const rules: string[] = [];
  for (let r = 0; r < 4; r++)
    for (let g = 0; g < 4; g++)
      for (let b = 0; b < 4; b++) {
        const hex = [r, g, b].map((index) => LEVELS[index]!.toString(16)).join("");
        rules.push(`img.ph-${r}${g}${b}{background-color:#${hex}}`);
      }
  const lines: string[] = [];
  for (let index = 0; index < rules.length; index += 8) lines.push(rules.slice(index, index + 8).join(" "));
  return lines.join("\n");
}
