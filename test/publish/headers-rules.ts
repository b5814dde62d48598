/**
 * Reads a `_headers` file as both hosts that take it do, and says which Cache-Control a URL gets.
 * Cloudflare Pages: its rules engine's matching, transcribed (`*` any characters, `:name` one path
 * segment, the whole path), and its limits (100 rules, one `*` a rule, 2,000 characters a line).
 * Netlify: its own parser, @netlify/headers-parser, which gives each rule's regular expression.
 */
import { parseAllHeaders } from "@netlify/headers-parser";
import * as assert from "uvu/assert";

export interface HeaderRule {
  readonly path: string;
  readonly headers: Map<string, string>;
}

export interface HostRules {
  /** As written (and as Cloudflare Pages reads them). */
  readonly rules: HeaderRule[];
  readonly netlify: { forRegExp: RegExp; values: Record<string, string> }[];
}

/** `_headers` blocks: a path line, then indented `Name: value` lines. */
export function parseHeaders(text: string): HeaderRule[] {
  const rules: { path: string; headers: Map<string, string> }[] = [];
  for (const line of text.split("\n")) {
    assert.ok(line.length <= 2000, "Cloudflare ignores lines over 2,000 characters");
    if (line.startsWith("#") || line.trim() === "") continue;
    if (!/^\s/.test(line)) rules.push({ path: line.trim(), headers: new Map() });
    else {
      const match = /^\s+([A-Za-z-]+):\s*(.+)$/.exec(line);
      assert.ok(match && rules.length, `unexpected line in _headers: ${line}`);
      rules.at(-1)!.headers.set(match![1]!, match![2]!);
    }
  }
  assert.ok(rules.length <= 100, `Cloudflare Pages takes 100 rules, not ${rules.length}`);
  for (const rule of rules) assert.ok(rule.path.split("*").length <= 2, `Cloudflare Pages takes one * a rule: ${rule.path}`);
  return rules;
}

export async function readHeaders(file: string, text: string): Promise<HostRules> {
  const { headers, errors } = await parseAllHeaders({ headersFiles: [file], configHeaders: [], minimal: false });
  assert.equal(errors.map(String), [], "Netlify reads _headers without errors");
  return { rules: parseHeaders(text), netlify: headers as HostRules["netlify"] };
}

/** Cloudflare's rules engine: split at `*`, escape, then `:name` stands for one segment. */
export function cloudflareMatches(pattern: string, url: string): boolean {
  let source = pattern.split("*").map((part) => part.replace(/[-/\\^$*+?.()|[\]{}]/g, "\\$&")).join(".*");
  source = source.replace(/:([A-Za-z]\w*)/g, "[^/]+");
  return new RegExp(`^${source}$`).test(url);
}

/**
 * The Cache-Control `url` is served with on both hosts: a rule's, or `hostDefault` where none
 * gives one. Fails when the hosts disagree or several rules give one (Cloudflare would join them).
 */
export function cacheControlOf(hosts: HostRules, url: string, hostDefault: string): string {
  const cloudflare = hosts.rules.filter((rule) => rule.headers.has("Cache-Control") && cloudflareMatches(rule.path, url));
  assert.ok(cloudflare.length <= 1, `${url}: Cloudflare matches ${cloudflare.map((rule) => rule.path).join(", ")}`);
  const netlify = hosts.netlify.filter((rule) => rule.values["Cache-Control"] !== undefined && rule.forRegExp.test(url));
  assert.ok(netlify.length <= 1, `${url}: Netlify matches ${netlify.map((rule) => String(rule.forRegExp)).join(", ")}`);
  const onCloudflare = cloudflare[0]?.headers.get("Cache-Control") ?? hostDefault;
  assert.is(netlify[0]?.values["Cache-Control"] ?? hostDefault, onCloudflare, `${url}: the hosts disagree`);
  return onCloudflare;
}
