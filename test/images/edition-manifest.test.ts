/**
 * An edition's part of the manifest (YYYY-MM-DD/files.json) is put together from what the
 * renderer and the image stage say they wrote, without listing the folder again: with photos, a
 * page scan, share cards and page thumbnails it must still name every file there, with the
 * bytes' real hash and size, and nothing that is not there.
 */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { publishSite } from "../../src/publish/incremental-build.ts";
import type { OutputManifest } from "../../src/publish/output-manifest.ts";
import { EDITION, makeFixture } from "./fixture.ts";
import { fileTree, PROJECT_ROOT, removeAll } from "../helpers.ts";

const content = await makeFixture();
const root = path.dirname(content);
const output = path.join(root, "site");
test.after(() => removeAll(root));

test("an edition with photos, a page scan and share cards: its manifest part names every file it published, with the real hash and size", async () => {
  await publishSite({ contentRoot: content, outputDir: output, projectRoot: PROJECT_ROOT, workers: 1, images: { cacheDir: path.join(root, "images") } });
  const part = JSON.parse(await readFile(path.join(output, EDITION, "files.json"), "utf8")) as OutputManifest;
  // Site path → SHA-256 of every file in the edition's folder but its part of the manifest.
  const tree = await fileTree(path.join(output, EDITION));
  const hashes = new Map([...tree].filter(([name]) => name !== "files.json").map(([name, hash]) => [`${EDITION}/${name.split(path.sep).join("/")}`, hash]));
  const onDisk = [...hashes.keys()].sort();
  const kinds = (pattern: RegExp) => onDisk.filter((name) => pattern.test(name)).length;
  // The fixture publishes each kind of file the image stage writes, beside the pages.
  assert.ok(kinds(/\.avif$/) > 0 && kinds(/\/cards\/.*\.jpg$/) > 0 && kinds(/\/thumbs\/.*\.svg$/) > 0 && kinds(/index\.html$/) > 0, onDisk.join(" "));
  assert.ok(kinds(/\/scans\/page-02-(thumb|screen|zoom)\./) > 0, "the page scan's views are published");
  assert.equal(part.files.map((file) => file.path), onDisk);
  for (const file of part.files) {
    assert.is(file.sha256, hashes.get(file.path), file.path);
    assert.is(file.size, (await stat(path.join(output, file.path))).size, file.path);
  }
});

test.run();
