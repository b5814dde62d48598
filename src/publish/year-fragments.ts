/**
 * The site-wide files that list every edition's pages or files — api/editions.json (3 MB at
 * 100,000 articles) and the top level of files.json (every edition's part of the manifest) — are
 * written a year at a time. Each year's part is kept in the build cache under a key of that year's
 * render keys and this build's code and settings (yearKeys: equal keys, equal bytes). So
 * publishing a day makes its own year's part and takes the other years' as they are: their pages
 * and parts are never read from the build state (build-state.ts reads them only when asked).
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { byYear, type YearBytes, type YearPart } from "../model/edition-index.ts";
import { sha256 } from "./fingerprint.ts";

export class YearFragments {
  private readonly used = new Set<string>();

  /** `keys`: year → the key of its editions (yearKeys); `reuse` false (a --fresh build) makes every year's again. */
  constructor(
    private readonly dir: string,
    private readonly keys: ReadonlyMap<string, string>,
    private readonly reuse = true,
  ) {}

  /**
   * The year's part of the listing `kind`, kept or made now (and kept): the kept file, which the
   * caller reads where it wants it (api/editions.json reads each into its one buffer, undecoded:
   * 3 MB of CJK at 100,000 articles), or the bytes made now.
   */
  part(kind: string, year: string, make: () => string): YearPart {
    const key = this.keys.get(year);
    if (key === undefined) return Buffer.from(make());
    const name = `${kind}-${year}-${sha256(`${kind}\n${key}`).slice(0, 16)}.txt`;
    this.used.add(name);
    const file = path.join(this.dir, name);
    if (this.reuse) {
      try {
        return { file, size: statSync(file).size };
      } catch {
        // Not kept yet: made below.
      }
    }
    const bytes = Buffer.from(make());
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(`${file}.tmp-${process.pid}`, bytes);
    renameSync(`${file}.tmp-${process.pid}`, file);
    return bytes;
  }

  /** The same as text (for listings of plain ASCII, such as the manifest's, which decodes at little cost). */
  text(kind: string, year: string, make: () => string): string {
    const part = this.part(kind, year, make);
    return part instanceof Uint8Array ? Buffer.from(part.buffer, part.byteOffset, part.byteLength).toString("utf8") : readFileSync(part.file, "utf8");
  }

  /** The `YearBytes` of one listing. */
  of(kind: string): YearBytes {
    return (year, make) => this.part(kind, year, make);
  }

  /** Removes every kept part this build did not use (called once the build is published). */
  prune(): void {
    let names: string[];
    try {
      names = readdirSync(this.dir);
    } catch {
      return;
    }
    for (const name of names) if (!this.used.has(name)) rmSync(path.join(this.dir, name), { force: true });
  }
}

/**
 * Year → the hash of this build's code and settings (`baseKey`) and the year's editions' dates and
 * render keys. The render keys say the editions' bytes are the same; `baseKey` that the listing is
 * written by the same code from the same settings: a day published with --edition after a change
 * of either leaves the other editions as they were (with the render keys of the last build), but
 * writes every year's part of the listings anew, as it writes the archive's years anew.
 */
export function yearKeys(baseKey: string, editions: readonly { readonly date: string; readonly renderKey: string }[]): Map<string, string> {
  return new Map(
    [...byYear(editions)].map(([year, list]) => [
      year,
      sha256(
        `${baseKey}\n${list
          .map((edition) => `${edition.date} ${edition.renderKey}`)
          .sort()
          .join("\n")}`,
      ),
    ]),
  );
}
