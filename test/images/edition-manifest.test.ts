/**
 * An edition's part of the manifest (YYYY-MM-DD/files.json) is put together from what the
 * renderer and the image stage say they wrote, without listing the folder again: with photos, a
 * page scan, share cards and page thumbnails it must still name every file there, with the
 * bytes' real hash and size, and nothing that is not there.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { publishSite } from "../../src/publish/incremental-build.ts";
import type { OutputManifest } from "../../src/publish/output-manifest.ts";
import { EDITION, makeFixture } from "./fixture.ts";
import { PROJECT_ROOT, removeAll } from "../helpers.ts";

const content = await makeFixture();
const root = path.dirname(content);
const output = path.join(root, "site");
test.after(() => removeAll(root));

/** Every file under `dir`, as `prefix` + its path there. */
async function filesUnder(dir: string, prefix: string): Promise<string[]> {
  const names: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const name = `${prefix}${entry.name}`;
    if (entry.isDirectory()) names.push(...(await filesUnder(path.join(dir, entry.name), `${name}/`)));
    else names.push(name);
  }
  return names;
}

test("an edition with photos, a page scan and share cards: its manifest part names every file it published, with the real hash and size", async () => {
  await publishSite({ contentRoot: content, outputDir: output, projectRoot: PROJECT_ROOT, workers: 1, images: { cacheDir: path.join(root, "images") } });
  const part = JSON.parse(await readFile(path.join(output, EDITION, "files.json"), "utf8")) as OutputManifest;
  const onDisk = (await filesUnder(path.join(output, EDITION), `${EDITION}/`)).filter((name) => name !== `${EDITION}/files.json`).sort();
  const kinds = (pattern: RegExp) => onDisk.filter((name) => pattern.test(name)).length;
  // The fixture publishes each kind of file the image stage writes, beside the pages.
  assert.ok(kinds(/\.avif$/) > 0 && kinds(/\/cards\/.*\.jpg$/) > 0 && kinds(/\/thumbs\/.*\.svg$/) > 0 && kinds(/index\.html$/) > 0, onDisk.join(" "));
  assert.ok(kinds(/scan|page-02/) > 0, "the page scan's views are published");
  assert.equal(part.files.map((file) => file.path), onDisk);
  for (const file of part.files) {
    const bytes = await readFile(path.join(output, file.path));
    assert.is(file.sha256, createHash("sha256").update(bytes).digest("hex"), file.path);
    assert.is(file.size, bytes.length, file.path);
  }
});

test.run();
