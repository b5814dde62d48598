/**
 * Typed access to one YAML mapping that records a problem, with the field's line, for every
 * value of the wrong shape.
 */
import type { FieldPosition } from "../content/front-matter.ts";
import type { Problem } from "./problem.ts";

/** How a found value is shown in a message: "a number (3)", "nothing", "a list". */
export function describe(value: unknown): string {
  if (value === undefined || value === null) return "nothing";
  if (typeof value === "string") return value.trim() ? `"${value.length > 60 ? `${value.slice(0, 57)}…` : value}"` : "an empty string";
  if (typeof value === "number") return `a number (${value})`;
  if (typeof value === "boolean") return `${value}`;
  if (Array.isArray(value)) return value.length ? "a list" : "an empty list";
  return "a mapping";
}

export class FieldReader {
  constructor(
    readonly file: string,
    readonly data: Readonly<Record<string, unknown>>,
    readonly positions: ReadonlyMap<string, FieldPosition>,
    readonly problems: Problem[],
    /** Line reported for a missing field: where it would go. */
    readonly fallbackLine = 1,
  ) {}

  line(field: string): number {
    return this.positions.get(field)?.line ?? (this.data[field] === undefined ? 1 : this.fallbackLine);
  }

  problem(field: string, message: string): void {
    this.problems.push({ severity: "error", file: this.file, line: this.line(field), field, message });
  }

  warning(field: string, message: string): void {
    this.problems.push({ severity: "warning", file: this.file, line: this.line(field), field, message });
  }

  raw(field: string): unknown {
    return this.data[field];
  }

  /** A non-empty string. */
  text(field: string, options: { required?: boolean } = {}): string | undefined {
    const value = this.data[field];
    if (value === undefined || value === null) {
      if (options.required) this.problem(field, `required field is missing: expected text, found nothing`);
      return undefined;
    }
    if (typeof value === "string" && value.trim()) return value.trim();
    this.problem(field, `expected text, found ${describe(value)}`);
    return undefined;
  }

  integer(field: string, range: { min: number; max: number }): number | undefined {
    const value = this.data[field];
    if (value === undefined || value === null) return undefined;
    const number = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
    if (typeof number === "number" && Number.isInteger(number) && number >= range.min && number <= range.max) return number;
    this.problem(field, `expected a whole number from ${range.min} to ${range.max}, found ${describe(value)}`);
    return undefined;
  }
}
