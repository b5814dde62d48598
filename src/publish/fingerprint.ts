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
import { execFile, execFileSync } from "node:child_process";
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

const LS_FILES = ["ls-files", "--stage", "-z", "--", "."];
const statusArgs = (untracked: "no" | "normal") => ["status", "--porcelain=v1", "-z", `--untracked-files=${untracked}`, "--no-renames", "--", "."];

/**
 * Regular files in `git ls-files --stage -z` output, as [path relative to where it ran, blob id]:
 * paths as they are (-z: no quoting of non-ASCII names), normalised by git. Each entry is
 * "<mode> <id> <stage>\t<path>"; only regular files (mode 100…, not symlinks or submodules) at
 * stage 0 (no merge conflict).
 */
function* trackedEntries(output: string): Generator<[string, string]> {
  for (const entry of output.split("\0")) {
    const tab = entry.indexOf("\t");
    if (tab < 0 || entry[tab - 1] !== "0" || !entry.startsWith("100")) continue;
    yield [entry.slice(tab + 1), entry.slice(tab - 42, tab - 2)];
  }
}

/** Paths in `git status --porcelain=v1 -z` output (relative to the work tree's top): modified, added, deleted or untracked. */
function changedEntries(output: string): string[] {
  return output.split("\0").filter((entry) => entry.length > 3).map((entry) => entry.slice(3));
}

export function trackedFiles(root: string): TrackedFiles {
  const found = new Map<string, string>();
  try {
    const top = git(root, ["rev-parse", "--show-toplevel"]).trim();
    const base = path.resolve(root);
    for (const [relative, id] of trackedEntries(git(root, LS_FILES))) found.set(`${base}${path.sep}${relative}`, id);
    // Modified or deleted: hashed from the disk instead. (Untracked files are not in the map.)
    for (const changed of changedEntries(git(root, statusArgs("no")))) found.delete(path.resolve(top, changed));
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

/** An edition's hash from its files: "<path in the folder>\0<blob id>" lines, sorted by path. */
function folderHash(lines: string[]): string {
  return sha256(lines.sort().join("\n"));
}

/** Hash of an edition folder from the disk: every non-hidden regular file (images and page scans included). */
export function fingerprintEdition(folder: EditionFolder, cache: StampCache, tracked: TrackedFiles = new Map()): EditionFingerprint {
  const lines: string[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, `${prefix}${entry.name}/`);
      else if (entry.isFile()) lines.push(`${prefix}${entry.name}\0${fileHash(full, cache, tracked)}`);
    }
  };
  walk(folder.dir, "");
  return { ...folder, contentHash: folderHash(lines) };
}

const gitAsync = (cwd: string, args: readonly string[]) =>
  new Promise<string>((resolve, reject) =>
    execFile("git", args, { cwd, encoding: "buffer", maxBuffer: 1 << 30 }, (error, stdout) => (error ? reject(error) : resolve(stdout.toString("utf8")))),
  );

/** "2000/2000-01-03/p1-s1.md" → the edition folder's path and the file's path in it (as findEditionFolders walks). */
const IN_EDITION = /^((?:[^/._][^/]*\/)*?\d{4}-\d{2}-\d{2})\/(.+)$/;
/** A path in an edition folder, or the folder itself → the folder's path. */
const EDITION_OF = /^((?:[^/._][^/]*\/)*?\d{4}-\d{2}-\d{2})(?:\/|$)/;

/**
 * Fingerprints of every edition folder under `root`. In a git work tree an edition in which git
 * sees nothing changed or untracked is hashed from git's index alone — no directory is read, no
 * file is stat'ed beyond git's own check — so a plain build of a ten-year archive costs one
 * `git ls-files` and one `git status` (run side by side). Other editions (and every edition
 * outside git) are read from the disk. Both give the same hash for the same files. (Files git
 * ignores are not content: an edition hashed from git leaves them out.)
 */
export async function fingerprintEditions(root: string, folders: readonly EditionFolder[], cache: StampCache): Promise<EditionFingerprint[]> {
  const base = path.resolve(root);
  // Each folder's path relative to `root`, with forward slashes, as git gives paths.
  const keys = folders.map((folder) => path.relative(base, folder.dir).split(path.sep).join("/"));
  let fromGit: Map<string, string[]> | undefined;
  try {
    const [top, tracked, status] = await Promise.all([gitAsync(base, ["rev-parse", "--show-toplevel"]), gitAsync(base, LS_FILES), gitAsync(base, statusArgs("normal"))]);
    const byFolder = new Map(keys.map((key) => [key, [] as string[]]));
    for (const [file, id] of trackedEntries(tracked)) {
      const match = IN_EDITION.exec(file);
      if (!match || match[2]!.startsWith(".") || match[2]!.includes("/.")) continue;
      byFolder.get(match[1]!)?.push(`${match[2]}\0${id}`);
    }
    // A folder holding anything git sees changed or untracked is read from the disk.
    const topDir = top.trim();
    for (const changed of changedEntries(status)) {
      const relative = path.relative(base, path.resolve(topDir, changed)).split(path.sep).join("/");
      const match = EDITION_OF.exec(relative);
      if (match) byFolder.delete(match[1]!);
      // An untracked folder above editions (a new year): every edition in it.
      else for (const folder of byFolder.keys()) if (folder.startsWith(`${relative}/`)) byFolder.delete(folder);
    }
    fromGit = byFolder;
  } catch {
    fromGit = undefined;
  }
  return folders.map((folder, at) => {
    const lines = fromGit?.get(keys[at]!);
    return lines ? { ...folder, contentHash: folderHash(lines) } : fingerprintEdition(folder, cache);
  });
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
