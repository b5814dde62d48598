/**
 * `npm run bench:search -- --site <built site> [--queries 金坛,项目,…]`: what search costs a reader
 * on a built site: the index's size on disk, the bytes each query downloads (first query includes
 * Pagefind's runtime and wasm) and the time for search() plus loading the first 10 results, in
 * headless Chromium over loopback. Prints one line per query and a summary.
 *
 *   npm run generate -- --out /tmp/syn20k --editions 870 --pages 4 --articles 5
 *   npm run build -- --content /tmp/syn20k --output /tmp/syn20k-site
 *   npm run bench:search -- --site /tmp/syn20k-site
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { queryPhrases } from "../src/search/segment.ts";
import { launchBrowser, serveFolder } from "../test/browser/harness.ts";
import { PagefindClient } from "../test/browser/pagefind-client.ts";

const DEFAULT_QUERIES = ["金城镇", "项目", "垃圾分类", "华罗庚科技园", "为高质量发展注入新动能", "城市创建", "尧塘街道", "王伟", "同比增长", "文明城市创建"];

// --raw: send queries as typed (to measure an index built without our segmentation).
const { values } = parseArgs({ options: { site: { type: "string", default: "_site" }, queries: { type: "string" }, raw: { type: "boolean", default: false } } });
const site = path.resolve(String(values.site));
const queries = values.queries ? String(values.queries).split(",") : DEFAULT_QUERIES;

async function folderSize(folder: string): Promise<{ bytes: number; files: number }> {
  let bytes = 0;
  let files = 0;
  for (const entry of await readdir(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
    files++;
  }
  return { bytes, files };
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const index = await folderSize(path.join(site, "pagefind"));
console.log(`index: ${kib(index.bytes)} in ${index.files} files (${site}/pagefind)`);

const server = await serveFolder(site);
const browser = await launchBrowser();
try {
  const client = await PagefindClient.open(browser, server.url, { countBytes: true });
  await client.page.waitForTimeout(200);
  console.log(`startup (pagefind.js, wasm, entry): ${kib(client.bytesSoFar)}`);
  const rows: { query: string; total: number; bytes: number; ms: number }[] = [];
  for (const query of queries) {
    let total = 0;
    let bytes = 0;
    let ms = 0;
    for (const phrase of values.raw ? [query] : queryPhrases(query)) {
      const answer = await client.search(phrase, { show: 10 });
      total = answer.total;
      bytes += answer.bytes;
      ms += answer.milliseconds;
    }
    rows.push({ query, total, bytes, ms });
    console.log(`${query}\t${total} results\t${kib(bytes)}\t${ms.toFixed(0)} ms`);
  }
  const sorted = (list: number[]) => [...list].sort((a, b) => a - b);
  const median = (list: number[]) => sorted(list)[Math.floor(list.length / 2)]!;
  console.log(
    `median per query: ${kib(median(rows.map((row) => row.bytes)))}, ${median(rows.map((row) => row.ms)).toFixed(0)} ms; max ${kib(Math.max(...rows.map((row) => row.bytes)))}, ${Math.max(...rows.map((row) => row.ms)).toFixed(0)} ms`,
  );
} finally {
  await browser.close();
  await server.close();
}
