/**
 * Content fingerprints: one hash per edition folder, found without reading unchanged files. An
 * edition's hash is git's tree id of its folder (every file's name, mode and blob id, and its
 * subfolders' tree ids), so:
 *   - in a git work tree, an edition folder in which `git status` sees nothing changed or
 *     untracked takes its tree id from HEAD — a `git ls-tree` of the folders (of the years whose
 *     listing is not kept), no readdir, no stat. A fresh clone in CI (every mtime new) costs that
 *     and one `git status`;
 *   - any other folder is walked and its tree id computed as git would; a file whose size and mtime
 *     match the last build keeps its recorded blob id (the stamp cache), the rest are read.
 * Either way the same files give the same id, so the two never disagree about what changed.
 * Hidden files are part of the fingerprint (as git commits them) though the reader skips them:
 * editing one only renders that edition again, to the same bytes.
 */
import { execFile } from "node:child_process";
import { createHash, hash as hashOnce } from "node:crypto";
import { readdirSync, readFileSync, readlinkSync, statSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { EDITION_FOLDER } from "../content/edition-folder.ts";
import { ContentError } from "../validate/problem.ts";

export interface FileStamp {
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
}

/** Absolute file path → what it was at the last build (a Map will do). */
export interface StampCache {
  get(file: string): FileStamp | undefined;
  set(file: string, stamp: FileStamp): unknown;
}

/**
 * The last build's stamps, keeping for the next build only those this one looked up or made: a
 * daily build in git looks at the code and a day's editions, and a stamp of every file of a
 * 100,000-article archive (17.6 MB, after a build that rendered every edition) was read and
 * written again by each build after it: its fingerprint stage took 0.95–1.01 s and its swap
 * 0.53–0.66 s, against 0.17–0.21 s and 0.06–0.10 s once only the used stamps were kept. A build
 * that reads every folder (content outside git) keeps every stamp.
 */
export class UsedStamps implements StampCache {
  private readonly used = new Map<string, FileStamp>();

  constructor(private readonly known: ReadonlyMap<string, FileStamp> = new Map()) {}

  get(file: string): FileStamp | undefined {
    const stamp = this.used.get(file) ?? this.known.get(file);
    if (stamp) this.used.set(file, stamp);
    return stamp;
  }

  set(file: string, stamp: FileStamp): this {
    this.used.set(file, stamp);
    return this;
  }

  /** The stamps to keep. */
  entries(): IterableIterator<[string, FileStamp]> {
    return this.used.entries();
  }
}

export interface EditionFolder {
  /** YYYY-MM-DD */
  readonly date: string;
  /** Absolute folder path. */
  readonly dir: string;
}

export interface EditionFingerprint extends EditionFolder {
  /** Git's tree id of the folder (see above). */
  readonly contentHash: string;
}

/**
 * crypto.hash, one call with no Hash object: a build and a check hash a key for every edition,
 * and 4,462 of them took 15–19 ms in a fresh process against 35–41 ms with createHash.
 */
export function sha256(data: string | Buffer): string {
  return hashOnce("sha256", data, "hex");
}

/** Every edition folder under `root` (nested year folders allowed), oldest first. Mirrors read-content.ts. */
export function findEditionFolders(root: string): EditionFolder[] {
  const found: EditionFolder[] = [];
  // `dir` is absolute and normalised and an entry's name has no separator, so joining is
  // concatenating: path.join, normalising each of 4,320 paths at 100,000 articles, took 24 ms of
  // the walk's 33 in a profile of a day.
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory() || entry.name.startsWith(".") || entry.name.startsWith("_")) continue;
      const full = dir.endsWith(path.sep) ? `${dir}${entry.name}` : `${dir}${path.sep}${entry.name}`;
      if (EDITION_FOLDER.test(entry.name)) found.push({ date: entry.name, dir: full });
      else walk(full);
    }
  };
  walk(path.resolve(root));
  return found.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.dir < b.dir ? -1 : 1));
}

/** Git's blob id of a file's bytes. */
function blobId(bytes: Buffer): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

// --no-optional-locks: several git processes look at one repository at once, and none should write its index.
/** Every folder's tree id in HEAD below the content (paths relative to it). */
const lsTreeArgs = ["ls-tree", "-d", "-r", "-z", "HEAD", "--", "."];
/** The folders at the top of the content: a year each, or editions. */
const topFoldersArgs = ["ls-tree", "-d", "-z", "HEAD", "--", "."];
/** Every folder of the top-level folders named after these arguments (names taken literally, not as patterns). */
const yearArgs = ["--literal-pathspecs", "ls-tree", "-d", "-r", "-z", "HEAD", "--"];
const topArgs = ["rev-parse", "--show-toplevel"];
/**
 * The whole work tree's status, with no pathspec: git uses its untracked cache
 * (`core.untrackedCache`, where the repository keeps one) only for a status without a pathspec.
 * Paths outside the content are passed over; git also checks the files beside the content, in a
 * paper's repository its few settings and templates. Over the 100,000-article archive (122,000
 * files), run as the build runs it, in alternation: with the cache, 0.37–0.49 s without a
 * pathspec against 0.45–0.56 s with `-- .` (medians 0.385 and 0.475 s, four each); without it,
 * 0.46–0.49 s either way.
 */
const statusArgs = ["--no-optional-locks", "status", "--porcelain=v1", "-z", "--untracked-files=normal", "--no-renames"];

/** Paths in `git status --porcelain=v1 -z` output (relative to the work tree's top): modified, added, deleted or untracked. */
function changedEntries(output: string): string[] {
  return output.split("\0").filter((entry) => entry.length > 3).map((entry) => entry.slice(3));
}

function fileHash(file: string, cache: StampCache, stat = statSync(file)): string {
  const known = cache.get(file);
  if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return known.hash;
  const hash = blobId(readFileSync(file));
  cache.set(file, { size: stat.size, mtimeMs: stat.mtimeMs, hash });
  return hash;
}

/** Git's tree id of a folder on disk (undefined when it holds no file, as git keeps no empty folder). */
function treeId(dir: string, cache: StampCache): string | undefined {
  const entries: { name: Buffer; mode: string; id: string }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === ".git") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const id = treeId(full, cache);
      // Git orders a folder as if its name ended in "/".
      if (id) entries.push({ name: Buffer.from(`${entry.name}/`), mode: "40000", id });
    } else if (entry.isSymbolicLink()) {
      entries.push({ name: Buffer.from(entry.name), mode: "120000", id: blobId(Buffer.from(readlinkSync(full))) });
    } else if (entry.isFile()) {
      const stat = statSync(full);
      entries.push({ name: Buffer.from(entry.name), mode: stat.mode & 0o100 ? "100755" : "100644", id: fileHash(full, cache, stat) });
    }
  }
  if (entries.length === 0) return undefined;
  entries.sort((a, b) => Buffer.compare(a.name, b.name));
  const body = Buffer.concat(
    entries.flatMap(({ name, mode, id }) => [Buffer.from(`${mode} `), name.at(-1) === 0x2f ? name.subarray(0, -1) : name, Buffer.from([0]), Buffer.from(id, "hex")]),
  );
  return createHash("sha1").update(`tree ${body.length}\0`).update(body).digest("hex");
}

/** An edition read from the disk: its folder's git tree id. */
export function fingerprintEdition(folder: EditionFolder, cache: StampCache): EditionFingerprint {
  // A folder with no file at all has the id of git's empty tree.
  return { ...folder, contentHash: treeId(folder.dir, cache) ?? EMPTY_TREE };
}

const EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

const gitAsync = (cwd: string, args: readonly string[]) =>
  new Promise<string>((resolve, reject) =>
    execFile("git", args, { cwd, encoding: "buffer", maxBuffer: 1 << 30 }, (error, stdout) => (error ? reject(error) : resolve(stdout.toString("utf8")))),
  );

/** A path in an edition folder, or the folder itself → the folder's path. */
const EDITION_OF = /^((?:[^/._][^/]*\/)*?\d{4}-\d{2}-\d{2})(?:\/|$)/;

/** Tree ids in `git ls-tree -d [-r] -z` output ("<mode> tree <id>\t<path>"), by path, in git's order. */
function treeEntries(output: string): Map<string, string> {
  const trees = new Map<string, string>();
  for (const entry of output.split("\0")) {
    const tab = entry.indexOf("\t");
    if (tab > 0) trees.set(entry.slice(tab + 1), entry.slice(tab - 40, tab));
  }
  return trees;
}

/**
 * What `git ls-tree -d -r -z HEAD -- .` lists below the content, each top-level folder's part (a
 * year's) kept by the folder's name and tree id in `kept`: a tree id fixes every folder below it,
 * so a year HEAD still has as it was is not listed again. In a 100,000-article archive (4,437
 * editions in 17 years) git took 0.17–0.20 s to list every folder and 0.02–0.03 s for the top
 * level with a build running beside it; on an idle machine 0.08 s, 0.01 s, and 0.02 s for a year.
 * The year of the newest edition, where a day's edition goes, is listed beside the top level, not
 * after it; other years only when their id is not kept.
 * Measured there in alternation with the whole listing: `npm run check` with every finding kept
 * took 2.01–2.30 s against 2.31–2.36 s, a plain build's fingerprint 0.84–0.89 s against
 * 0.92–0.99 s; a `--committed` day did not change (0.37–0.57 s against 0.40–0.43 s), as git ran
 * while the build read its state.
 */
async function headFolderListing(base: string, keys: readonly string[], kept: KeptListings | undefined): Promise<string> {
  if (!kept) return gitAsync(base, lsTreeArgs);
  const newestKey = keys.at(-1) ?? "";
  const newestTop = newestKey.includes("/") ? newestKey.slice(0, newestKey.indexOf("/")) : undefined;
  const [top, newest] = await Promise.all([gitAsync(base, topFoldersArgs), newestTop === undefined ? undefined : gitAsync(base, [...yearArgs, newestTop])]);
  const parts: string[] = [top];
  const missing: { name: string; id: string }[] = [];
  for (const [name, id] of treeEntries(top)) {
    // An edition at the top level is in `top` itself; findEditionFolders never looks below hidden or _ folders.
    if (EDITION_FOLDER.test(name) || name.startsWith(".") || name.startsWith("_")) continue;
    if (name === newestTop) {
      kept.set(name, id, newest!);
      parts.push(newest!);
      continue;
    }
    const part = kept.get(name, id);
    if (part === undefined) missing.push({ name, id });
    else parts.push(part);
  }
  if (missing.length > 0) {
    const listed = await gitAsync(base, [...yearArgs, ...missing.map(({ name }) => name)]);
    const byTop = new Map<string, string[]>(missing.map(({ name }) => [name, []]));
    for (const entry of listed.split("\0")) {
      const name = entry.slice(entry.indexOf("\t") + 1);
      byTop.get(name.includes("/") ? name.slice(0, name.indexOf("/")) : name)?.push(entry);
    }
    for (const { name, id } of missing) {
      const part = byTop.get(name)!.join("\0");
      kept.set(name, id, part);
      parts.push(part);
    }
  }
  await kept.save();
  return parts.join("\0");
}

/**
 * The listings of HEAD's top-level content folders (headFolderListing), kept in one file between
 * builds by name and tree id. Written again only when a folder was listed, holding only the
 * folders HEAD had then. Content-addressed, so it is never stale: at worst it is missing or
 * spoiled, and the folders are listed again.
 */
export class KeptListings {
  private readonly known: Map<string, string>;
  private readonly used = new Map<string, string>();
  private listed = false;

  constructor(private readonly file: string) {
    let read: unknown;
    try {
      read = JSON.parse(readFileSync(file, "utf8"));
    } catch {
      read = undefined;
    }
    this.known = new Map(read && typeof read === "object" ? Object.entries(read as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === "string") : []);
  }

  get(name: string, id: string): string | undefined {
    const part = this.known.get(`${id} ${name}`);
    if (part !== undefined) this.used.set(`${id} ${name}`, part);
    return part;
  }

  set(name: string, id: string, part: string): void {
    if (this.known.get(`${id} ${name}`) !== part) this.listed = true;
    this.used.set(`${id} ${name}`, part);
  }

  /** Writes the folders used by this listing, if it listed any: beside the file and renamed into place. */
  async save(): Promise<void> {
    if (!this.listed) return;
    const temp = `${this.file}.tmp-${process.pid}`;
    try {
      await writeFile(temp, JSON.stringify(Object.fromEntries(this.used)));
      await rename(temp, this.file);
    } catch {
      // A cache: the next build lists those folders again.
    }
  }
}

/**
 * Each folder's path relative to `base`, with forward slashes, as git gives paths. The folders
 * findEditionFolders gives start with `base` and a separator, so that prefix is cut off:
 * path.relative took 26–75 ms for the 4,320 folders of a 100,000-article archive.
 */
function folderKeys(base: string, folders: readonly EditionFolder[]): string[] {
  const prefix = base.endsWith(path.sep) ? base : `${base}${path.sep}`;
  return folders.map((folder) => {
    const relative = folder.dir.startsWith(prefix) ? folder.dir.slice(prefix.length) : path.relative(base, folder.dir);
    return path.sep === "/" ? relative : relative.split(path.sep).join("/");
  });
}

/** The tree id HEAD has for each of `keys` (folders it does not have are left out), from `git ls-tree -d -r -z` output. */
function headTreeIds(keys: readonly string[], lsTree: string): Map<string, string> {
  const all = treeEntries(lsTree);
  const byFolder = new Map<string, string>();
  for (const key of keys) {
    const id = all.get(key);
    if (id) byFolder.set(key, id);
  }
  return byFolder;
}

/**
 * `byFolder` (keyed by folder path relative to `base`, as folderKeys gives them) less every folder
 * holding anything `git status` output names: changed (staged or not) or untracked.
 */
function withoutChanged<T>(byFolder: Map<string, T>, base: string, top: string, status: string): Map<string, T> {
  const topDir = top.trim();
  for (const changed of changedEntries(status)) {
    const relative = path.relative(base, path.resolve(topDir, changed)).split(path.sep).join("/");
    // Outside the content (the project's code, or a folder beside it): no edition's.
    if (relative === ".." || relative.startsWith("../") || path.isAbsolute(relative)) continue;
    const match = EDITION_OF.exec(relative);
    if (match) byFolder.delete(match[1]!);
    // An untracked folder above editions (a new year): every edition in it.
    else for (const folder of byFolder.keys()) if (folder.startsWith(`${relative}/`)) byFolder.delete(folder);
  }
  return byFolder;
}

/**
 * Fingerprints of every edition folder under `root`. In a git work tree an edition in which git
 * sees nothing changed or untracked takes its tree id from HEAD — no directory is read, no file
 * is stat'ed beyond git's own check — so a plain build of a ten-year archive costs git's listing
 * of the folders (headFolderListing) and one `git status`, run side by side. Other editions (and every
 * edition outside git) are read from the disk, with the same id.
 */
export async function fingerprintEditions(root: string, folders: readonly EditionFolder[], cache: StampCache, kept?: KeptListings): Promise<EditionFingerprint[]> {
  const base = path.resolve(root);
  const keys = folderKeys(base, folders);
  let fromGit: Map<string, string> | undefined;
  try {
    const [top, trees, status] = await Promise.all([gitAsync(base, topArgs), headFolderListing(base, keys, kept), gitAsync(base, statusArgs)]);
    // A folder holding anything git sees changed is read from the disk.
    fromGit = withoutChanged(headTreeIds(keys, trees), base, top, status);
  } catch {
    // Not a work tree, or no commit yet.
    fromGit = undefined;
  }
  return folders.map((folder, at) => {
    const id = fromGit?.get(keys[at]!);
    return id ? { ...folder, contentHash: id } : fingerprintEdition(folder, cache);
  });
}

/**
 * Fingerprints of every edition folder under `root` as committed at HEAD, for a work tree that is
 * a clean checkout of it (CI): git's listing of HEAD's folders, and no `git status`, whose look at every file
 * took 0.7 s of a day's build in a 100,000-article archive (121,000 files). The caller checks the
 * editions it renders against the disk (`uncommittedEditions`); edits to the others are not seen.
 * Throws when the content is not in git, or an edition folder is not in HEAD.
 */
export async function committedFingerprints(root: string, folders: readonly EditionFolder[], kept?: KeptListings): Promise<EditionFingerprint[]> {
  const base = path.resolve(root);
  const keys = folderKeys(base, folders);
  const trees = await headFolderListing(base, keys, kept).catch((error: unknown) => {
    const said = String((error as { stderr?: unknown }).stderr || (error as Error).message).trim();
    throw new ContentError([{ severity: "error", file: base, message: `--committed: expected the content in a git work tree with a commit (git: ${said})` }]);
  });
  const byFolder = headTreeIds(keys, trees);
  const missing = folders.filter((_, at) => !byFolder.has(keys[at]!));
  if (missing.length > 0) throw notCommitted(missing, "is not in HEAD");
  return folders.map((folder, at) => ({ ...folder, contentHash: byFolder.get(keys[at]!)! }));
}

/**
 * Of `prints` (taken from HEAD), those whose folder on the disk is not what HEAD has: they would be
 * rendered from other files than their key says. A few are read from the disk with the stamp
 * cache, as a plain build reads a changed folder; of many (every edition, after a change of code)
 * only those `git status` names are read, as a plain build does: at 100,000 articles git took
 * 0.5 s, where reading every folder took 4.2 s without stamps and 1.1 s with them.
 */
export async function uncommittedEditions(root: string, prints: readonly EditionFingerprint[], cache: StampCache, many: boolean): Promise<EditionFingerprint[]> {
  let unchanged = new Set<string>();
  if (many) {
    const base = path.resolve(root);
    const keys = folderKeys(base, prints);
    // HEAD's tree ids are the prints' own: git is asked only which folders differ from them (when
    // it cannot say, every folder is read).
    const [top, status] = await Promise.all([gitAsync(base, topArgs), gitAsync(base, statusArgs)]).catch(() => [undefined, undefined]);
    if (top !== undefined && status !== undefined) unchanged = new Set(withoutChanged(new Map(keys.map((key, at) => [key, prints[at]!.dir])), base, top, status).values());
  }
  return prints.filter((print) => !unchanged.has(print.dir) && fingerprintEdition(print, cache).contentHash !== print.contentHash);
}

/** Content errors for edition folders a `--committed` build cannot publish as committed. */
export function notCommitted(folders: readonly EditionFolder[], why: string): ContentError {
  return new ContentError(folders.map((folder) => ({ severity: "error", file: folder.dir, message: `edition ${folder.date} ${why}: --committed publishes the editions as committed at HEAD; commit it, or build without --committed` })));
}

/** Code a key covers, relative to the project: files and folders, less what `skip` names. */
export interface CodeScope {
  readonly paths: readonly string[];
  readonly skip?: readonly string[];
}

/**
 * All that shapes the output besides content: the renderer's sources, templates, assets and
 * locked packages, less the sources only other commands load (the proofreader and the check, the
 * importer, the live preview, `npm run new`, the deploy plan), so that a new proofreading rule
 * does not re-render a ten-year archive. test/compiled-build.test.ts bundles the build and fails
 * if it loads any file skipped here.
 */
export const RENDERER_CODE: CodeScope = {
  paths: [".eleventy.ts", "package-lock.json", "src", "layouts", "assets"],
  skip: [
    "src/proofread",
    "src/preview",
    "src/scaffold",
    "src/publish/deploy-plan.ts",
    ...["chinese-text", "founder", "html-text", "imported", "plain-text", "write-articles"].map((name) => `src/import/${name}.ts`),
  ],
};

/**
 * Hash of the code in `scope` (by default all the renderer's, whose change re-renders every
 * edition). Read from the disk with the stamp cache, not asked of git: 140 files, 0.7 MB, take
 * 3 ms with the stamps and 10–20 ms without (a fresh clone), against 40–50 ms for git's ls-files
 * and status.
 */
export function codeHash(projectRoot: string, cache: StampCache, scope: CodeScope = RENDERER_CODE): string {
  const skip = new Set(scope.skip);
  const hash = createHash("sha256");
  const add = (relative: string) => {
    if (skip.has(relative.split(path.sep).join("/"))) return;
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
  for (const part of scope.paths) add(part);
  return hash.digest("hex");
}
