/**
 * `npm run bench:layout`: times the layout engine over 1,000 generated pages (SYNTHETIC archive
 * from scripts/generate-archive.ts) and reports pages per second. A benchmark, not a test.
 *
 *   npm run bench:layout -- --pages 1000 --runs 5 --columns 8 --format broadsheet
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { layoutPage } from "../src/layout/engine.ts";
import { pageGeometry } from "../src/layout/geometry.ts";
import { layoutStory } from "../src/layout/page-layout.ts";
import { loadArchive } from "../src/load-archive.ts";
import { buildModel } from "../src/model/build-model.ts";
import type { Page } from "../src/model/types.ts";
import { generateArchive } from "./generate-archive.ts";

const { values } = parseArgs({
  options: {
    pages: { type: "string", default: "1000" },
    runs: { type: "string", default: "5" },
    columns: { type: "string", default: "8" },
    format: { type: "string", default: "broadsheet" },
  },
});
const pageCount = Number(values.pages);
const runs = Number(values.runs);
const format = { kind: values.format === "tabloid" ? ("tabloid" as const) : ("broadsheet" as const), columns: Number(values.columns) };
const pagesPerEdition = 4;

const dir = await mkdtemp(path.join(os.tmpdir(), "broadsheet-bench-layout-"));
try {
  await generateArchive({ out: dir, editions: Math.ceil(pageCount / pagesPerEdition), pages: pagesPerEdition, articles: 6, seed: 7, start: "2020-01-06", columns: format.columns, format: format.kind });
  const { archive, content } = await loadArchive(dir);
  const pages: Page[] = archive.editions.flatMap((edition) => edition.pages).slice(0, pageCount);
  const geometry = pageGeometry(format);
  const articles = pages.reduce((sum, page) => sum + page.articles.length, 0);
  console.log(`${pages.length} pages, ${articles} stories, ${format.kind} ${format.columns} columns, ${runs} runs`);

  const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
  // Wall time and this process's CPU time: on a busy machine the CPU time is the steadier figure.
  const cpuTimes: number[][] = [];
  const time = <T,>(work: (input: T) => void, prepare: () => T) => {
    const times: number[] = [];
    const cpu: number[] = [];
    for (let run = 0; run < runs; run++) {
      const input = prepare();
      const start = performance.now();
      const startCpu = process.cpuUsage();
      work(input);
      const used = process.cpuUsage(startCpu);
      times.push(performance.now() - start);
      cpu.push((used.user + used.system) / 1000);
    }
    cpuTimes.push(cpu);
    return median(times);
  };

  // The whole step as the build runs it: the body's text blocks, then the layout. A model built
  // afresh for each run (untimed): an article keeps its text blocks and their measurements, and a
  // run should make them again (the body's outline, shared with the proofreader, stays made).
  const freshPages = () => buildModel(content, archive.site, []).editions.flatMap((edition) => edition.pages).slice(0, pageCount);
  let boxes = 0;
  const whole = time((fresh: Page[]) => {
    boxes = 0;
    for (const page of fresh) boxes += layoutPage(page.articles.map(layoutStory), geometry, page.number === 1).boxes.length;
  }, freshPages);
  // The engine alone, on stories already extracted and measured once: copies of the stories, as
  // the line counts are memoised per story object.
  const inputs = pages.map((page) => ({ stories: page.articles.map(layoutStory), front: page.number === 1 }));
  const engine = time(
    (copies: typeof inputs) => {
      for (const input of copies) layoutPage(input.stories, geometry, input.front);
    },
    () => inputs.map((input) => ({ stories: input.stories.map((story) => ({ ...story })), front: input.front })),
  );
  const rate = (ms: number) => Math.round((pages.length / ms) * 1000).toLocaleString("en");
  const [wholeCpu, engineCpu] = cpuTimes.map(median) as [number, number];
  console.log(`layout with text extraction: ${whole.toFixed(0)} ms median → ${rate(whole)} pages/s wall, ${rate(wholeCpu)} pages/s of CPU time (${boxes} boxes)`);
  console.log(`layout engine alone:         ${engine.toFixed(0)} ms median → ${rate(engine)} pages/s wall, ${rate(engineCpu)} pages/s of CPU time`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
