/**
 * Putting a finished build in place. The output is a plain folder tree (every tool can read it:
 * Pagefind, link checkers, `tar`, CDN uploaders).
 *
 * - A full build assembles a complete new tree beside the output and swaps it in with two renames.
 * - An incremental build changes only what changed, by renames: each new or changed edition
 *   folder and each site-wide top-level entry (index.html, archive/, sitemap.xml, …) is moved
 *   in whole, the old one moved to a trash folder. Unchanged editions are never touched.
 *   Everything is written before the first rename, so the window in which a reader could see a
 *   mix of old and new files is a few dozen renames long; a journal written before it lets the
 *   next build finish a commit that was killed inside that window.
 */
import { spawn } from "node:child_process";
import { lstat, mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { leftByDeadProcess } from "./build-lock.ts";

export interface Move {
  readonly from: string;
  readonly to: string;
}

/** Whether anything is at `file` (a file, folder or link). */
export async function present(file: string): Promise<boolean> {
  return lstat(file).then(
    () => true,
    () => false,
  );
}

function crossDeviceHint(error: unknown, move: Move): Error {
  if ((error as NodeJS.ErrnoException).code === "EXDEV") {
    return new Error(`cannot move ${move.from} to ${move.to}: the build cache and the output must be on one file system (choose --cache accordingly)`);
  }
  return error as Error;
}

/** Applies moves; what a move replaces goes to `trash`. Safe to run twice (a finished move is skipped). */
async function applyMoves(moves: readonly Move[], trash: string): Promise<void> {
  await mkdir(trash, { recursive: true });
  let count = 0;
  for (const move of moves) {
    if (!(await present(move.from))) continue;
    try {
      if (await present(move.to)) await rename(move.to, path.join(trash, `${count++}-${path.basename(move.to)}`));
      await mkdir(path.dirname(move.to), { recursive: true });
      await rename(move.from, move.to);
    } catch (error) {
      throw crossDeviceHint(error, move);
    }
  }
}

export function journalFile(workDir: string): string {
  return path.join(workDir, "commit.json");
}

/**
 * Above this many replaced folders the trash is deleted by a detached process, as a whole old
 * tree is: after a template change every edition is replaced, and the swap stage that moved 4,321
 * editions in and deleted the old ones inline took 52 s at 100,000 articles. A day's few
 * folders go inline, in milliseconds.
 */
const INLINE_TRASH_LIMIT = 50;

/** Moves `moves` into the output under a journal, then empties the trash. */
export async function commitMoves(workDir: string, moves: readonly Move[], removals: readonly string[]): Promise<void> {
  const trash = path.join(workDir, `trash-${process.pid}`);
  const journal = journalFile(workDir);
  await writeFile(journal, JSON.stringify({ moves, removals, trash }));
  await applyMoves(moves, trash);
  await applyMoves(removals.map((from, index) => ({ from, to: path.join(trash, `removed-${index}`) })), path.join(trash, "replaced"));
  await rm(journal, { force: true });
  if (moves.length + removals.length > INLINE_TRASH_LIMIT) removeInBackground(trash);
  else await rm(trash, { recursive: true, force: true });
}

/** Finishes a commit that a killed build left half done (called under the build lock). */
export async function finishInterruptedCommit(workDir: string): Promise<boolean> {
  const journal = journalFile(workDir);
  let pending: { moves: Move[]; removals: string[]; trash: string };
  try {
    pending = JSON.parse(await readFile(journal, "utf8"));
  } catch {
    return false;
  }
  await applyMoves(pending.moves, pending.trash);
  await applyMoves(pending.removals.map((from, index) => ({ from, to: path.join(pending.trash, `removed-${index}`) })), path.join(pending.trash, "replaced"));
  await rm(journal, { force: true });
  await rm(pending.trash, { recursive: true, force: true });
  return true;
}

/**
 * Replaces the whole output by `newTree` (two renames). The old tree, out of the way by then, is
 * deleted by a detached process: at 20,000 articles that is 10 s of unlinking nobody need wait for.
 * Should that process die, the next build removes what it left (see removeLeftovers).
 */
export async function swapWholeOutput(outputDir: string, newTree: string): Promise<void> {
  const old = `${outputDir}.old-${process.pid}`;
  const hadOutput = await present(outputDir);
  if (hadOutput) await rename(outputDir, old);
  try {
    await rename(newTree, outputDir);
  } catch (error) {
    if (hadOutput) await rename(old, outputDir);
    throw crossDeviceHint(error, { from: newTree, to: outputDir });
  }
  if (hadOutput) removeInBackground(old);
}

/**
 * A build killed between swapWholeOutput's two renames leaves no output, and the last good one as
 * `<output>.old-<its pid>`: that goes back in place, since the build state (written after the swap)
 * still describes it. Called under the build lock, before the leftovers of dead builds are removed.
 */
export async function finishInterruptedSwap(outputDir: string): Promise<void> {
  if (await present(outputDir)) return;
  const prefix = `${path.basename(outputDir)}.`;
  const names = await readdir(path.dirname(outputDir)).catch(() => [] as string[]);
  const old = names.find((name) => name.startsWith(prefix) && leftByDeadProcess(name.slice(prefix.length), /^old-(\d+)$/));
  if (old !== undefined) await rename(path.join(path.dirname(outputDir), old), outputDir);
}

/**
 * The remover first renames `<output>.old-<build pid>` (or a build's `trash-<pid>`) to
 * `…-<its own pid>`: the next build then leaves the folder to it while it runs (removeLeftovers
 * checks that pid), instead of joining in.
 */
const REMOVER = `const fs = require("node:fs");
const mine = process.argv[1] + "-" + process.pid;
try { fs.renameSync(process.argv[1], mine); fs.rmSync(mine, { recursive: true, force: true, maxRetries: 3 }); } catch {}`;

function removeInBackground(folder: string): void {
  const remover = spawn(process.execPath, ["-e", REMOVER, folder], { detached: true, stdio: "ignore" });
  remover.unref();
}
