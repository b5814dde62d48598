/**
 * Loads the paper's settings (`<contentRoot>/site.config.ts`); a light module, imported by every build.
 * A compiled build (scripts/run-compiled.mjs) has no TypeScript loader: it compiles the settings
 * file with esbuild into its runtime folder, once per version of the file, and imports that.
 */
import { createHash } from "node:crypto";
import { access, mkdir, readdir, readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { COMPILED_RUNTIME, loadTypeScript } from "../project-root.ts";
import type { SiteSettings } from "./settings.ts";

export const SETTINGS_FILE = "site.config.ts";

/** Loads `<contentRoot>/site.config.ts`. */
export async function loadSettings(contentRoot: string): Promise<SiteSettings> {
  const file = path.resolve(contentRoot, SETTINGS_FILE);
  try {
    await access(file);
  } catch {
    throw new Error(`${path.relative(process.cwd(), file)}: expected the paper's settings file, found none`);
  }
  const moduleFile = COMPILED_RUNTIME ? await compiledSettings(file, path.join(COMPILED_RUNTIME, "site-config")) : file;
  const module = (await import(pathToFileURL(moduleFile).href)) as { default?: SiteSettings };
  if (!module.default) throw new Error(`${SETTINGS_FILE}: expected \`export default { … } satisfies SiteSettings\``);
  return module.default;
}

const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");

/** What a compiled settings file was made from: every local file bundled into it, by content hash. */
interface CompiledSettings {
  readonly inputs: Record<string, string>;
  /** A bundled file reads `import.meta`, which would name the cache, not the file: loaded through tsx instead. */
  readonly needsSource: boolean;
}

async function upToDate(record: CompiledSettings): Promise<boolean> {
  for (const [input, hash] of Object.entries(record.inputs)) {
    const bytes = await readFile(input).catch(() => undefined);
    if (!bytes || sha256(bytes) !== hash) return false;
  }
  return true;
}

/** Compiled settings kept this long: every content folder built (each test's too) leaves one. */
const KEEP_SETTINGS_MS = 24 * 60 * 60 * 1000;

async function pruneSettings(cacheDir: string): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(cacheDir)) {
    const file = path.join(cacheDir, name);
    const made = await stat(file).then((entry) => entry.mtimeMs, () => now);
    // A build that finds its record gone compiles the file again.
    if (now - made > KEEP_SETTINGS_MS) await rm(file, { force: true });
  }
}

/**
 * The module to import for `file`: a compiled .mjs (its relative imports bundled, packages left
 * to Node) named by a hash of the file's path and bytes, or the file itself when it must run from
 * its source (then through tsx).
 */
async function compiledSettings(file: string, cacheDir: string): Promise<string> {
  const key = sha256(`${file}\0${sha256(await readFile(file))}`).slice(0, 24);
  const output = path.join(cacheDir, `${key}.mjs`);
  const recordFile = path.join(cacheDir, `${key}.json`);
  const known = await readFile(recordFile, "utf8").then((text) => JSON.parse(text) as CompiledSettings, () => undefined);
  let record = known && (await upToDate(known)) ? known : undefined;
  if (!record) {
    const { build } = await import("esbuild");
    const result = await build({ entryPoints: [file], bundle: true, packages: "external", format: "esm", platform: "node", write: false, metafile: true, logLevel: "silent", absWorkingDir: path.dirname(file) }).catch((error: unknown) => {
      // Named by full path, as a build through tsx names them.
      const errors = (error as { errors?: { text: string; location?: { file: string; line: number; column: number } | null }[] }).errors;
      if (!errors?.length) throw error;
      throw new Error(errors.map(({ text, location }) => (location ? `${path.resolve(path.dirname(file), location.file)}:${location.line}:${location.column}: ERROR: ${text}` : text)).join("\n"));
    });
    const inputs: Record<string, string> = {};
    let needsSource = false;
    for (const input of Object.keys(result.metafile.inputs)) {
      const full = path.resolve(path.dirname(file), input);
      const bytes = await readFile(full);
      inputs[full] = sha256(bytes);
      if (bytes.toString("utf8").includes("import.meta")) needsSource = true;
    }
    record = { inputs, needsSource };
    // Written beside and renamed into place, the record last: a build running at the same time
    // sees both files complete or neither.
    await mkdir(cacheDir, { recursive: true });
    const temporary = `.${process.pid}-${Math.random().toString(36).slice(2)}`;
    await writeFile(output + temporary, result.outputFiles[0]!.contents);
    await rename(output + temporary, output);
    await writeFile(recordFile + temporary, JSON.stringify(record));
    await rename(recordFile + temporary, recordFile);
    await pruneSettings(cacheDir);
  }
  if (!record.needsSource) return output;
  await loadTypeScript();
  return file;
}
