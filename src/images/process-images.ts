/**
 * The image stage of the build, one call: every photo, page scan, page thumbnail and share card of
 * the archive, derived through the content-hash cache and copied into the output folder. Returns
 * the manifest the views render from. Bad images are reported like any content problem (file,
 * field, what is wrong) — all of them, and nothing is written for a build that has any.
 */
import { copyFile, link, mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { layoutOf } from "../layout/page-layout.ts";
import type { Archive, Article, Edition, Page } from "../model/types.ts";
import { ContentError, type Problem } from "../validate/problem.ts";
import { hashBytes, ImageCache, nameKey, sha256Of } from "./cache.ts";
import { ARTICLE_SIZES, boxWidthPx, photoWidths } from "./layout-widths.ts";
import type { Candidate, ImageManifest, PageThumbnail, PublishedPhoto, PublishedScan, ShareCardFile } from "./manifest.ts";
import { pageThumbnailSvg, THUMBNAIL_HEIGHT, THUMBNAIL_WIDTH } from "./page-thumbnail.ts";
import { derivePhoto, type PhotoMeta } from "./photo.ts";
import { placeholderClass } from "./placeholder.ts";
import { runPool, Slots } from "./pool.ts";
import { deriveScan, type ScanMeta } from "./scan.ts";
import { cardFonts } from "./card-fonts.ts";
import { renderShareCard, shareCardKey, type ShareCardText } from "./share-card.ts";
import { defaults, ENCODERS, EXTENSION, MIME, PHOTO_FORMATS, PIPELINE_VERSION, SCAN_FORMATS, SCAN_SIZES, SHARE_CARD, type ImageOptions, type PhotoFormat } from "./settings.ts";
import { checkSource, decodeProblem, ImageProblem, readSource } from "./source-check.ts";

export { ARTICLE_SIZES };

/**
 * Cache entries are written once and never changed, and builds replace output files by rename,
 * never in place: a hard link publishes one without copying its bytes (a gigabyte of share cards
 * at 20,000 articles). A copy where links cannot go (another file system).
 */
async function publishCached(from: string, to: string): Promise<void> {
  try {
    await link(from, to);
  } catch {
    await copyFile(from, to);
  }
}

interface SourceJob {
  readonly kind: "photo" | "scan";
  readonly file: string;
  /** Where the problem is reported: the article (images[i].src) or the page-NN.yaml (scan). */
  readonly problemFile: string;
  readonly field: string;
  /** Site path prefix of the published files, e.g. 2020-06-05/images/laji-fenlei */
  readonly publishedStem: string;
  readonly widths: readonly number[];
  readonly span: number;
  readonly key: string;
}

interface CardJob {
  readonly sitePath: string;
  readonly publishedStem: string;
  readonly text: ShareCardText;
  readonly photoFile?: string;
}

interface Copy {
  readonly from: string;
  readonly to: string;
}

export interface ImageStats {
  derived: number;
  cached: number;
  files: number;
  sourceBytes: number;
  publishedBytes: number;
}

function safeStem(name: string): string {
  return path.posix.parse(name).name.replace(/[^\p{L}\p{N}_-]+/gu, "-") || "image";
}

function planSources(archive: Archive): SourceJob[] {
  const jobs: SourceJob[] = [];
  const columns = archive.site.format.columns;
  for (const edition of archive.editions) {
    for (const page of edition.pages) {
      const spans = new Map(layoutOf(page, archive.site.format).boxes.map((box) => [box.slug, box.columns]));
      for (const article of page.articles) {
        const span = spans.get(article.slug) ?? 2;
        article.images.forEach((image, index) => {
          jobs.push({
            kind: "photo",
            file: image.file,
            problemFile: article.sourceFile,
            field: `images[${index}].src`,
            publishedStem: `${edition.path}images/${safeStem(image.src)}`,
            widths: photoWidths(span, columns),
            span,
            key: "",
          });
        });
      }
      if (page.scanFile) {
        jobs.push({ kind: "scan", file: page.scanFile, problemFile: page.settingsFile ?? page.scanFile, field: "scan", publishedStem: `${edition.path}scans/page-${page.label}`, widths: [], span: 0, key: "" });
      }
    }
  }
  return jobs;
}

function pageTitleText(page: Page): string {
  return `第${page.label}版：${page.name}`;
}

function planCards(archive: Archive): CardJob[] {
  const cards: CardJob[] = [];
  const paper = archive.site.name;
  for (const edition of archive.editions) {
    const front = edition.pages[0];
    const lead = front?.articles[0];
    if (front && lead) {
      cards.push({
        sitePath: edition.path,
        publishedStem: `${edition.path}cards/edition`,
        text: {
          paper,
          headline: lead.title,
          more: front.articles.slice(1).filter((article) => !article.attachedTo).map((article) => article.title),
          dateLine: `${edition.dateText} ${edition.weekday}　${edition.lunar}${edition.issueNumber !== undefined ? `　总第${edition.issueNumber}期` : ""}`,
        },
        photoFile: front.articles.find((article) => article.images.length)?.images[0]?.file,
      });
    }
    for (const page of edition.pages) {
      for (const article of page.articles) cards.push(articleCard(paper, edition, page, article));
    }
  }
  return cards;
}

function articleCard(paper: string, edition: Edition, page: Page, article: Article): CardJob {
  return {
    sitePath: article.path,
    publishedStem: `${edition.path}cards/${safeStem(article.slug)}`,
    text: { paper, kicker: article.kicker, headline: article.title, dateLine: `${edition.dateText} ${edition.weekday}　${pageTitleText(page)}` },
    photoFile: article.images[0]?.file,
  };
}

function sourceKey(job: SourceJob, bytes: Buffer): string {
  const settings = job.kind === "photo" ? { widths: job.widths, formats: PHOTO_FORMATS, ENCODERS } : { SCAN_SIZES, formats: SCAN_FORMATS, ENCODERS };
  return hashBytes(bytes, JSON.stringify({ kind: job.kind, version: PIPELINE_VERSION, settings }));
}

function published(stem: string, key: string, label: string | number, extension: string): string {
  return `${stem}-${label}.${nameKey(key)}.${extension}`;
}

/** Cached share cards being looked up and linked at once (see the pool below). */
const CACHED_CARDS_IN_FLIGHT = 32;

export interface ProcessedImages extends ImageManifest {
  readonly stats: ImageStats;
  /** Settles when every share card is in the output folder. */
  readonly cardsReady: Promise<void>;
  /** Site path of every file this stage puts into the output folder (share cards once `cardsReady` settles). */
  readonly published: readonly string[];
}

export async function processImages(archive: Archive, outputDir: string, options: Partial<ImageOptions> = {}): Promise<ProcessedImages> {
  const settings = { ...defaults, ...options };
  const cache = new ImageCache(path.resolve(settings.cacheDir));
  const counter = settings.counter;
  const slots = new Slots(settings.parallel);
  const problems: Problem[] = [];
  const copies: Copy[] = [];
  const stats: ImageStats = { derived: 0, cached: 0, files: 0, sourceBytes: 0, publishedBytes: 0 };
  const sourceHashes = new Map<string, string>();

  const jobs = planSources(archive);
  // Twice as many images open as slots: the next one decodes while another's last encodes finish.
  const results = await runPool(jobs, settings.parallel * 2, async (job) => {
    try {
      const bytes = await readSource(job.file);
      const key = sourceKey(job, bytes);
      sourceHashes.set(job.file, hashBytes(bytes));
      const cached = await cache.read<PhotoMeta | ScanMeta>(key);
      if (cached) return { job: { ...job, key }, meta: cached };
      const meta = await cache.write(key, async (folder) => {
        const metadata = await checkSource(job.file, bytes, settings.pixelLimit, counter);
        const swap = (metadata.orientation ?? 1) >= 5;
        const width = (swap ? metadata.height : metadata.width) ?? 0;
        const height = (swap ? metadata.width : metadata.height) ?? 0;
        try {
          return job.kind === "photo"
            ? await derivePhoto(bytes, width, job.widths, folder, settings.pixelLimit, slots, counter)
            : await deriveScan(bytes, width, height, folder, settings.pixelLimit, slots, counter);
        } catch (error) {
          throw decodeProblem(job.file, bytes, error);
        }
      });
      return { job: { ...job, key }, meta };
    } catch (error) {
      if (!(error instanceof ImageProblem)) throw error;
      problems.push({ severity: "error", file: job.problemFile, field: job.field, message: error.message });
      return undefined;
    }
  });
  if (problems.length) throw new ContentError(problems);

  const photos = new Map<string, PublishedPhoto>();
  const scans = new Map<string, PublishedScan>();
  const pagesByScan = new Map<string, string>();
  for (const edition of archive.editions) for (const page of edition.pages) if (page.scanFile) pagesByScan.set(page.scanFile, page.path);

  for (const result of results) {
    if (!result) continue;
    const { job, meta } = result;
    const entry = cache.entryDir(job.key);
    stats.sourceBytes += meta.sourceBytes;
    if (job.kind === "photo") {
      const photo = meta as PhotoMeta;
      const pathOf = (name: string, width: number, format: PhotoFormat) => {
        const to = published(job.publishedStem, job.key, width, EXTENSION[format]);
        copies.push({ from: path.join(entry, name), to });
        return to;
      };
      const sources = PHOTO_FORMATS.map((format) => ({
        type: MIME[format],
        candidates: photo.files.filter((file) => file.format === format).map((file): Candidate => ({ path: pathOf(file.name, file.width, format), width: file.width })),
      }));
      for (const file of photo.files) stats.publishedBytes += file.bytes;
      const jpegs = sources[PHOTO_FORMATS.indexOf("jpeg")]!.candidates;
      const box = boxWidthPx(job.span, archive.site.format.columns);
      photos.set(job.file, {
        width: photo.width,
        height: photo.height,
        placeholder: placeholderClass(photo.colour),
        sources,
        fallback: jpegs.find((candidate) => candidate.width >= box) ?? jpegs[jpegs.length - 1]!,
        span: job.span,
      });
    } else {
      const scan = meta as ScanMeta;
      const views = {} as Record<keyof typeof SCAN_SIZES, PublishedScan["views"]["thumb"]>;
      for (const [size, view] of Object.entries(scan.views) as [keyof typeof SCAN_SIZES, ScanMeta["views"]["thumb"]][]) {
        const paths = {} as Record<"jpeg" | "webp", string>;
        for (const file of view.files) {
          const to = published(job.publishedStem, job.key, size, EXTENSION[file.format]);
          copies.push({ from: path.join(entry, file.name), to });
          stats.publishedBytes += file.bytes;
          if (file.format === "jpeg" || file.format === "webp") paths[file.format] = to;
        }
        views[size] = { width: view.width, height: view.height, scale: view.scale, jpeg: paths.jpeg, webp: paths.webp };
      }
      scans.set(pagesByScan.get(job.file)!, { width: scan.width, height: scan.height, views });
    }
  }

  // A card's name comes from its key (the hash of what it shows), so pages can name it before it
  // is made: with `cardsInBackground` they are made while the caller renders the pages.
  const plannedCards = settings.shareCards ? planCards(archive) : [];
  // Asked before any card is named (once per process): the faces are part of every card's key, and
  // a build without them stops here, having published nothing.
  const fonts = plannedCards.length > 0 ? await cardFonts() : "";
  const cardJobs = plannedCards.map((job) => {
    const photoHash = job.photoFile === undefined ? undefined : (sourceHashes.get(job.photoFile) ?? "");
    const key = shareCardKey(job.text, photoHash, fonts);
    return { ...job, key, to: `${job.publishedStem}.${nameKey(key)}.jpg` };
  });
  const shareCards = new Map(cardJobs.map((job): [string, ShareCardFile] => [job.sitePath, { path: job.to, width: SHARE_CARD.width, height: SHARE_CARD.height }]));
  const hashes = new Map<string, { sha256: string; size: number }>();

  const thumbnails = new Map<string, PageThumbnail>();
  const svgs: { to: string; svg: string }[] = [];
  for (const edition of archive.editions) {
    for (const page of edition.pages) {
      const scan = scans.get(page.path);
      if (scan) {
        const thumb = scan.views.thumb;
        thumbnails.set(page.path, { path: thumb.jpeg, width: thumb.width, height: thumb.height, from: "scan" });
        continue;
      }
      const svg = pageThumbnailSvg(page, archive.site.format);
      const to = `${edition.path}thumbs/page-${page.label}.${hashBytes(svg).slice(0, 10)}.svg`;
      svgs.push({ to, svg });
      thumbnails.set(page.path, { path: to, width: THUMBNAIL_WIDTH, height: THUMBNAIL_HEIGHT, from: "layout" });
    }
  }

  const publish = settings.publish !== false;
  const publishedFiles = publish ? [...copies.map((copy) => copy.to), ...svgs.map((item) => item.to), ...cardJobs.map((job) => job.to)] : [];
  if (publish) {
    const folders = new Set(publishedFiles.map((to) => path.dirname(path.join(outputDir, to))));
    for (const folder of folders) await mkdir(folder, { recursive: true });
    await runPool(copies, 16, (copy) => publishCached(copy.from, path.join(outputDir, copy.to)));
    await runPool(svgs, 16, async (item) => {
      const bytes = Buffer.from(item.svg);
      await writeFile(path.join(outputDir, item.to), bytes);
      hashes.set(item.to, { sha256: sha256Of(bytes), size: bytes.length });
    });
  }

  // Without publishing, a card's name and size are all the caller gets, and both are known now:
  // nothing is made (the build's site-wide pages look up the newest editions' cards while those
  // editions may still be making them).
  //
  // A cached card (most of a build's) costs a read of its meta.json and a link, each a round trip
  // through the thread pool, and the pages are rendered meanwhile with the event loop free only
  // between files: with four in flight, a batch's cached cards were still being linked 0.06–0.18 s
  // after its pages were written (batches of 25 editions, 20,000 articles). Many in flight keep up with the pages; a card to compose holds
  // its photo and is one more sharp pipeline, so at most two per slot are composed at a time.
  const composing = new Slots(settings.parallel * 2);
  const cardsDone = runPool(publish ? cardJobs : [], CACHED_CARDS_IN_FLIGHT, async (job) => {
    let meta =
      (await cache.read<{ bytes: number; sha256?: string }>(job.key)) ??
      (await composing.run(() =>
        cache.write(job.key, async (folder) => {
          const photo = job.photoFile === undefined ? undefined : await readSource(job.photoFile);
          return renderShareCard(job.text, photo, path.join(folder, "card.jpg"), settings.pixelLimit, slots, counter);
        }),
      ));
    const from = path.join(cache.entryDir(job.key), "card.jpg");
    if (meta.sha256 === undefined) {
      // A card cached before cards kept their hash: hashed once, then remembered.
      meta = { ...meta, sha256: sha256Of(await readFile(from)) };
      await cache.amend(job.key, meta);
    }
    if (publish) await publishCached(from, path.join(outputDir, job.to));
    hashes.set(job.to, { sha256: meta.sha256!, size: meta.bytes });
    stats.publishedBytes += meta.bytes;
  }).then(() => {
    stats.derived = cache.misses;
    stats.cached = cache.hits;
    stats.files = copies.length + svgs.length + cardJobs.length;
    settings.log?.(`Images: ${jobs.length} source(s) and ${cardJobs.length} share card(s); ${cache.misses} derived, ${cache.hits} from cache (${cache.dir}); ${stats.files} files published`);
  });
  if (!settings.cardsInBackground) await cardsDone;
  // Awaited by the caller (cardsReady); until then a failure must not go unhandled.
  else cardsDone.catch(() => undefined);
  return { photos, scans, thumbnails, shareCards, hashes, stats, cardsReady: cardsDone, published: publishedFiles };
}
