/** Small generated archives and folder snapshots for the publishing tests. */
import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateArchive } from "../../scripts/generate-archive.ts";
import { TEMP_REMOVAL } from "../helpers.ts";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const created: string[] = [];

export async function tempDir(name: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), `broadsheet-${name}-`));
  created.push(dir);
  return dir;
}

/**
 * Removes the folders tempDir made under the given names (builds write `<output>.cache` beside
 * their output, so inside them). By name: uvu loads every test file before running any, so a
 * file must not remove another file's folders.
 */
export async function removeTempDirs(...names: string[]): Promise<void> {
  const mine = created.filter((dir) => names.some((name) => new RegExp(`^broadsheet-${name}-[^-]{6}$`).test(path.basename(dir))));
  await Promise.all(mine.map((dir) => rm(dir, TEMP_REMOVAL)));
}

/** A SYNTHETIC archive of `editions` small editions (2 pages of 3 stories). */
export async function smallArchive(name: string, editions = 6, start = "2021-03-01"): Promise<string> {
  const out = path.join(await tempDir(name), "content");
  await generateArchive({ out, editions, pages: 2, articles: 3, seed: 7, start });
  return out;
}

/** Copies the edition of `fromDate` as a new edition of `toDate` (dates in every article rewritten). */
export async function addEdition(contentRoot: string, fromDate: string, toDate: string): Promise<void> {
  const from = path.join(contentRoot, fromDate.slice(0, 4), fromDate);
  const to = path.join(contentRoot, toDate.slice(0, 4), toDate);
  await cp(from, to, { recursive: true });
  for (const name of await readdir(to)) {
    if (!name.endsWith(".md")) continue;
    const file = path.join(to, name);
    await writeFile(file, (await readFile(file, "utf8")).replace(`date: "${fromDate}"`, `date: "${toDate}"`));
  }
}

/** Site path → sha256 of every file under `root` (symlinks followed), so two trees compare byte for byte. */
export async function snapshot(root: string): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  const walk = async (dir: string, prefix: string) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const isDirectory = entry.isDirectory() || (entry.isSymbolicLink() && (await readdir(full).then(() => true, () => false)));
      if (isDirectory) await walk(full, `${prefix}${entry.name}/`);
      else result.set(`${prefix}${entry.name}`, createHash("sha256").update(await readFile(full)).digest("hex"));
    }
  };
  await walk(root, "");
  return result;
}

/** Differences between two snapshots, as site paths. */
export function changedPaths(before: Map<string, string>, after: Map<string, string>): string[] {
  const paths = new Set([...before.keys(), ...after.keys()]);
  return [...paths].filter((p) => before.get(p) !== after.get(p)).sort();
}

/**
 * Starts a real build in another process that stops at `stage` and waits there (to be killed, or
 * to hold the lock). Resolves once it has reached the stage.
 */
export function startHeldBuild(contentRoot: string, outputDir: string, stage: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "test/publish/held-build.ts"), contentRoot, outputDir, stage], {
    cwd: PROJECT_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const listen = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`HOLDING ${stage}`)) resolve(child);
    };
    child.stdout!.on("data", listen);
    child.stderr!.on("data", listen);
    child.on("exit", (code) => reject(new Error(`held build exited (${code}) before reaching "${stage}":\n${output}`)));
  });
}

export function killAndWait(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.removeAllListeners("exit");
    child.on("exit", () => resolve());
    child.kill("SIGKILL");
  });
}
