/**
 * Content fingerprints: one hash per edition folder (every file's name and bytes), found without
 * reading unchanged files. Files are hashed as git hashes them (the blob id), so:
 *   - in a git work tree, a tracked file that `git status` calls clean takes its id from git's
 *     index — no stat, no read. A fresh clone in CI (every mtime new) costs one `git ls-files`,
 *     not a read of every file of a ten-year archive;
 *   - any other file whose size and mtime match the last build keeps its recorded id (the stamp
 *     cache); the rest are read and hashed.
 * Either way a file has the same id, so the two never disagree about what changed.
 */
import { execFileSync } from "node:child_process";
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

/** Git's blob id of a file's bytes. */
export function blobId(bytes: Buffer): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/** Absolute path → blob id of every tracked file under `root` that git sees unchanged (none outside a work tree). */
export type TrackedFiles = ReadonlyMap<string, string>;

const git = (cwd: string, args: readonly string[]) => execFileSync("git", args, { cwd, encoding: "buffer", maxBuffer: 1 << 30, stdio: ["ignore", "pipe", "ignore"] }).toString("utf8");

export function trackedFiles(root: string): TrackedFiles {
  const found = new Map<string, string>();
  try {
    const top = git(root, ["rev-parse", "--show-toplevel"]).trim();
    const base = path.resolve(root);
    // -z: paths as they are (no quoting of non-ASCII names), relative to `root`, normalised by git,
    // so joining is enough. "<mode> <id> <stage>\t<path>"; only stage 0 (no merge conflict).
    for (const entry of git(root, ["ls-files", "--stage", "-z", "--", "."]).split("\0")) {
      const tab = entry.indexOf("\t");
      if (tab < 0 || entry[tab - 1] !== "0") continue;
      found.set(`${base}${path.sep}${entry.slice(tab + 1)}`, entry.slice(tab - 42, tab - 2));
    }
    // Modified, added, deleted or untracked: hashed from the disk instead (paths relative to the top).
    for (const entry of git(root, ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames", "--", "."]).split("\0")) {
      if (entry.length > 3) found.delete(path.resolve(top, entry.slice(3)));
    }
  } catch {
    return new Map();
  }
  return found;
}

function fileHash(file: string, cache: StampCache, tracked: TrackedFiles): string {
  const clean = tracked.get(file);
  if (clean) return clean;
  const stat = statSync(file);
  const known = cache.get(file);
  if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return known.hash;
  const hash = blobId(readFileSync(file));
  cache.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, hash });
  return hash;
}

/** Hash of an edition folder: every non-hidden file (images and page scans included), by name. */
export function fingerprintEdition(folder: EditionFolder, cache: StampCache, tracked: TrackedFiles = new Map()): EditionFingerprint {
  const hash = createHash("sha256");
  const walk = (dir: string, prefix: string) => {
    const entries = readdirSync(dir, { withFileTypes: true })
      .filter((entry) => !entry.name.startsWith("."))
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, `${prefix}${entry.name}/`);
      else if (entry.isFile()) hash.update(`${prefix}${entry.name}\0${fileHash(full, cache, tracked)}\n`);
    }
  };
  walk(folder.dir, "");
  return { ...folder, contentHash: hash.digest("hex") };
}

/**
 * Hash of everything that shapes the output besides content: the renderer's source, templates,
 * assets and locked dependencies. A change re-renders every edition.
 */
export function codeHash(projectRoot: string, cache: StampCache, tracked: TrackedFiles = new Map()): string {
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
      hash.update(`${relative}\0${fileHash(full, cache, tracked)}\n`);
    }
  };
  for (const part of [".eleventy.ts", "package-lock.json", "src", "layouts", "assets"]) add(part);
  return hash.digest("hex");
}
