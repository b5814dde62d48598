/**
 * `npm run import`: back-fill the archive from old material.
 *   npm run import -- --text page.txt --date 2020-06-05 --section 要闻 [--page 1]
 *   npm run import -- --founder old-site/html/2020-06/05/node_2.htm [more node_N.htm …]
 * Options: --content <folder> (default content), --force (overwrite existing files).
 * Articles go to <content>/YYYY-MM-DD/; Founder URLs get redirects in <content>/_redirects.
 * What the importer could not decide is listed under needsReview: and reported by `npm run check`.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { importFounderPage } from "../src/import/founder.ts";
import type { ImportedArticle } from "../src/import/imported.ts";
import { importPlainText } from "../src/import/plain-text.ts";
import { mergeRedirects, type Redirect } from "../src/import/redirects.ts";
import { writeArticles } from "../src/import/write-articles.ts";

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: {
    text: { type: "string" },
    founder: { type: "boolean", default: false },
    date: { type: "string" },
    section: { type: "string" },
    page: { type: "string" },
    content: { type: "string", default: process.env.BROADSHEET_CONTENT ?? "content" },
    force: { type: "boolean", default: false },
  },
  allowPositionals: true,
});

function summarize(articles: readonly ImportedArticle[], written: readonly string[], skipped: readonly string[]): void {
  for (const file of written) console.log(`wrote ${path.relative(process.cwd(), file)}`);
  for (const file of skipped) console.log(`kept  ${path.relative(process.cwd(), file)} (exists; --force to overwrite)`);
  const review = articles.filter((article) => article.needsReview.length);
  for (const article of review) for (const note of article.needsReview) console.log(`review ${article.slug}: ${note}`);
  console.log(`${articles.length} article(s) imported, ${review.length} marked for review (npm run check lists them).`);
}

try {
  const content = values.content!;
  if (values.text) {
    if (!values.date || !values.section) throw new Error("--text needs --date YYYY-MM-DD and --section <版名>");
    const page = values.page ? Number(values.page) : undefined;
    if (page !== undefined && !(Number.isInteger(page) && page >= 1 && page <= 999)) throw new Error(`--page: expected a page number from 1 to 999, found "${values.page}"`);
    const { articles, joined } = importPlainText(await readFile(values.text, "utf8"), { date: values.date, section: values.section, page });
    const result = await writeArticles(content, values.date, articles, { force: values.force });
    summarize(articles, result.written, result.skipped);
    console.log(`${joined} paragraph(s) broken mid-sentence were rejoined.`);
  } else if (values.founder) {
    if (positionals.length === 0) throw new Error("--founder needs one or more node_N.htm files");
    const redirects: Redirect[] = [];
    for (const nodeFile of positionals) {
      const page = await importFounderPage(nodeFile);
      for (const problem of page.problems) console.error(problem);
      if (!page.date) continue;
      const label = String(page.number).padStart(2, "0");
      const result = await writeArticles(content, page.date, page.articles, { force: values.force, pageName: page.name, page: page.number });
      summarize(page.articles, result.written, result.skipped);
      redirects.push({ from: page.oldPath, to: `${page.date}/${label}/` });
      for (const article of page.articles) redirects.push({ from: article.oldPath, to: `${page.date}/${label}/${article.slug}/` });
    }
    const total = await mergeRedirects(content, redirects);
    console.log(`${redirects.length} redirect(s) from old URLs added to ${path.join(content, "_redirects")} (${total} in all).`);
  } else {
    throw new Error("usage: npm run import -- --text page.txt --date YYYY-MM-DD --section 要闻 [--page N]  |  npm run import -- --founder html/YYYY-MM/DD/node_N.htm …");
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
