/**
 * The share cards' Chinese is set by librsvg in the Noto CJK fonts it finds through fontconfig
 * (share-card.ts). Where they are missing, fontconfig answers with another family (DejaVu Sans on
 * a bare Debian), which has no Chinese: every headline would be a row of empty boxes, and the image
 * cache would keep those cards under the same keys as good ones, so installing the fonts later
 * would not mend them. So before a card is made, fontconfig is asked once per process which
 * family it would use; a build that would make cards without the fonts stops and says what to
 * install. Where `fc-match` itself is missing (a machine whose fontconfig has no tools), nothing
 * can be asked, and cards are made as before.
 */
import { execFile } from "node:child_process";
import { CARD_FAMILIES } from "./share-card.ts";

/** The family fontconfig gives for `family` (its first name), or undefined when `fc-match` cannot run. */
function matchedFamily(family: string): Promise<string | undefined> {
  return new Promise((resolve, reject) =>
    execFile("fc-match", ["-f", "%{family[0]}", family], { encoding: "utf8" }, (error, stdout) => {
      if ((error as NodeJS.ErrnoException | null)?.code === "ENOENT") resolve(undefined);
      else if (error) reject(new Error(`share cards: fc-match "${family}" failed: ${error.message}`));
      else resolve(stdout.trim());
    }),
  );
}

/** Rejects with what to install when fontconfig would set the cards in other fonts. */
export async function checkCardFonts(): Promise<void> {
  const found = await Promise.all(CARD_FAMILIES.map(matchedFamily));
  // "Noto Sans CJK SC" is met by any face of Noto Sans CJK (fontconfig may name another region's first).
  const missing = CARD_FAMILIES.flatMap((family, at) => {
    const answer = found[at];
    return answer === undefined || answer.startsWith(family.replace(/ [A-Z]{2}$/, "")) ? [] : [`"${family}" (fontconfig gives "${answer || "nothing"}")`];
  });
  if (missing.length > 0) {
    throw new Error(
      `share cards: the fonts for their Chinese are not installed: ${missing.join(", ")}; every headline would be empty boxes. Install the Noto CJK fonts (Debian and Ubuntu: apt-get install fonts-noto-cjk) and build again`,
    );
  }
}

let checked: Promise<void> | undefined;

/** checkCardFonts, once per process. */
export function cardFontsChecked(): Promise<void> {
  checked ??= checkCardFonts();
  return checked;
}
