/**
 * What the layout tells an editor: stories too long for their box or for the page. These are
 * warnings — the build still shows every word (the box or the page grows) — naming the story and
 * by how many lines it overflows.
 */
import type { Archive } from "../model/types.ts";
import type { Problem } from "../validate/problem.ts";
import { layoutOf } from "./page-layout.ts";

export function layoutProblems(archive: Archive): Problem[] {
  const problems: Problem[] = [];
  for (const edition of archive.editions) {
    for (const page of edition.pages) {
      const layout = layoutOf(page, archive.site.format);
      for (const overflow of layout.overflows) {
        const article = page.articles.find((candidate) => candidate.slug === overflow.slug)!;
        const lines = `${overflow.lines} line${overflow.lines === 1 ? "" : "s"}`;
        const remedy = article.continuedOn ? "cut it earlier (it continues on a later page)" : "continue it on a later page (continuedOn: <slug>), shorten it or give it more room";
        problems.push({
          severity: "warning",
          file: article.sourceFile,
          line: 1,
          field: overflow.reason === "box" ? "placement" : undefined,
          message:
            overflow.reason === "box"
              ? `"${article.title}" overflows its box by ${lines} (the page grows to show every word); ${remedy}`
              : `"${article.title}" runs ${lines} past the foot of page ${page.label} (the page grows to show every word); ${remedy}`,
        });
      }
    }
  }
  return problems;
}
