/**
 * Atom (RFC 4287) and JSON Feed 1.1 from a FeedSpec. Written here rather than with the `feed`
 * package: `feed` 6.0.0 prints every date with toISOString() (UTC, losing the paper's +08:00 day)
 * and stamps a missing `updated` with the build time, which breaks byte-identical rebuilds.
 */
import type { Archive } from "../model/types.ts";
import { absoluteUrl, type GeneratedFile } from "../readers/generated-file.ts";
import { editionFeed, latestFeed, sectionFeeds, type FeedSpec } from "./feed-entries.ts";

const XML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };
function xml(text: string): string {
  // Characters XML 1.0 forbids would make the whole feed unreadable: drop them.
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "").replace(/[&<>"]/g, (char) => XML_ESCAPES[char]!);
}

export function atomFeed(archive: Archive, feed: FeedSpec): string {
  const site = archive.site;
  const url = (sitePath: string) => xml(absoluteUrl(site.siteUrl, sitePath));
  const entries = feed.entries.map(
    (entry) => `<entry>
<id>${xml(entry.id)}</id>
<title>${xml(entry.title)}</title>
<link rel="alternate" type="text/html" href="${xml(entry.url)}"/>
<published>${entry.published}</published>
<updated>${entry.updated}</updated>
${entry.authors.map((name) => `<author><name>${xml(name)}</name></author>`).join("\n")}
<category term="${xml(entry.section)}" label="${xml(entry.section)}"/>
<summary>${xml(entry.summary)}</summary>
<content type="html">${xml(entry.contentHtml)}</content>
</entry>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">
<id>${xml(feed.id)}</id>
<title>${xml(feed.title)}</title>
<updated>${feed.updated}</updated>
<author><name>${xml(site.name)}</name></author>
<link rel="self" type="application/atom+xml" href="${url(feed.atomPath)}"/>
<link rel="alternate" type="text/html" href="${url(feed.homePath)}"/>
<link rel="alternate" type="application/feed+json" href="${url(feed.jsonPath)}"/>
<rights>${xml(`${site.name} ${site.registration}`)}</rights>
<generator>Broadsheet</generator>
${entries.join("\n")}
</feed>
`;
}

export function jsonFeed(archive: Archive, feed: FeedSpec): string {
  const site = archive.site;
  const document = {
    version: "https://jsonfeed.org/version/1.1",
    title: feed.title,
    home_page_url: absoluteUrl(site.siteUrl, feed.homePath),
    feed_url: absoluteUrl(site.siteUrl, feed.jsonPath),
    language: "zh-CN",
    authors: [{ name: site.name }],
    items: feed.entries.map((entry) => ({
      id: entry.id,
      url: entry.url,
      title: entry.title,
      summary: entry.summary,
      content_html: entry.contentHtml,
      ...(entry.imageUrl ? { image: entry.imageUrl } : {}),
      date_published: entry.published,
      date_modified: entry.updated,
      ...(entry.authors.length ? { authors: entry.authors.map((name) => ({ name })) } : {}),
      tags: [entry.section, entry.printPage],
    })),
  };
  return `${JSON.stringify(document)}\n`;
}

function files(archive: Archive, feed: FeedSpec): GeneratedFile[] {
  return [
    { path: feed.atomPath, contents: atomFeed(archive, feed) },
    { path: feed.jsonPath, contents: jsonFeed(archive, feed) },
  ];
}

/** The feeds of one edition (written with that edition). */
export function editionFeedFiles(archive: Archive, edition: Archive["editions"][number]): GeneratedFile[] {
  return files(archive, editionFeed(archive, edition));
}

/** The site-wide feeds: latest editions and each section (rewritten whenever an edition is added). */
export function siteFeedFiles(archive: Archive): GeneratedFile[] {
  return [latestFeed(archive), ...sectionFeeds(archive)].flatMap((feed) => files(archive, feed));
}
