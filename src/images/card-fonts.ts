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

/** The families the card's text asks fontconfig for first (share-card.ts sets its text in them). */
export const CARD_FAMILIES = ["Noto Sans CJK SC", "Noto Serif CJK SC"] as const;

/** Between the answers of one `sh` run: a control character no family or face name holds. */
const SEPARATOR = "\u001e";
/** What the script prints (instead of any answer) where `fc-match` is not installed. */
const NO_TOOLS = "no fontconfig tools";

/**
 * Both questions for every family, asked by one shell: each process Node starts costs its main
 * thread 12–16 ms, and 19–46 ms once the heap holds 270 MB (a day's build at 100,000 articles),
 * where this used to start four. Prints, per family, fc-match's family and fc-list's faces, each
 * followed by SEPARATOR; fc-list missing gives no faces, as before.
 */
const FONTCONFIG_SCRIPT = `command -v fc-match >/dev/null 2>&1 || { printf '${NO_TOOLS}'; exit 0; }
for family do
  fc-match -f '%{family[0]}' "$family" || exit 1
  printf '${SEPARATOR}'
  if command -v fc-list >/dev/null 2>&1; then fc-list -f '%{postscriptname} %{fontversion}\\n' "$family" || exit 1; fi
  printf '${SEPARATOR}'
done`;

/** For each family: the family fontconfig gives for it (its first name), and the faces it lists under it; undefined where fontconfig has no tools. */
function askFontconfig(families: readonly string[]): Promise<{ matched: string; faces: string }[] | undefined> {
  return new Promise((resolve, reject) =>
    execFile("sh", ["-c", FONTCONFIG_SCRIPT, "sh", ...families], { encoding: "utf8" }, (error, stdout, stderr) => {
      if ((error as NodeJS.ErrnoException | null)?.code === "ENOENT" || (!error && stdout === NO_TOOLS)) return resolve(undefined);
      if (error) return reject(new Error(`share cards: asking fontconfig for ${families.join(", ")} failed: ${String(stderr).trim() || error.message}`));
      const answers = stdout.split(SEPARATOR);
      resolve(families.map((_, at) => ({ matched: answers[2 * at]!.trim(), faces: answers[2 * at + 1]!.split("\n").filter(Boolean).sort().join(", ") })));
    }),
  );
}

/**
 * The faces that set the cards, one line per family ("Noto Sans CJK SC: NotoSansCJKsc-Bold
 * 131334, …"); rejects with what to install when fontconfig would set the cards in other fonts.
 */
export async function checkCardFonts(): Promise<string> {
  const answers = (await askFontconfig(CARD_FAMILIES)) ?? [];
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
