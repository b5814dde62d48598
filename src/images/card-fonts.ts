/**
 * The share cards' Chinese is set by librsvg in the Noto CJK fonts it finds through fontconfig
 * (share-card.ts). Where they are missing, fontconfig answers with another family (DejaVu Sans on
 * a bare Debian), which has no Chinese: every headline would be a row of empty boxes. So before
 * any card is named, fontconfig is asked once per process which family it would use; a build that
 * would make cards without the fonts stops and says what to install.
 *
 * The same answer names the faces that set the cards (each family's faces and their versions, as
 * fc-list gives them), and that is part of every card's key: a card set in other fonts (other
 * versions, a missing bold) is another card, under another name, never one the image cache kept
 * from a machine that had different fonts. Where `fc-match` itself is missing (a machine whose
 * fontconfig has no tools), nothing can be asked: cards are made as before, under a key that says so.
 */
import { execFile } from "node:child_process";
import { CARD_FAMILIES } from "./share-card.ts";

/** What a fontconfig tool prints, or undefined when it is not installed. */
function fontconfigTool(tool: "fc-match" | "fc-list", args: readonly string[]): Promise<string | undefined> {
  return new Promise((resolve, reject) =>
    execFile(tool, args, { encoding: "utf8" }, (error, stdout) => {
      if ((error as NodeJS.ErrnoException | null)?.code === "ENOENT") resolve(undefined);
      else if (error) reject(new Error(`share cards: ${tool} ${args.join(" ")} failed: ${error.message}`));
      else resolve(stdout);
    }),
  );
}

/** The family fontconfig gives for `family` (its first name), and the faces it lists under `family`. */
async function askFontconfig(family: string): Promise<{ matched: string; faces: string } | undefined> {
  const [matched, faces] = await Promise.all([
    fontconfigTool("fc-match", ["-f", "%{family[0]}", family]),
    fontconfigTool("fc-list", ["-f", "%{postscriptname} %{fontversion}\\n", family]),
  ]);
  if (matched === undefined) return undefined;
  return { matched: matched.trim(), faces: (faces ?? "").split("\n").filter(Boolean).sort().join(", ") };
}

/**
 * The faces that set the cards, one line per family ("Noto Sans CJK SC: NotoSansCJKsc-Bold
 * 131334, …"); rejects with what to install when fontconfig would set the cards in other fonts.
 */
export async function checkCardFonts(): Promise<string> {
  const answers = await Promise.all(CARD_FAMILIES.map(askFontconfig));
  // "Noto Sans CJK SC" is met by any face of Noto Sans CJK (fontconfig may name another region's first).
  const missing = CARD_FAMILIES.flatMap((family, at) => {
    const answer = answers[at];
    return answer === undefined || answer.matched.startsWith(family.replace(/ [A-Z]{2}$/, "")) ? [] : [`"${family}" (fontconfig gives "${answer.matched || "nothing"}")`];
  });
  if (missing.length > 0) {
    throw new Error(
      `share cards: the fonts for their Chinese are not installed: ${missing.join(", ")}; every headline would be empty boxes. Install the Noto CJK fonts (Debian and Ubuntu: apt-get install fonts-noto-cjk) and build again`,
    );
  }
  return CARD_FAMILIES.map((family, at) => `${family}: ${answers[at]?.faces ?? "(fontconfig has no tools to ask)"}`).join("\n");
}

let checked: Promise<string> | undefined;

/** checkCardFonts, once per process. */
export function cardFonts(): Promise<string> {
  checked ??= checkCardFonts();
  return checked;
}
