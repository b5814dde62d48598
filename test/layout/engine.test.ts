import { test } from "uvu";
import * as assert from "uvu/assert";
import { layoutPage, stretch, type PageLayout } from "../../src/layout/engine.ts";
import { contentRows, pageGeometry } from "../../src/layout/geometry.ts";
import { lineCount, storyRows, type LayoutStory } from "../../src/layout/measure.ts";
import type { StoryType } from "../../src/model/types.ts";

const CJK = "我区始终紧盯项目这一生命线着力加快项目引进加快项目建设千方百计促签约快复工";

function text(length: number, seed = 0): string {
  let out = "";
  for (let index = 0; out.length < length; index++) out += CJK[(index * 7 + seed) % CJK.length] + ((index + 1) % 23 === 0 ? "。" : "");
  return out.slice(0, length);
}

function story(slug: string, type: StoryType, length: number, extra: Partial<LayoutStory> = {}): LayoutStory {
  const blocks = [];
  for (let left = length, index = 0; left > 0; left -= 150, index++) blocks.push({ kind: "paragraph" as const, text: text(Math.min(150, left), index) });
  return { slug, type, title: `标题${slug}`, blocks, byline: "戚风华", images: [], jumpLines: 0, ...extra };
}

/** Every cell of the page's grid is covered by exactly one box. */
function assertTiles(layout: PageLayout, label: string): void {
  const cells = new Map<string, string>();
  for (const box of layout.boxes) {
    assert.ok(box.column >= 0 && box.column + box.columns <= layout.columns, `${label}: ${box.slug} inside the columns`);
    assert.ok(box.rows >= 1 && box.columns >= 1, `${label}: ${box.slug} has a size`);
    for (let row = box.row; row < box.row + box.rows; row++) {
      for (let column = box.column; column < box.column + box.columns; column++) {
        const key = `${row}:${column}`;
        assert.not.ok(cells.has(key), `${label}: ${box.slug} overlaps ${cells.get(key)} at row ${row}, column ${column}`);
        cells.set(key, box.slug);
      }
    }
  }
  assert.is(cells.size, layout.columns * layout.usedRows, `${label}: no holes (${cells.size} of ${layout.columns * layout.usedRows} cells)`);
}

const FRONT_PAGE = [
  story("lead", "lead", 900),
  story("comment", "comment", 300, { attachedTo: "lead" }),
  story("news-a", "news", 500),
  story("news-b", "news", 700),
  story("brief-a", "brief", 120),
  story("photo", "photo", 120, { images: [{ caption: "垃圾分类我先行", credit: "宗丽华 摄" }] }),
  story("brief-b", "notice", 160),
  story("news-c", "news", 380),
];

test("lineCount: one em a character, indent, 避头尾 and unbroken Latin words", () => {
  assert.is(lineCount("一二三四五六七八九十", 5), 2);
  assert.is(lineCount("一二三四五六七八九十", 5, 2), 3);
  assert.is(lineCount("一二三四五", 5), 1);
  // 。 may not start a line: it takes 五 down with it, so the second line starts 五。
  assert.is(lineCount("一二三四五。六七八", 5), 2);
  assert.is(lineCount("一二三四五。六七八九", 5), 3);
  assert.is(lineCount("一二三四五六七八九", 5), 2);
  // An opening quote may not end a line.
  assert.is(lineCount("一二三四“五六", 5), 2);
  // 20.71 does not break: four characters and the number do not fit five ems.
  assert.is(lineCount("一二三20.71", 5), 2);
  assert.is(lineCount("", 5), 1);
});

test("storyRows: a story gets shorter as its box gets wider, and taller with a photo", () => {
  const geometry = pageGeometry({ kind: "broadsheet", columns: 8 });
  const news = story("n", "news", 900);
  const rows = [1, 2, 3, 4, 6].map((columns) => storyRows(news, columns, geometry));
  for (let index = 1; index < rows.length; index++) assert.ok(rows[index]! < rows[index - 1]!, `rows ${rows.join(", ")}`);
  const withPhoto = { ...news, images: [{ caption: "图片说明" }] };
  assert.ok(storyRows(withPhoto, 3, geometry) > storyRows(news, 3, geometry) + 10);
});

test("layoutPage tiles the page with no holes and no overlaps at 4 to 10 columns, broadsheet and tabloid", () => {
  for (const kind of ["broadsheet", "tabloid"] as const) {
    for (let columns = 4; columns <= 10; columns++) {
      const geometry = pageGeometry({ kind, columns });
      for (const front of [true, false]) {
        const layout = layoutPage(FRONT_PAGE, geometry, front);
        const label = `${kind} ${columns} columns${front ? ", front page" : ""}`;
        assert.is(layout.rows, contentRows(geometry, front));
        assert.ok(layout.usedRows >= layout.rows);
        assertTiles(layout, label);
        assert.equal(new Set(layout.boxes.map((box) => box.slug)), new Set(FRONT_PAGE.map((item) => item.slug)), `${label}: every story placed once`);
      }
    }
  }
});

test("layoutPage: lead across the top with its comment box beside it, briefs stacked in one column", () => {
  const geometry = pageGeometry({ kind: "broadsheet", columns: 8 });
  const layout = layoutPage(FRONT_PAGE, geometry, true);
  const box = (slug: string) => layout.boxes.find((candidate) => candidate.slug === slug)!;
  assert.is(layout.boxes[0]!.slug, "lead");
  assert.is(box("lead").row, 0);
  assert.is(box("lead").column, 0);
  assert.is(box("comment").row, 0);
  assert.is(box("comment").column, box("lead").columns);
  assert.is(box("lead").columns + box("comment").columns, 8);
  assert.is(box("comment").rows, box("lead").rows);
  assert.is(layout.boxes[1]!.slug, "comment");
  // The brief and the notice share one column, one above the other.
  assert.is(box("brief-a").column, box("brief-b").column);
  assert.is(box("brief-a").columns, 1);
  assert.is(box("brief-b").row, box("brief-a").row + box("brief-a").rows);
  for (const placed of layout.boxes) assert.ok(placed.rows >= placed.needed, `${placed.slug}: box of ${placed.rows} rows holds its ${placed.needed}`);
  assert.equal(layout.overflows, []);
});

test("layoutPage is deterministic", () => {
  const geometry = pageGeometry({ kind: "broadsheet", columns: 8 });
  assert.equal(layoutPage(FRONT_PAGE, geometry, true), layoutPage(FRONT_PAGE.map((item) => ({ ...item })), geometry, true));
});

test("layoutPage: an editor's placement is kept; a box too short is reported by lines, a page too full grows", () => {
  const geometry = pageGeometry({ kind: "broadsheet", columns: 8 });
  const fixed = story("fixed", "news", 1200, { placement: { columns: 3, lines: 12 } });
  const banner = story("banner", "news", 400, { placement: { slot: "通栏" } });
  const layout = layoutPage([story("lead", "lead", 800), banner, fixed, story("other", "news", 600)], geometry, false);
  const box = (slug: string) => layout.boxes.find((candidate) => candidate.slug === slug)!;
  assert.is(box("fixed").columns, 3);
  assert.is(box("banner").columns, 8);
  assert.is(box("banner").column, 0);
  const overflow = layout.overflows.find((item) => item.slug === "fixed");
  assert.ok(overflow, "the fixed box is too short for 1,200 characters");
  assert.is(overflow!.lines, box("fixed").needed - box("fixed").rows);
  assertTiles(layout, "fixed placement");

  const crowded = layoutPage(Array.from({ length: 9 }, (_, index) => story(`long-${index}`, "news", 2400)), geometry, false);
  assert.ok(crowded.usedRows > crowded.rows, "the page grows rather than cut text");
  assert.ok(crowded.overflows.some((item) => item.reason === "page" && item.lines > 0));
  assertTiles(crowded, "crowded page");
});

test("stretch shares extra rows in proportion and keeps the total", () => {
  assert.equal(stretch([10, 20, 10], 80), [20, 40, 20]);
  assert.equal(stretch([3, 3, 3], 10), [4, 3, 3]);
  assert.equal(stretch([10, 10], 30, [true, false]), [10, 20]);
  // 10 spare rows shared 3 : 1 are 7.5 and 2.5; the half row goes to the first.
  assert.equal(stretch([10, 10], 30, [], [3, 1]), [18, 12]);
  assert.equal(stretch([10, 20], 25), [10, 20]);
});

test.run();
