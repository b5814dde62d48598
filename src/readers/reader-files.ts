/**
 * Every file the reader-facing features add beside the HTML views: the JSON API and its schema,
 * Atom and JSON feeds, the service worker. Split by what they depend on, so an incremental build
 * can write one edition's files alone and rewrite only the site-wide ones:
 *   editionReaderFiles(archive, edition) — changes only when that edition changes;
 *   siteReaderFiles(archive, index)      — changes whenever the list of editions does.
 * Files are produced lazily (`contents()`), so a 20,000-article site never holds them all at once.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { editionApiFile, editionApiPath, editionsApiFile, SCHEMA_PATHS } from "../api/edition-api.ts";
import { editionFeed } from "../feeds/feed-entries.ts";
import { atomFeed, jsonFeed, siteFeedFiles } from "../feeds/write-feeds.ts";
import type { ImageManifest } from "../images/manifest.ts";
import type { EditionIndexEntry, YearBytes } from "../model/edition-index.ts";
import type { Archive, Edition } from "../model/types.ts";
import { serviceWorkerFile } from "../offline/service-worker-file.ts";
import { projectFile } from "../project-root.ts";
import type { GeneratedFile } from "./generated-file.ts";
import { siteIconFile } from "./site-icon.ts";

export interface LazyFile {
  readonly path: string;
  /** Text, or bytes put together without decoding (api/editions.json). */
  contents(): string | Uint8Array;
}

/** The published JSON Schemas of the API (api/schema/vN/*.schema.json), read from src/api/schema/. */
export function schemaFiles(): GeneratedFile[] {
  const folder = projectFile("src", "api", "schema", path.basename(path.dirname(SCHEMA_PATHS.edition)));
  return readdirSync(folder)
    .filter((name) => name.endsWith(".schema.json"))
    .sort()
    .map((name) => ({ path: `${path.posix.dirname(SCHEMA_PATHS.edition)}/${name}`, contents: readFileSync(path.join(folder, name), "utf8") }));
}

export function editionReaderFiles(archive: Archive, edition: Edition, images?: ImageManifest): LazyFile[] {
  return [
    { path: editionApiPath(edition), contents: () => editionApiFile(archive, edition, images).contents },
    // Each format renders its own copy of the feed, so nothing is kept once written.
    { path: `${edition.path}feed.xml`, contents: () => atomFeed(archive, editionFeed(archive, edition)) },
    { path: `${edition.path}feed.json`, contents: () => jsonFeed(archive, editionFeed(archive, edition)) },
  ];
}

export function siteReaderFiles(archive: Archive, index: readonly EditionIndexEntry[], editionListBytes?: YearBytes): LazyFile[] {
  const feeds = siteFeedFiles(archive);
  return [
    { path: "api/editions.json", contents: () => editionsApiFile(archive, index, editionListBytes).contents },
    ...schemaFiles().map((file) => ({ path: file.path, contents: () => file.contents })),
    ...feeds.map((file) => ({ path: file.path, contents: () => file.contents })),
    { path: serviceWorkerFile().path, contents: () => serviceWorkerFile().contents },
    { path: siteIconFile().path, contents: () => siteIconFile().contents },
  ];
}

/** The files of every edition in `archive` (per-edition scope). */
export function allEditionReaderFiles(archive: Archive, images?: ImageManifest): LazyFile[] {
  return archive.editions.flatMap((edition) => editionReaderFiles(archive, edition, images));
}
