/**
 * One build at a time per output folder: a lock file beside it holds the building process's id.
 * A lock left by a killed build is taken over; a live one makes the second build refuse clearly.
 * (How the output itself is swapped in atomically: commit-output.ts.)
 */
import { open, readFile, rm } from "node:fs/promises";

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

/** Whether `name` is one a process left that is gone: `pattern`'s first group is its process id. */
export function leftByDeadProcess(name: string, pattern: RegExp): boolean {
  const match = pattern.exec(name);
  return match !== null && !isAlive(Number(match[1]));
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
