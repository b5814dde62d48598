/**
 * The typed, immutable model every layout reads: archive → editions → pages → articles.
 * Built once from validated content; layouts never re-parse content.
 */
import type { SiteSettings } from "../site/settings.ts";

export const STORY_TYPES = ["lead", "news", "brief", "photo", "comment", "notice"] as const;
/** lead 头条 · news 消息 · brief 简讯 · photo 图片新闻 · comment 点评/短评 box attached to a story · notice 公告 */
export type StoryType = (typeof STORY_TYPES)[number];

/** Named places on the page an editor can ask for: 头条 the lead across the top, 通栏 a band across the full width. */
export const PLACEMENT_SLOTS = ["头条", "通栏"] as const;
export type PlacementSlot = (typeof PLACEMENT_SLOTS)[number];

/** Where the editor fixes a story on the grid (front-matter `placement:`); anything left out is the layout engine's choice. */
export interface StoryPlacement {
  readonly slot?: PlacementSlot;
  /** Width in grid columns (栏). */
  readonly columns?: number;
  /** Height in body lines. */
  readonly lines?: number;
}

export interface ArticleImage {
  /** Path relative to the edition folder, as written in front-matter. */
  readonly src: string;
  /** Absolute path of the source file. */
  readonly file: string;
  readonly caption: string;
  /** Photo credit as printed, e.g. "宗丽华 摄" or "宗丽华 文/摄". */
  readonly credit?: string;
  readonly alt: string;
}

/** A paragraph or subhead of a body as plain text (what the page's layout measures). */
export interface BodyBlock {
  readonly kind: "paragraph" | "subhead";
  readonly text: string;
}

export interface Article {
  readonly slug: string;
  readonly kicker?: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly section: string;
  readonly pageNumber: number;
  readonly order: number;
  readonly type: StoryType;
  readonly dateline?: string;
  /** Names (with roles where given: "本报记者 张三"); empty when explicitly unsigned. */
  readonly byline: readonly string[];
  readonly date: string;
  readonly images: readonly ArticleImage[];
  /** Slug of the story a comment box belongs to. */
  readonly attachedTo?: string;
  /** Slugs of the boxes attached to this story. */
  readonly attachments: readonly string[];
  readonly placement?: StoryPlacement;
  /** 下转第X版: the slug of the story that carries on this one, on a later page of the edition. */
  readonly continuedOn?: string;
  /** 上接第X版: the slug of the story this one carries on (derived from the other's continuedOn). */
  readonly continuedFrom?: string;
  /** Body as HTML for the article view (subheads are h2). */
  readonly bodyHtml: string;
  /** Body as HTML inside a page view (subheads one level lower). */
  readonly bodyHtmlOnPage: string;
  /** The body's paragraphs and subheads as plain text, as bodyHtmlOnPage shows them. */
  readonly bodyBlocks: readonly BodyBlock[];
  /** Number of characters of body text: what the layout uses to estimate length. */
  readonly textLength: number;
  /** 更正: dated correction notes, oldest first; the body is already the corrected text. */
  readonly corrections: readonly { readonly date: string; readonly note: string }[];
  /** YYYY-MM-DD of the latest correction, or the publication date: for feeds and JSON-LD. */
  readonly dateModified: string;
  readonly sourceFile: string;
  /** Site-relative URL path without the base path: 2020-06-05/01/slug/ */
  readonly path: string;
}

export interface PageCredits {
  readonly editor?: string;
  readonly layout?: string;
  readonly proofreader?: string;
}

export interface Page {
  readonly number: number;
  /** Two-digit label as printed: 01 */
  readonly label: string;
  readonly name: string;
  readonly credits: PageCredits;
  readonly scan?: string;
  /** Absolute path of the scan, and the page-NN.yaml that names it (for error messages). */
  readonly scanFile?: string;
  readonly settingsFile?: string;
  /** Articles in print reading order: lead first, attached boxes right after their story. */
  readonly articles: readonly Article[];
  readonly path: string;
}

export interface Edition {
  /** YYYY-MM-DD, the paper's calendar day. */
  readonly date: string;
  /** Start of the day in the paper's zone, ISO 8601 with offset. */
  readonly dateTime: string;
  /** 2020年6月5日 */
  readonly dateText: string;
  /** 星期五 */
  readonly weekday: string;
  /** 农历庚子年闰四月十四 */
  readonly lunar: string;
  readonly issueNumber?: number;
  readonly note?: string;
  readonly pages: readonly Page[];
  readonly path: string;
}

export interface Archive {
  readonly site: SiteSettings;
  /** Newest first. */
  readonly editions: readonly Edition[];
}
