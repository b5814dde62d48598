/**
 * `npm run check` at archive scale. What the check finds in one edition — problems reading and
 * modelling it, stories overflowing its pages, and the proofreader's rules that read one article,
 * one page or one edition — depends on that edition's folder alone, so it is kept in the build
 * cache under a key of the folder's content (its git tree id, src/publish/fingerprint.ts), the
 * code and the settings. A check reads, models and proofreads only the editions whose key it has
 * not kept, and runs the one rule that compares articles across the archive (the same text
 * printed twice) over every edition's kept texts. Its report is the one a check of everything
 * gives (`checkEverything`), finding for finding and in the same order: the daily workflow checks
 * a ten-year archive in about the time of `git status` instead of reading 100,000 articles.
 *
 * Kept a year to a file, `<year>-<hash>.json` named by its editions' keys, which `years.json`
 * names: a day's check reads every year's file and writes its own year's again.
 */
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { readEdition, type ContentSource } from "../content/read-content.ts";
import { layoutProblems } from "../layout/check-layout.ts";
import { buildModel } from "../model/build-model.ts";
import { byYear } from "../model/edition-index.ts";
import { asciiJson, readJson, readStamps, writeStamps, writeTextAtomically } from "../publish/build-state.ts";
import { codeHash, fingerprintEditions, findEditionFolders, sha256 } from "../publish/fingerprint.ts";
import { loadArchive, settingsProblems } from "../load-archive.ts";
import { loadSettings } from "../site/load-settings.ts";
import type { SiteSettings } from "../site/settings.ts";
import { hasErrors, sortProblems, type Problem } from "../validate/problem.ts";
import { problemToFinding, sortFindings, type Finding } from "./finding.ts";
import { proofread, proofreadPart } from "./proofread.ts";
import { duplicateHeadlines, duplicateTexts, storyTexts, type StoryText } from "./rules/duplicate-story.ts";

/** Changes when what is kept of an edition changes shape. */
const KEPT_VERSION = 2;

export interface CheckReport {
  /** Errors first, then by file and position. */
  readonly findings: readonly Finding[];
  readonly editions: number;
  readonly articles: number;
  /** Editions this check read (the others' findings were kept from an earlier one). */
  readonly editionsRead: number;
}

/** What the check finds in one edition. */
interface EditionCheck {
  readonly key: string;
  readonly articles: number;
  /** Reading and modelling it, in the order they were found. */
  readonly problems: readonly Problem[];
  /** Overflowing stories: reported only when the whole check finds no error (as load-archive.ts does). */
  readonly layout: readonly Problem[];
  /** The proofreader's rules that read one article, one page or one edition. */
  readonly findings: readonly Finding[];
  /** Its articles as the archive-wide rule (the same text twice) compares them, in file order (packTexts). */
  readonly texts: PackedTexts;
}

/**
 * An edition's texts as one string: each article's file name (its folder is the edition's), text
 * key (base64url) and line, separated by "/", which none of them holds. The archive-wide rule needs
 * every article's: as objects, the 100,000 of a ten-year archive were 9 of the 14 MB kept.
 */
interface PackedTexts {
  readonly folder: string;
  readonly packed: string;
}

function packTexts(folder: string, texts: readonly StoryText[]): PackedTexts {
  const prefix = folder ? `${folder}/` : "";
  return { folder, packed: texts.map((text) => `${text.file.slice(prefix.length)}/${text.textKey}/${text.line}`).join("/") };
}

/** Every edition's texts, editions in the given order. */
function* unpackTexts(editions: readonly EditionCheck[]): Generator<StoryText> {
  for (const { texts } of editions) {
    if (!texts.packed) continue;
    const prefix = texts.folder ? `${texts.folder}/` : "";
    const parts = texts.packed.split("/");
    for (let at = 0; at < parts.length; at += 3) yield { file: `${prefix}${parts[at]!}`, textKey: parts[at + 1]!, line: Number(parts[at + 2]) };
  }
}

/** The report from every edition's part, editions oldest first (the order the archive-wide rule reads them in). */
function report(settings: readonly Problem[], editions: readonly EditionCheck[], editionsRead: number): CheckReport {
  const problems = [...settings, ...editions.flatMap((edition) => edition.problems)];
  if (!hasErrors(problems)) problems.push(...editions.flatMap((edition) => edition.layout));
  const proofreading = [...editions.flatMap((edition) => edition.findings), ...duplicateTexts(unpackTexts(editions))];
  return {
    // One stable sort: findings that compare equal keep the order a check of everything gives them (problems first).
    findings: sortFindings([...sortProblems(problems).map(problemToFinding), ...proofreading]),
    editions: editions.length,
    articles: editions.reduce((sum, edition) => sum + edition.articles, 0),
    editionsRead,
  };
}

/** Checks one edition folder on its own. */
async function checkEdition(contentRoot: string, dir: string, site: SiteSettings, key: string): Promise<EditionCheck> {
  const problems: Problem[] = [];
  const source = await readEdition(dir, problems);
  const content: ContentSource = { root: contentRoot, editions: [source] };
  const archive = buildModel(content, site, problems);
  // An edition with errors is not laid out (its model may be incomplete); the check then reports no overflow anywhere.
  const layout = hasErrors(problems) ? [] : layoutProblems(archive);
  const { findings, duplicates } = proofreadPart(content, archive);
  return { key, articles: source.articles.length, problems, layout, findings: [...findings, ...duplicateHeadlines(duplicates)], texts: packTexts(source.folder, storyTexts(duplicates)) };
}

/** The whole archive read, modelled and proofread at once, nothing kept (content outside the project): what the kept findings must equal. */
export async function checkEverything(contentRoot: string): Promise<CheckReport> {
  const { archive, problems, content } = await loadArchive(contentRoot);
  return {
    findings: sortFindings([...problems.map(problemToFinding), ...proofread(content, archive)]),
    editions: content.editions.length,
    articles: content.editions.reduce((sum, edition) => sum + edition.articles.length, 0),
    editionsRead: content.editions.length,
  };
}

export interface CheckOptions {
  readonly contentRoot: string;
  /** Folder holding the code the key covers (src/, layouts/, …). */
  readonly projectRoot: string;
  /** Where the findings are kept. */
  readonly cacheDir: string;
  /** Check every edition again (and keep what it finds). */
  readonly fresh?: boolean;
}

export async function checkArchive(options: CheckOptions): Promise<CheckReport> {
  const contentRoot = path.resolve(options.contentRoot);
  const { cacheDir } = options;
  const site = await loadSettings(contentRoot);
  const stamps = await readStamps(cacheDir);
  // git looks at the content in its own processes (fingerprint.ts) while this one reads what the
  // last check kept: on a day, every year's file is used (reading them took as long as git).
  const fingerprinting = fingerprintEditions(contentRoot, findEditionFolders(contentRoot), stamps);
  fingerprinting.catch(() => undefined);
  // A kept file missing (a check running beside this one may have replaced it) or spoiled reads as
  // undefined: its editions are checked again.
  const index = (options.fresh ? undefined : readJson<Record<string, string>>(path.join(cacheDir, "years.json"))) ?? {};
  const keptFiles = new Map(Object.values(index).map((name) => [name, readJson<EditionCheck[]>(path.join(cacheDir, name))]));
  // Findings name files relative to the working folder: it is part of the key, as is where the content is.
  const base = sha256(JSON.stringify([KEPT_VERSION, codeHash(options.projectRoot, stamps), site, contentRoot, process.cwd()]));
  const prints = await fingerprinting;
  const years: Record<string, string> = {};
  const editions: EditionCheck[] = [];
  let editionsRead = 0;
  for (const [year, list] of byYear(prints)) {
    const keys = list.map((print) => sha256(`${base}\n${print.dir}\n${print.contentHash}`));
    const name = `${year}-${sha256(keys.join("\n")).slice(0, 16)}.json`;
    const read = index[year] === undefined ? undefined : keptFiles.get(index[year]);
    // A file edited or spoiled into something else is as good as missing.
    const kept = Array.isArray(read) ? read : undefined;
    if (index[year] === name && kept?.length === list.length && kept.every((edition, at) => edition?.key === keys[at])) {
      editions.push(...kept);
    } else {
      const byKey = new Map((kept ?? []).map((edition) => [edition.key, edition]));
      const checked: EditionCheck[] = [];
      for (const [at, print] of list.entries()) {
        let edition = byKey.get(keys[at]!);
        if (!edition) {
          edition = await checkEdition(contentRoot, print.dir, site, keys[at]!);
          editionsRead++;
        }
        checked.push(edition);
      }
      // Findings are mostly Chinese: as ASCII JSON they are read back as one-byte strings (build-state.ts says why).
      await writeTextAtomically(path.join(cacheDir, name), asciiJson(checked));
      editions.push(...checked);
    }
    years[year] = name;
  }
  // years.json last: it names only complete files. Then the files it no longer names go.
  await writeTextAtomically(path.join(cacheDir, "years.json"), JSON.stringify(years));
  const named = new Set(Object.values(years));
  for (const file of await readdir(cacheDir)) if (/^\d{4}-[0-9a-f]{16}\.json$/.test(file) && !named.has(file)) await rm(path.join(cacheDir, file), { force: true });
  await writeStamps(cacheDir, stamps);
  return report(settingsProblems(contentRoot, site), editions, editionsRead);
}
