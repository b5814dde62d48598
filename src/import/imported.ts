/** An article the importer made: front-matter fields, a Markdown body, and what an editor must check. */
import { stringify } from "yaml";

export interface ImportedArticle {
  readonly slug: string;
  readonly fields: {
    title: string;
    kicker?: string;
    subtitle?: string;
    section: string;
    type?: "lead" | "news" | "brief" | "photo" | "comment" | "notice";
    dateline?: string;
    byline: string | string[] | false;
    date: string;
    page?: number;
    order?: number;
    attachedTo?: string;
  };
  readonly body: string;
  /** What the importer could not decide: reported by `npm run check` until an editor removes it. */
  readonly needsReview: readonly string[];
}

/** One YAML scalar, quoted by the yaml library only where plain text would mean something else. */
function scalar(value: unknown): string {
  return stringify(value, { lineWidth: 0 }).trimEnd();
}

/** The article as a Markdown file with YAML front-matter (the `yaml` library quotes what needs quoting). */
export function toMarkdown(article: ImportedArticle): string {
  const data: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(article.fields)) if (value !== undefined) data[key] = value;
  if (article.needsReview.length) data.needsReview = [...article.needsReview];
  const lines = Object.entries(data).map(([key, value]) => {
    // Names stay on one line as editors write them ([戚风华, 赵小君]); notes for review one per line.
    if (Array.isArray(value) && key !== "needsReview") return `${key}: [${value.map(scalar).join(", ")}]`;
    if (Array.isArray(value)) return `${key}:\n${value.map((item) => `  - ${scalar(item)}`).join("\n")}`;
    return `${key}: ${scalar(value)}`;
  });
  return `---\n${lines.join("\n")}\n---\n\n${article.body.trim()}\n`;
}
