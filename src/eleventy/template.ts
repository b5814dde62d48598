/** Shared typing for the templates in layouts/: each paginates over one list of SiteData. */
import type { SiteData } from "./site-data.ts";
import { ViewContext } from "../render/context.ts";

export interface TemplateData<Entry> {
  readonly broadsheet: SiteData;
  readonly entry: Entry;
}

/** Pagination over `broadsheet.<list>`, one output file per entry. */
export function paginate(list: "archive.editions" | "pages" | "articles" | "archiveEntries" | "assetFiles" | "readerFiles" | "editionFiles") {
  return { data: `broadsheet.${list}`, size: 1, alias: "entry", addAllPagesToCollections: false };
}

/** A view context for the page at a site path. */
export function contextFor(data: { broadsheet: SiteData }, here: string, fromBase?: string): ViewContext {
  return new ViewContext(data.broadsheet.archive, data.broadsheet.assets, here, fromBase, data.broadsheet.images, data.broadsheet.editionIndex);
}
