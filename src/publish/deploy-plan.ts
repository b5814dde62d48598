/**
 * What a deploy uploads and deletes to turn the site a host serves into a new build, from the two
 * manifest trees (output-manifest.ts). The top levels are compared first, and a unit's part (an
 * edition folder's or a search bundle's `files.json`) is read only when its hash differs, so a day
 * published to a ten-year archive reads its own few parts of each tree, not thousands. A file goes
 * when its bytes or its media type changed; every file goes when the Cache-Control rules did
 * (`cacheRules` in the top level), since storage keeps the headers an object was uploaded with.
 *
 * The order keeps the live site whole at every step of a deploy: upload every new or changed file
 * but `files.json`, then delete what is gone (nothing still published links to it), then upload
 * `files.json`. A deploy stopped anywhere before that last step leaves the old `files.json` live,
 * so the next plan repeats it all (uploads of the same bytes, deletions of files already gone).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { runPool } from "../images/pool.ts";
import { checkPart, describeFile, MANIFEST_FILE, type ManifestPart, type OutputFile, type OutputManifest } from "./output-manifest.ts";
import { isImmutable, storageCacheControl } from "./site-files.ts";

/** A site's file by its site path, or undefined when the site has no such file. */
export type ReadSiteFile = (sitePath: string) => Promise<Buffer | undefined>;

export interface DeployUpload extends OutputFile {
  /** The same caching `_headers` gives the path, for hosts that take it per object (S3, R2, GCS). */
  readonly cacheControl: string;
}

export interface DeployPlan {
  /** New and changed files but `files.json`, in path order. */
  readonly upload: readonly DeployUpload[];
  /** Files the host has and the new build does not, in path order. */
  readonly delete: readonly string[];
  /** The new top-level `files.json`, uploaded last; undefined when it is byte-identical to the host's. */
  readonly manifest: DeployUpload | undefined;
  /** Files the host keeps as they are. */
  readonly unchanged: number;
  /** Parts read from each tree, of all parts the new build lists. */
  readonly partsRead: number;
  readonly parts: number;
  /**
   * What a CDN in front of the host may still hold wrong once the plan is applied, as URL paths
   * from the site's root (`/2021-03-05/01/slug/`; see purgePaths).
   */
  readonly purge: readonly string[];
  /** Why some of the host's files could not be known (a part missing or not matching its hash): their units are uploaded whole. */
  readonly notes: readonly string[];
}

/**
 * A build with --changes-only writes only what changed since the build state in its cache; when
 * the host missed the deploy of an earlier such build, this one's output does not hold it.
 */
export const CHANGES_ONLY_HINT = "build the site again (an output of --changes-only holds only what changed since the build state in its cache: when the host missed an earlier deploy, build once without --changes-only and deploy that)";

const withCaching = (file: OutputFile): DeployUpload => ({ ...file, cacheControl: storageCacheControl(file.path) });

/** A site path percent-encoded segment by segment, as it stands in a URL. */
const encodedPath = (sitePath: string): string => sitePath.split("/").map(encodeURIComponent).join("/");

/** A site path as the URL path a reader asks for, from the site's root: percent-encoded, a page also by its folder. */
function urlPaths(sitePath: string): string[] {
  const encoded = `/${encodedPath(sitePath)}`;
  return encoded.endsWith("/index.html") ? [encoded.slice(0, -"index.html".length), encoded] : [encoded];
}

/**
 * The URLs whose copies a CDN in front of the host must forget once the plan is applied: every file
 * deleted (a withdrawn article's photos are immutable, so an edge would keep them a year) and every
 * file uploaded (a page a CDN keeps five minutes; a new one it may have remembered as missing),
 * except new content-hashed names, which no cache can hold yet, unless the files are uploaded again
 * for other headers (`reheaded`), which an edge would otherwise go on sending. Sorted, each once.
 */
function purgePaths(upload: readonly OutputFile[], deletions: readonly string[], manifest: OutputFile | undefined, reheaded: boolean): string[] {
  const changed = [...upload.filter((file) => reheaded || !isImmutable(file.path)).map((file) => file.path), ...deletions, ...(manifest ? [manifest.path] : [])];
  return [...new Set(changed.flatMap(urlPaths))].sort();
}

/** Reads a site's files from a folder (the last published output kept somewhere, or a download of it). */
export function siteFolder(dir: string): ReadSiteFile {
  return (sitePath) =>
    readFile(path.join(dir, ...sitePath.split("/"))).catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
}

/** Reads a live site's files over HTTP: 404 and 410 mean absent, any other failure stops the plan. */
export function siteUrl(base: string, fetchFile: typeof fetch = fetch): ReadSiteFile {
  const root = base.endsWith("/") ? base : `${base}/`;
  return async (sitePath) => {
    const url = new URL(encodedPath(sitePath), root).href;
    const response = await fetchFile(url, { headers: { "cache-control": "no-cache" } });
    if (response.status === 404 || response.status === 410) return undefined;
    if (!response.ok) throw new Error(`deploy plan: ${url} answered ${response.status} ${response.statusText}`);
    return Buffer.from(await response.arrayBuffer());
  };
}

/**
 * A site path as the build writes them: relative, forward slashes, no `.` or `..`, no control
 * characters. The host's manifest comes from outside: any other path (which would name a file
 * outside the site, or break a line of the plan) makes it no manifest of ours.
 */
const isSitePath = (sitePath: unknown): boolean =>
  typeof sitePath === "string" && !/[\u0000-\u001f\u007f\\]/.test(sitePath) && sitePath.split("/").every((segment) => segment !== "" && segment !== "." && segment !== "..");

function notOurs(where: string, reason: unknown): Error {
  return new Error(`deploy plan: ${where} is not a Broadsheet manifest (${reason instanceof Error ? reason.message : String(reason)})`);
}

function onlySitePaths(where: string, files: readonly { readonly path: unknown }[]): void {
  const wrong = files.find((file) => !isSitePath(file.path));
  if (wrong) throw notOurs(where, `${JSON.stringify(wrong.path)} is not a path inside the site`);
}

function parseManifest(where: string, bytes: Buffer): OutputManifest {
  let parsed: OutputManifest;
  try {
    parsed = JSON.parse(bytes.toString("utf8")) as OutputManifest;
  } catch (error) {
    throw notOurs(where, error);
  }
  if (!Array.isArray(parsed?.files)) throw notOurs(where, "no files list");
  onlySitePaths(where, [...parsed.files, ...(parsed.parts ?? [])]);
  return parsed;
}

/** A part's files, checked as readSiteManifest checks them (checkPart); undefined when it is missing or they differ. */
async function readPart(read: ReadSiteFile, part: ManifestPart): Promise<readonly OutputFile[] | undefined> {
  const bytes = await read(part.path);
  if (!bytes) return undefined;
  let checked: ReturnType<typeof checkPart>;
  try {
    checked = checkPart(part, bytes);
  } catch (error) {
    throw notOurs(part.path, error);
  }
  if ("problem" in checked) return undefined;
  onlySitePaths(part.path, checked.files);
  return checked.files;
}

/** Parts read at once, from each tree: requests in flight to a live host, or files to a folder (`npm run bench:deploy`). */
export const PART_READS = 16;

const byPath = <T extends { path: string }>(list: readonly T[]): Map<string, T> => new Map(list.map((item) => [item.path, item]));

/**
 * The plan from the host's site (`live`; a host with no `files.json` gets everything) to the new
 * build (`next`, whose tree must be whole: a part that does not match its hash stops the plan).
 */
export async function planDeploy(live: ReadSiteFile, next: ReadSiteFile, options: { readonly partReads?: number } = {}): Promise<DeployPlan> {
  const nextBytes = await next(MANIFEST_FILE);
  if (!nextBytes) throw new Error(`deploy plan: the new build has no ${MANIFEST_FILE}; build the site first`);
  const nextTop = parseManifest(`the new build's ${MANIFEST_FILE}`, nextBytes);
  const liveBytes = await live(MANIFEST_FILE);
  const liveTop: OutputManifest = liveBytes ? parseManifest(`the host's ${MANIFEST_FILE}`, liveBytes) : { files: [], parts: [] };
  const notes: string[] = liveBytes ? [] : [`the host has no ${MANIFEST_FILE}: every file is uploaded`];
  // Storage keeps an object's Cache-Control until it is uploaded again: when this version's rules
  // differ from those the host's files were uploaded with, every file goes again, even unchanged.
  const reheaded = liveBytes !== undefined && liveTop.cacheRules !== nextTop.cacheRules;
  if (reheaded) {
    notes.push(
      liveTop.cacheRules === undefined
        ? `the host's ${MANIFEST_FILE} does not say which Cache-Control rules its files were uploaded with: every file is uploaded again with this version's`
        : `the Cache-Control rules changed since the host's files were uploaded (${liveTop.cacheRules} → ${nextTop.cacheRules}): every file is uploaded again with the new ones`,
    );
  }

  const upload: OutputFile[] = [];
  const gone: string[] = [];
  let unchanged = 0;
  /** Compares one list of the host's files with the new build's. */
  const compare = (before: readonly OutputFile[], after: readonly OutputFile[]) => {
    const old = byPath(before);
    for (const file of after) {
      const was = old.get(file.path);
      // A new media type needs the file uploaded again as much as new bytes do.
      if (!reheaded && was && was.sha256 === file.sha256 && was.size === file.size && was.type === file.type) unchanged++;
      else upload.push(file);
    }
    const kept = byPath(after);
    for (const file of before) if (!kept.has(file.path)) gone.push(file.path);
  };

  compare(liveTop.files, nextTop.files);
  const liveParts = byPath(liveTop.parts ?? []);
  const nextParts = nextTop.parts ?? [];
  const changed: ManifestPart[] = [];
  for (const part of nextParts) {
    const was = liveParts.get(part.path);
    if (!reheaded && was && was.sha256 === part.sha256 && was.size === part.size) unchanged += part.files + 1;
    else changed.push(part);
  }
  // Read PART_READS at a time: after a new design every part changed, and a live host is a round
  // trip per part (4,400 editions at 100,000 articles). Compared in the parts' order, as before.
  const partReads = options.partReads ?? PART_READS;
  const read = await runPool(changed, partReads, (part) => {
    const was = liveParts.get(part.path);
    return Promise.all([readPart(next, part), was ? readPart(live, was) : Promise.resolve([])]);
  });
  changed.forEach((part, at) => {
    const [after, before] = read[at]!;
    if (!after) throw new Error(`deploy plan: the new build's ${part.path} is missing or does not match the hash in ${MANIFEST_FILE}; ${CHANGES_ONLY_HINT}`);
    if (!before) notes.push(`the host's ${part.path} is missing or does not match its hash: its unit is uploaded whole`);
    const { files: _count, ...partFile } = part;
    compare(before ?? [], [...after, partFile]);
  });
  // Units the new build no longer has: every file they listed goes.
  const nextPartPaths = new Set(nextParts.map((part) => part.path));
  const removed = [...liveParts.values()].filter((was) => !nextPartPaths.has(was.path));
  const removedFiles = await runPool(removed, partReads, (was) => readPart(live, was));
  removed.forEach((was, at) => {
    const before = removedFiles[at];
    if (before) gone.push(was.path, ...before.map((file) => file.path));
    else notes.push(`the host's ${was.path} is missing or does not match its hash: files of that unit the new build lacks are not known and stay`);
  });

  // A file the new build still has (one unit's file moved into another) is never deleted.
  const published = new Set([...nextTop.files.map((file) => file.path), ...upload.map((file) => file.path)]);
  const deletions = [...new Set(gone)].filter((sitePath) => !published.has(sitePath) && sitePath !== MANIFEST_FILE).sort();
  const manifest = !liveBytes || !liveBytes.equals(nextBytes) ? withCaching(describeFile(MANIFEST_FILE, nextBytes)) : undefined;
  return {
    upload: upload.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map(withCaching),
    delete: deletions,
    manifest,
    purge: purgePaths(upload, deletions, manifest, reheaded),
    unchanged,
    partsRead: changed.length,
    parts: nextParts.length,
    notes,
  };
}
