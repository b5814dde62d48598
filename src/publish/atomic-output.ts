/**
 * A build never leaves a half-written site: it writes into a fresh folder beside the output and
 * swaps it in only when everything succeeded. A lock file keeps two builds from swapping at once.
 */
import { mkdir, open, readFile, rename, rm, stat } from "node:fs/promises";
import path from "node:path";

export class BuildLockedError extends Error {
  constructor(lockFile: string, holder: string) {
    super(`another build is writing this output (${holder}); wait for it to finish, or delete ${lockFile} if that build is gone`);
    this.name = "BuildLockedError";
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

export async function takeLock(lockFile: string): Promise<() => Promise<void>> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lockFile, "wx");
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number((await readFile(lockFile, "utf8").catch(() => "")).trim());
      // A lock left by a killed build is taken over; a live one is respected.
      if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) throw new BuildLockedError(lockFile, `process ${pid}`);
      await rm(lockFile, { force: true });
    }
  }
  throw new BuildLockedError(lockFile, "unknown process");
}

/**
 * Calls `write` with an empty temporary folder; on success the folder becomes `outputDir`
 * (the old output removed), on failure it is deleted and `outputDir` is untouched.
 */
export async function publishAtomically(outputDir: string, write: (tempDir: string) => Promise<void>): Promise<void> {
  const target = path.resolve(outputDir);
  await mkdir(path.dirname(target), { recursive: true });
  const release = await takeLock(`${target}.lock`);
  const tempDir = `${target}.tmp-${process.pid}`;
  const oldDir = `${target}.old-${process.pid}`;
  try {
    await rm(tempDir, { recursive: true, force: true });
    await mkdir(tempDir, { recursive: true });
    await write(tempDir);
    // Two renames: the window without an output folder is a few microseconds, never partial files.
    const hadOutput = await exists(target);
    if (hadOutput) await rename(target, oldDir);
    await rename(tempDir, target);
    if (hadOutput) await rm(oldDir, { recursive: true, force: true });
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true });
    throw error;
  } finally {
    await release();
  }
}
