/**
 * Derived files live in `<cacheDir>/<key>/`, where the key hashes the source bytes and every
 * setting that affects the output. An entry is its folder with a `meta.json` written last, and the
 * folder appears by a rename, so an interrupted build never leaves an entry that looks complete.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";

export function hashBytes(...parts: readonly (string | Buffer)[]): string {
  const hash = createHash("sha256");
  for (const part of parts) {
    hash.update(part);
    hash.update("\0");
  }
  return hash.digest("hex");
}

/** How many of its entry's key digits a published derived file's name carries (`<stem>.<digits>.<ext>`). */
export const NAME_KEY_DIGITS = 10;

/**
 * The part of an entry's key a published file's name carries: enough to tell versions apart, and
 * what `--prune-image-cache` matches entries by (prune-cache.ts).
 */
export const nameKey = (key: string): string => key.slice(0, NAME_KEY_DIGITS);

/** SHA-256 of a file's bytes, as the output manifest gives it. */
export function sha256Of(bytes: Buffer): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export class ImageCache {
  hits = 0;
  misses = 0;

  constructor(readonly dir: string) {}

  entryDir(key: string): string {
    return path.join(this.dir, key.slice(0, 2), key);
  }

  async read<Meta>(key: string): Promise<Meta | undefined> {
    try {
      const meta = JSON.parse(await readFile(path.join(this.entryDir(key), "meta.json"), "utf8")) as Meta;
      this.hits++;
      return meta;
    } catch {
      return undefined;
    }
  }

  /** Adds to an entry's meta.json what an older version did not record (its files stay as they are). */
  async amend<Meta>(key: string, meta: Meta): Promise<void> {
    const file = path.join(this.entryDir(key), "meta.json");
    const temporary = `${file}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
    await writeFile(temporary, `${JSON.stringify(meta)}\n`);
    await rename(temporary, file);
  }

  /** Writes the files made by `make` into a fresh folder, then moves it into place. */
  async write<Meta>(key: string, make: (folder: string) => Promise<Meta>): Promise<Meta> {
    this.misses++;
    const final = this.entryDir(key);
    const temporary = `${final}.tmp-${process.pid}-${randomBytes(4).toString("hex")}`;
    await mkdir(temporary, { recursive: true });
    try {
      const meta = await make(temporary);
      await writeFile(path.join(temporary, "meta.json"), `${JSON.stringify(meta)}\n`);
      try {
        await rename(temporary, final);
      } catch (error) {
        // Another build process (a worker rendering other editions) made the same entry meanwhile:
        // equal keys mean equal bytes, so theirs is as good as ours.
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== "ENOTEMPTY" && code !== "EEXIST") throw error;
        if (await this.read<Meta>(key)) await rm(temporary, { recursive: true, force: true });
        else {
          // A folder without its meta.json is not an entry: replace it.
          await rm(final, { recursive: true, force: true });
          await rename(temporary, final);
        }
      }
      return meta;
    } catch (error) {
      await rm(temporary, { recursive: true, force: true });
      throw error;
    }
  }
}
