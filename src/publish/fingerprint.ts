/**
 * Content fingerprints: one hash per edition folder (every file's name and bytes), found without
 * reading unchanged files. Like git's index, a file whose size and mtime match the last build keeps
 * its recorded hash; any other file is read and hashed. A fresh checkout (new mtimes) only costs
 * one read per file, and the hashes still match, so nothing is re-rendered.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
}

/** Absolute file path → what it was at the last build. */
export type StampCache = Map<string, FileStamp>;

export interface EditionFolder {
  /** YYYY-MM-DD */
  readonly date: string;
  /** Absolute folder path. */
  readonly dir: string;
}

export interface EditionFingerprint extends EditionFolder {
  /** sha256 of every file in the folder, by name. */
  readonly contentHash: string;
}

const EDITION_FOLDER = /^\d{4}-\d{2}-\d{2}$/;

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Every edition folder under `root` (nested year folders allowed), oldest first. Mirrors read-content.ts. */
export function findEditionFolders(root: string): EditionFolder[] {
  const found: EditionFolder[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith(".") || entry.name.startsWith("_")) continue;
      const full = path.join(dir, entry.name);
      if (EDITION_FOLDER.test(entry.name)) found.push({ date: entry.name, dir: full });
      else walk(full);
    }
  };
  walk(path.resolve(root));
  return found.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.dir < b.dir ? -1 : 1));
}

function fileHash(file: string, cache: StampCache): string {
  const stat = statSync(file);
  const known = cache.get(file);
  if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return known.hash;
  const hash = sha256(readFileSync(file));
  cache.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, hash });
  return hash;
}

/** Hash of an edition folder: every non-hidden file (images and page scans included), by name. */
export function fingerprintEdition(folder: EditionFolder, cache: StampCache): EditionFingerprint {
  const hash = createHash("sha256");
  const walk = (dir: string, prefix: string) => {
    const entries = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => !entry.name.startsWith("."))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, `${prefix}${entry.name}/`);
      else if (entry.isFile()) hash.update(`${prefix}${entry.name}\0${fileHash(full, cache)}\n`);
    }
  };
  walk(folder.dir, "");
  return { ...folder, contentHash: hash.digest("hex") };
}

/**
 * Hash of everything that shapes the output besides content: the renderer's source, templates,
 * assets and locked dependencies. A change re-renders every edition.
 */
export function codeHash(projectRoot: string, cache: StampCache): string {
  const hash = createHash("sha256");
  const add = (relative: string) => {
    const full = path.join(projectRoot, relative);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(full).sort()) if (!name.startsWith(".")) add(path.join(relative, name));
    } else {
      hash.update(`${relative}\0${fileHash(full, cache)}\n`);
    }
  };
  for (const part of [".eleventy.ts", "package-lock.json", "src", "layouts", "assets"]) add(part);
  return hash.digest("hex");
}
