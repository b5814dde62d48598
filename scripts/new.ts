/**
 * `npm run new`: start an article, a page or an edition for today (the paper's date), with valid
 * front-matter, in the right folder. Values come from flags; whatever is missing is asked.
 *   npm run new                                        asks everything (article)
 *   npm run new -- article --title 标题 --section 要闻 --byline 张三,李四 [--type news] [--dateline 本报讯]
 *                          [--kicker …] [--subtitle …] [--slug x] [--date YYYY-MM-DD]
 *   npm run new -- page --page 2 [--name 综合] [--editor …]
 *   npm run new -- edition [--date YYYY-MM-DD] [--note …]
 * Common: --content <folder> (default content), --port <preview port> (default 8080).
 */
import { access, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { parseArgs } from "node:util";
import { loadSettings } from "../src/load-archive.ts";
import { STORY_TYPES } from "../src/model/types.ts";
import { articleMarkdown, editionFolder, freeSlug, isStoryType, SLUG, validateNewArticle } from "../src/scaffold/new-files.ts";
import { parseCalendarDate, paperToday } from "../src/time/paper-date.ts";

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: {
    title: { type: "string" }, section: { type: "string" }, byline: { type: "string" }, type: { type: "string" },
    dateline: { type: "string" }, kicker: { type: "string" }, subtitle: { type: "string" }, slug: { type: "string" },
    date: { type: "string" }, page: { type: "string" }, name: { type: "string" }, editor: { type: "string" }, note: { type: "string" },
    content: { type: "string", default: process.env.BROADSHEET_CONTENT ?? "content" },
    port: { type: "string", default: process.env.PORT ?? "8080" },
  },
  allowPositionals: true,
});

const interactive = Boolean(process.stdin.isTTY);
const prompt = interactive ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;

/** A flag's value, or the answer to a question; without a terminal a missing value is an error. */
async function ask(flag: string, question: string, options: { default?: string; check?: (answer: string) => string | undefined } = {}): Promise<string> {
  const given = (values as Record<string, string | undefined>)[flag];
  const validate = (answer: string) => options.check?.(answer);
  if (given !== undefined) {
    const problem = validate(given);
    if (problem) throw new Error(`--${flag}: ${problem}`);
    return given;
  }
  if (!prompt) {
    if (options.default !== undefined) return options.default;
    throw new Error(`--${flag} is required (${question}); run in a terminal to be asked`);
  }
  for (;;) {
    const answer = (await prompt.question(`${question}${options.default ? ` [${options.default}]` : ""}: `)).trim() || options.default || "";
    const problem = answer ? validate(answer) : "an answer is needed";
    if (!problem) return answer;
    console.log(`  ${problem}`);
  }
}

const exists = (file: string) => access(file).then(() => true, () => false);
const relative = (file: string) => path.relative(process.cwd(), file);

async function main(): Promise<void> {
  const kind = positionals[0] ?? "article";
  const contentRoot = values.content!;
  const settings = await loadSettings(contentRoot);
  const today = paperToday(settings.timeZone);
  const date = values.date ?? today;
  if (!parseCalendarDate(date, settings.timeZone)) throw new Error(`--date: expected a real calendar date as YYYY-MM-DD, found "${date}"`);
  const folder = await editionFolder(contentRoot, date);
  const preview = (sitePath: string) => `http://localhost:${values.port}/${sitePath}`;
  const sections = settings.sections.map((section) => section.name);

  if (kind === "edition") {
    await mkdir(folder, { recursive: true });
    const file = path.join(folder, "edition.yaml");
    const lines: string[] = [];
    if (settings.issueNumbering.kind === "explicit") lines.push(`issueNumber: ${await ask("issue", "期号 issue number", { check: (a) => (/^\d+$/.test(a) ? undefined : "expected a whole number") })}`);
    if (values.note) lines.push(`note: ${JSON.stringify(values.note)}`);
    if (lines.length && !(await exists(file))) await writeFile(file, `${lines.join("\n")}\n`);
    console.log(`Edition ${date}: ${relative(folder)}/`);
    console.log(`Add its articles with: npm run new -- article --date ${date}`);
    console.log(`Preview: ${preview(`${date}/`)}`);
    return;
  }

  if (kind === "page") {
    const number = Number(await ask("page", "版次 page number", { check: (a) => (/^\d{1,3}$/.test(a) && Number(a) >= 1 ? undefined : "expected a page number from 1 to 999") }));
    const usual = settings.sections.find((section) => section.page === number)?.name;
    const name = await ask("name", "版名 page name", { default: usual });
    const file = path.join(folder, `page-${String(number).padStart(2, "0")}.yaml`);
    if (await exists(file)) throw new Error(`${relative(file)} already exists`);
    await mkdir(folder, { recursive: true });
    await writeFile(file, `name: ${JSON.stringify(name)}\n${values.editor ? `editor: ${JSON.stringify(values.editor)}\n` : ""}`);
    console.log(`Created ${relative(file)}`);
    console.log(`Preview: ${preview(`${date}/${String(number).padStart(2, "0")}/`)} (once the page has an article)`);
    return;
  }

  if (kind !== "article") throw new Error(`expected what to create: article, page or edition, found "${kind}"`);
  const title = await ask("title", "标题 headline");
  const section = await ask("section", `栏目 section (${sections.join(" ")})`, { default: sections[0], check: (a) => (sections.includes(a) ? undefined : `expected one of ${sections.join(", ")}`) });
  const type = await ask("type", `type (${STORY_TYPES.join(" ")})`, { default: "news", check: (a) => (isStoryType(a) ? undefined : `expected one of ${STORY_TYPES.join(", ")}`) });
  const unsigned = type === "brief" || type === "notice" || type === "comment";
  const bylineText = await ask("byline", `署名 byline, names separated by commas${unsigned ? " (- for unsigned)" : ""}`, { default: unsigned ? "-" : undefined });
  const byline = bylineText === "-" ? [] : bylineText.split(/[,，、]/u).map((name) => name.trim()).filter(Boolean);
  const dateline = values.dateline ?? (type === "news" || type === "brief" ? await ask("dateline", "电头 dateline", { default: "本报讯" }) : undefined);
  const slug = await ask("slug", "slug (the URL: lower-case letters, digits, hyphens)", { default: await freeSlug(folder), check: (a) => (SLUG.test(a) ? undefined : "expected lower-case letters, digits and hyphens") });
  const file = path.join(folder, `${slug}.md`);
  if (await exists(file)) throw new Error(`${relative(file)} already exists: choose another --slug`);
  const markdown = articleMarkdown({ date, title, section, type: type as never, byline, dateline: dateline || undefined, kicker: values.kicker, subtitle: values.subtitle, slug });
  const problems = validateNewArticle(markdown, relative(file), settings);
  if (problems.length) throw new Error(`the new article would not be valid:\n${problems.join("\n")}`);
  await mkdir(folder, { recursive: true });
  await writeFile(file, markdown);
  const page = settings.sections.find((entry) => entry.name === section)?.page ?? 1;
  console.log(`Created ${relative(file)}`);
  console.log(`Preview: ${preview(`${date}/${String(page).padStart(2, "0")}/${slug}/`)} (npm start)`);
}

try {
  await main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  prompt?.close();
}
