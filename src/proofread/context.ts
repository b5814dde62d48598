/** What a rule sees of one article: its source, its prose blocks, and how to place a finding. */
import type { ArticleSource } from "../content/read-content.ts";
import type { Finding, Fix } from "./finding.ts";
import { positionIn, proseBlocks, type ProseBlock } from "./prose.ts";

export class ArticleText {
  readonly blocks: readonly ProseBlock[];

  constructor(readonly source: ArticleSource) {
    this.blocks = proseBlocks(source.body);
  }

  /** File line and column (1-based) of an offset in a block. */
  where(block: ProseBlock, offset: number): { line: number; column: number } {
    const position = positionIn(block, offset);
    return { line: this.source.bodyLine + position.line, column: position.column + 1 };
  }

  /** A fix replacing [start, end) of a block. */
  fix(block: ProseBlock, start: number, end: number, replacement: string, description: string): Fix {
    const from = this.where(block, start);
    const to = this.where(block, end);
    return { line: from.line, column: from.column, endLine: to.line, endColumn: to.column, replacement, description };
  }

  finding(rule: string, severity: Finding["severity"], block: ProseBlock, offset: number, message: string, ...fixes: Fix[]): Finding {
    return { rule, severity, file: this.source.file, ...this.where(block, offset), message, fixes: fixes.length ? fixes : undefined };
  }

  /** Line of a front-matter field, or the line after the opening --- when it is missing. */
  fieldLine(field: string): number {
    return this.source.fields.get(field)?.line ?? 2;
  }

  /** Line of the closing --- of the front-matter. */
  get closingLine(): number {
    return this.source.bodyLine - 1;
  }

  /** A fix inserting a whole front-matter line just before the closing ---. */
  insertField(line: string, description: string): Fix {
    return { line: this.closingLine, column: 1, endLine: this.closingLine, endColumn: 1, replacement: `${line}\n`, description };
  }
}
