/** Test helpers: temporary copies of the sample content, builds into temporary folders, file trees. */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/**
 * The tests' own copy of the sample edition. content/ is the paper's: a newcomer's sample at
 * first, the archive once a paper uses Broadsheet, and the tests must pass whatever it holds
 * (the publishing workflow runs them when the code changes).
 */
export const SAMPLE_CONTENT = path.join(PROJECT_ROOT, "test", "fixtures", "sample");
export const SAMPLE_EDITION = "2020-06-05";

export async function tempDir(prefix = "broadsheet-test-"): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** A private copy of the sample content that a test may change. */
export async function copySample(): Promise<string> {
  const dir = await tempDir("broadsheet-content-");
  // site.config.ts imports only a type, which is erased when it runs: the copy works anywhere.
  await cp(SAMPLE_CONTENT, dir, { recursive: true });
  return dir;
}

/** Replaces text in a file of a content copy; fails loudly if the text is not there. */
export async function editFile(file: string, from: string | RegExp, to: string): Promise<void> {
  const text = await readFile(file, "utf8");
  const changed = text.replace(from, to);
  if (changed === text) throw new Error(`editFile: ${String(from)} not found in ${file}`);
  await writeFile(file, changed);
}

/** Every file under `dir` (relative paths, sorted) with a hash of its bytes. */
export async function fileTree(dir: string): Promise<Map<string, string>> {
  const tree = new Map<string, string>();
  const walk = async (folder: string) => {
    for (const entry of await readdir(folder, { withFileTypes: true })) {
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(full);
      else tree.set(path.relative(dir, full), createHash("sha256").update(await readFile(full)).digest("hex"));
    }
  };
  await walk(dir);
  return new Map([...tree.entries()].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs an npm script of the project the way a user would. */
export async function runNpm(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<RunResult> {
  try {
    const { stdout, stderr } = await promisify(execFile)("npm", ["run", "--silent", ...args], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      maxBuffer: 32 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

/**
 * How the tests remove their folders. A build removes its old tree with a detached process (see
 * src/publish/commit-output.ts), which renames and deletes inside the folder while it is being
 * removed: rm then meets a folder not empty yet (ENOTEMPTY) and tries again, as Node allows.
 */
export const TEMP_REMOVAL = { recursive: true, force: true, maxRetries: 10, retryDelay: 100 } as const;

export async function removeAll(...dirs: string[]): Promise<void> {
  await Promise.all(dirs.map((dir) => rm(dir, TEMP_REMOVAL)));
}
