/**
 * Site settings: everything about the paper that is not an article.
 * One typed object, written by the paper in `content/site.config.ts` and read once per build.
 */

/** A section of the paper and the page it is usually printed on. */
export interface SectionSetting {
  /** The section's name as printed in the page header, e.g. 要闻. */
  readonly name: string;
  /** The page (版次) this section is printed on when an article does not say. */
  readonly page: number;
}

export interface ChannelLink {
  readonly label: string;
  readonly url: string;
}

/** How issue numbers (期号, "总第N期") are counted. */
export type IssueNumbering =
  | {
      /** Count publishing days from a known issue. */
      readonly kind: "counted";
      readonly baseDate: string;
      readonly baseNumber: number;
      /** ISO weekdays the paper appears on (1 = Monday … 7 = Sunday). */
      readonly publishingWeekdays: readonly number[];
    }
  /** Every edition states its number in edition.yaml. */
  | { readonly kind: "explicit" };

export interface PageFormat {
  /** 对开 broadsheet or 四开 tabloid. */
  readonly kind: "broadsheet" | "tabloid";
  /** Text columns (栏) per page. */
  readonly columns: number;
}

export interface SiteSettings {
  /** The paper's name as it appears in the masthead. */
  readonly name: string;
  /** Registration number (刊号), e.g. CN 32-0000. */
  readonly registration: string;
  /** Publisher line: 主办, 主管部门, 编辑 (or 出版). */
  readonly publisher: {
    readonly sponsor: string;
    readonly supervisor: string;
    readonly editor: string;
  };
  readonly channels: readonly ChannelLink[];
  readonly locale: "zh-CN";
  /** IANA time zone of the paper: all dates are the paper's dates. */
  readonly timeZone: string;
  readonly format: PageFormat;
  readonly sections: readonly SectionSetting[];
  readonly issueNumbering: IssueNumbering;
  /** Absolute URL the site is served from, used for canonical links; may have a sub-path. */
  readonly siteUrl: string;
}

/** The sub-path of the site URL, always with a leading and trailing slash ("/" or "/paper/"). */
export function basePath(settings: SiteSettings): string {
  const path = new URL(settings.siteUrl).pathname;
  return path.endsWith("/") ? path : `${path}/`;
}

/** Problems with the settings themselves; settings errors stop the build like content errors. */
export function checkSettings(settings: SiteSettings): string[] {
  const problems: string[] = [];
  if (!settings.name.trim()) problems.push("name: expected the paper's name, found an empty string");
  try {
    new Intl.DateTimeFormat("en", { timeZone: settings.timeZone });
  } catch {
    problems.push(`timeZone: expected an IANA time zone such as Asia/Shanghai, found "${settings.timeZone}"`);
  }
  try {
    new URL(settings.siteUrl);
  } catch {
    problems.push(`siteUrl: expected an absolute URL such as https://paper.example/, found "${settings.siteUrl}"`);
  }
  if (!Number.isInteger(settings.format.columns) || settings.format.columns < 1) {
    problems.push(`format.columns: expected a whole number of columns, found ${settings.format.columns}`);
  }
  const seen = new Map<string, number>();
  for (const section of settings.sections) {
    if (seen.has(section.name)) problems.push(`sections: "${section.name}" is listed twice`);
    seen.set(section.name, section.page);
  }
  return problems;
}
