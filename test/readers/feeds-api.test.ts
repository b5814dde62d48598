/** Feeds and the JSON API of a built site validate against their schemas and carry what they promise. */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { DOMParser, type Element as XmlElement } from "@xmldom/xmldom";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { test } from "uvu";
import { beforeAll } from "../before-all.ts";
import * as assert from "uvu/assert";
import { buildSample, buildSampleWithPhoto, listFiles, sharedSample, sharedSynthetic, PROJECT_ROOT, type BuiltSite } from "./built-sites.ts";

let sample: BuiltSite;
let synthetic: BuiltSite;
const ajv = new Ajv2020.default({ allErrors: true, strict: true, strictRequired: false });
addFormats.default(ajv);

async function json(site: BuiltSite, file: string): Promise<any> {
  return JSON.parse(await readFile(path.join(site.output, file), "utf8"));
}

beforeAll(test, async () => {
  [sample, synthetic] = await Promise.all([sharedSample(), sharedSynthetic()]);
  // The schemas as published, so a reader of the site validates against the same files.
  for (const name of ["edition.schema.json", "editions.schema.json"]) ajv.addSchema(await json(sample, `api/schema/v1/${name}`));
  ajv.addSchema(JSON.parse(await readFile(path.join(PROJECT_ROOT, "src/feeds/schema/jsonfeed-1.1.schema.json"), "utf8")));
});
test.after(async () => {
  await Promise.all([sample?.cleanup(), synthetic?.cleanup()]);
});

function expectValid(schemaId: string, document: unknown, label: string) {
  const validate = ajv.getSchema(schemaId)!;
  const ok = validate(document);
  assert.ok(ok, `${label}: ${ajv.errorsText(validate.errors, { separator: "\n" })}`);
}

test("api/editions.json lists every edition, newest first, and validates", async () => {
  for (const site of [sample, synthetic]) {
    const list = await json(site, "api/editions.json");
    expectValid("editions.schema.json", list, "api/editions.json");
    assert.equal(list.editions.map((edition: any) => edition.date), site.archive.editions.map((edition) => edition.date));
    for (const edition of list.editions) {
      const document = await json(site, edition.api.path);
      expectValid("edition.schema.json", document, edition.api.path);
      assert.equal(document.pages.length, edition.pages.length);
    }
  }
  const first = (await json(synthetic, "api/editions.json")).editions[0];
  assert.type(first.issueNumber, "number");
});

test("an edition document carries stories, bylines, box geometry inside the grid, and URLs that exist", async () => {
  const document = await json(sample, "2020-06-05/edition.json");
  const page = document.pages[0];
  const lead = page.stories.find((story: any) => story.slug === "xiangmu-fali");
  assert.equal(lead.byline, ["戚风华", "赵小君"]);
  assert.equal(lead.type, "lead");
  assert.ok(lead.bodyHtml.includes("两个加快"));
  assert.equal(page.grid.boxes.map((box: any) => box.slug), page.stories.map((story: any) => story.slug));
  for (const box of page.grid.boxes) assert.ok(box.column + box.span - 1 <= page.grid.columns, `${box.slug} leaves the grid`);
  const files = new Set(await listFiles(sample.output));
  for (const story of page.stories) assert.ok(files.has(`${story.path}index.html`), `${story.path} is not written`);
});

test("images are listed with URLs of published files", async () => {
  const photo = await buildSampleWithPhoto();
  const files = new Set(await listFiles(photo.output));
  let images = 0;
  for (const edition of photo.archive.editions) {
    const document = await json(photo, `${edition.date}/edition.json`);
    expectValid("edition.schema.json", document, "edition with a photo");
    for (const page of document.pages) {
      for (const story of page.stories) {
        for (const image of story.images) {
          images++;
          for (const size of image.sizes) assert.ok(files.has(size.path), `${size.path} missing`);
        }
      }
    }
  }
  await photo.cleanup();
  assert.is(images, 1, "the photo story's picture is listed");
});

test("a broken document fails the schema (the test can fail)", async () => {
  const document = await json(sample, "2020-06-05/edition.json");
  document.pages[0].grid.boxes[0].column = 0;
  delete document.pages[0].stories[0].byline;
  assert.not.ok(ajv.getSchema("edition.schema.json")!(document));
});

test("JSON Feeds validate against JSON Feed 1.1, with full text and the paper's offset", async () => {
  for (const site of [sample, synthetic]) {
    const feeds = (await listFiles(site.output)).filter((file) => /(^feeds\/.*|\/feed)\.json$/.test(file));
    assert.ok(feeds.length >= 3, `feeds: ${feeds.join(", ")}`);
    for (const file of feeds) {
      const feed = await json(site, file);
      expectValid("jsonfeed-1.1.schema.json", feed, file);
      for (const item of feed.items) assert.match(item.date_published, /T00:00:00\+08:00$/);
    }
  }
  const latest = await json(sample, "feeds/latest.json");
  const lead = latest.items.find((item: any) => item.title === "项目发力 区域经济稳中快进");
  assert.equal(lead.id, "tag:paper.example,2020-06-05:xiangmu-fali");
  assert.ok(lead.content_html.includes("两个加快的主阵地"), "full text, not an excerpt");
});

const ATOM = "http://www.w3.org/2005/Atom";
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** RFC 4287's rules for a feed document: well-formed XML, required elements, dates, ids, links. */
function checkAtom(text: string, file: string): { entries: XmlElement[] } {
  const errors: string[] = [];
  const document = new DOMParser({ onError: (level, message) => level !== "warning" && errors.push(message) }).parseFromString(text, "application/xml");
  assert.equal(errors, [], `${file} is not well-formed`);
  const feed = document.documentElement!;
  assert.is(feed.namespaceURI, ATOM, `${file}: root is not an Atom feed`);
  const children = (parent: XmlElement, name: string) => Array.from(parent.childNodes).filter((node): node is XmlElement => node.nodeType === 1 && (node as XmlElement).localName === name);
  const one = (parent: XmlElement, name: string, where: string) => {
    const found = children(parent, name);
    assert.is(found.length, 1, `${file}: ${where} needs exactly one <${name}>, found ${found.length}`);
    return found[0]!;
  };
  for (const name of ["id", "title", "updated"]) one(feed, name, "feed");
  assert.match(one(feed, "updated", "feed").textContent ?? "", RFC3339);
  const feedHasAuthor = children(feed, "author").length > 0;
  assert.ok(children(feed, "link").some((link) => link.getAttribute("rel") === "self"), `${file}: no rel=self link`);
  const entries = children(feed, "entry");
  const ids = new Set<string>();
  for (const entry of entries) {
    const id = one(entry, "id", "entry").textContent ?? "";
    assert.match(id, /^(tag|https?):/, `${file}: entry id is not an IRI`);
    assert.not.ok(ids.has(id), `${file}: duplicate id ${id}`);
    ids.add(id);
    one(entry, "title", "entry");
    assert.match(one(entry, "updated", "entry").textContent ?? "", RFC3339);
    assert.ok(feedHasAuthor || children(entry, "author").length > 0, `${file}: entry without author`);
    assert.ok(children(entry, "link").some((link) => (link.getAttribute("rel") ?? "alternate") === "alternate"), `${file}: entry without alternate link`);
    assert.is(one(entry, "content", "entry").getAttribute("type"), "html");
  }
  return { entries };
}

test("Atom feeds are valid RFC 4287 documents with full text and stable ids", async () => {
  for (const site of [sample, synthetic]) {
    const feeds = (await listFiles(site.output)).filter((file) => file.endsWith(".xml") && (file.startsWith("feeds/") || file.endsWith("/feed.xml")));
    for (const file of feeds) checkAtom(await readFile(path.join(site.output, file), "utf8"), file);
  }
  const edition = synthetic.archive.editions[0]!;
  const { entries } = checkAtom(await readFile(path.join(synthetic.output, `${edition.date}/feed.xml`), "utf8"), "edition feed");
  const articles = edition.pages.reduce((sum, page) => sum + page.articles.length, 0);
  assert.is(entries.length, articles, "the edition feed has every article of the day");
  // Section feeds: one per section used, each entry of that section.
  const sections = new Set(synthetic.archive.editions.flatMap((e) => e.pages.flatMap((p) => p.articles.map((a) => a.section))));
  for (const section of sections) {
    const feed = await json(synthetic, `feeds/sections/${section}.json`);
    assert.ok(feed.items.length > 0);
    for (const item of feed.items) assert.is(item.tags[0], section);
  }
});

test("a rebuild writes byte-identical feeds and API (no build time inside)", async () => {
  const again = await buildSample();
  try {
    for (const file of ["feeds/latest.xml", "feeds/latest.json", "api/editions.json", "2020-06-05/edition.json"]) {
      assert.is(await readFile(path.join(again.output, file), "utf8"), await readFile(path.join(sample.output, file), "utf8"), file);
    }
  } finally {
    await again.cleanup();
  }
});

test.run();
