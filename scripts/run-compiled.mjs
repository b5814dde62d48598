// @ts-check
/**
 * `npm run build` and `npm run check`: run scripts/build.ts (or, given `check` first,
 * scripts/check.ts) compiled to plain JavaScript instead of through tsx.
 *
 * tsx compiles each module as it loads, through loader hooks that every import pays for: measured
 * on a 4,000-article archive with nothing changed, `node --import tsx scripts/build.ts` took
 * 0.37 s against 0.19 s for the same entry bundled by esbuild, and `npm run check` with every
 * finding kept 0.99–1.02 s against 0.54–0.68 s; each worker process pays it again.
 * So this launcher compiles the build once per version of the sources, with esbuild (bundled,
 * split into shared chunks, packages left to Node), into .cache/broadsheet/runtime/<key>/, and
 * imports that. <key> is a hash of the size and modification time of every file under src/,
 * layouts/ and scripts/, package-lock.json, tsconfig.json and esbuild's version: a stat of each,
 * no reading. Compiled there: scripts/build.ts and scripts/check.ts, the worker processes they
 * start with plain Node (src/publish/edition-worker.ts, src/proofread/check-worker.ts), the
 * search index's thread (src/search/index-worker.ts) and every layouts/*.11ty.ts (imported by the
 * renderer in place of the .ts file; see src/eleventy/import-template.ts). The compiled code
 * finds the project through BROADSHEET_PROJECT_ROOT and BROADSHEET_RUNTIME, set here
 * (src/project-root.ts).
 *
 * If esbuild cannot compile, this says why and runs the script through tsx as before.
 * Stack traces name the compiled chunks; NODE_OPTIONS=--enable-source-maps maps them back.
 *
 * Plain JavaScript (checked by TypeScript through @ts-check) because it is what runs before any
 * TypeScript loader is available; everything it starts is the TypeScript project.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { entryPoints } from "./compiled-entries.mjs";

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const RUNTIME_ROOT = path.join(PROJECT_ROOT, ".cache", "broadsheet", "runtime");
/** Folders the key covers (every file, recursively), and single files. */
const SOURCE_FOLDERS = ["src", "layouts", "scripts"];
const SOURCE_FILES = ["package-lock.json", "tsconfig.json"];
/** Another key's folder unused for this long is removed after a compile (a build still running from it would lose its workers). */
const PRUNE_AFTER_MS = 60 * 60 * 1000;

/** @param {string} file */
const relativeName = (file) => path.relative(PROJECT_ROOT, file).split(path.sep).join("/");

/** The key of the runtime sources: size and mtime of each file, and the compiler's version. */
function runtimeKey() {
  const hash = createHash("sha256");
  /** @param {string} file */
  const add = (file) => {
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const name of readdirSync(file).sort()) add(path.join(file, name));
    } else {
      hash.update(`${relativeName(file)}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  for (const part of [...SOURCE_FOLDERS, ...SOURCE_FILES]) add(path.join(PROJECT_ROOT, part));
  hash.update(`esbuild ${esbuildVersion()}\n`);
  return hash.digest("hex").slice(0, 20);
}

function esbuildVersion() {
  try {
    return /** @type {{ version: string }} */ (JSON.parse(readFileSync(path.join(PROJECT_ROOT, "node_modules", "esbuild", "package.json"), "utf8"))).version;
  } catch {
    return "missing";
  }
}

/**
 * Compiles into a folder of its own and renames it into place: two builds compiling at once each
 * write their own, the first rename wins and the other build uses the winner's.
 * @param {string} target
 */
async function compile(target) {
  const esbuild = await import("esbuild");
  const scratch = path.join(RUNTIME_ROOT, `.tmp-${path.basename(target)}-${process.pid}-${Date.now()}`);
  try {
    await esbuild.build({
      entryPoints: entryPoints(PROJECT_ROOT),
      absWorkingDir: PROJECT_ROOT,
      outbase: PROJECT_ROOT,
      outdir: scratch,
      entryNames: "[dir]/[name]",
      chunkNames: "chunks/[name]-[hash]",
      outExtension: { ".js": ".mjs" },
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      packages: "external",
      sourcemap: "linked",
      logLevel: "silent",
    });
    try {
      renameSync(scratch, target);
    } catch (error) {
      if (!existsSync(path.join(target, "scripts", "build.mjs"))) throw error;
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    await esbuild.stop();
  }
  prune(target);
}

/** Removes other keys' folders (and abandoned scratch folders) unused for PRUNE_AFTER_MS. @param {string} keep */
function prune(keep) {
  const now = Date.now();
  for (const name of readdirSync(RUNTIME_ROOT)) {
    const dir = path.join(RUNTIME_ROOT, name);
    if (dir === keep) continue;
    try {
      if (now - statSync(dir).mtimeMs > PRUNE_AFTER_MS) rmSync(dir, { recursive: true, force: true });
    } catch {
      // Removed by another build meanwhile.
    }
  }
}

/** The compiled build's folder, compiled first when missing; undefined (having said why) when esbuild fails. */
async function compiledRuntime() {
  const target = path.join(RUNTIME_ROOT, runtimeKey());
  if (existsSync(path.join(target, "scripts", "build.mjs"))) {
    // Marks it as in use, so a compile of another version does not prune it.
    const now = new Date();
    try {
      utimesSync(target, now, now);
    } catch {
      // A cache we may not write to: the folder may be pruned sooner, nothing worse.
    }
    return target;
  }
  try {
    await compile(target);
    return target;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`Could not compile the build with esbuild, so it runs through tsx (slower):\n${reason}`);
    return undefined;
  }
}

// glibc gives every thread that allocates an arena of its own (up to 8 per core), and memory freed
// in one is not reused by another: libvips's threads, making share cards, and Pagefind's kept
// touching fresh pages, which cost about 28 µs each on the machines measured here. Two arenas:
// a day at 20,000 articles took 46–50 thousand page faults against 55–66 thousand, a cold build
// of 4,000 articles 15.9–16.1 s against 17.7–18.7 s (README, Publishing). `npm run build` sets it
// for this process (package.json: glibc reads it at start); set here, it reaches the edition
// workers and Pagefind however this was started.
process.env.MALLOC_ARENA_MAX ??= "2";

// `run-compiled.mjs check …` is `npm run check`; the script reads the arguments after the word.
const script = process.argv[2] === "check" ? "check" : "build";
if (script === "check") process.argv.splice(2, 1);

const runtime = await compiledRuntime();
if (runtime) {
  process.env.BROADSHEET_PROJECT_ROOT = PROJECT_ROOT;
  process.env.BROADSHEET_RUNTIME = runtime;
  await import(pathToFileURL(path.join(runtime, "scripts", `${script}.mjs`)).href);
} else {
  await import("tsx");
  await import(pathToFileURL(path.join(PROJECT_ROOT, "scripts", `${script}.ts`)).href);
}
