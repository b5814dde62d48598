/**
 * Links between pages are relative, so the same files work at the root of a domain, under any
 * sub-path and from disk. Site paths are written without a leading slash ("2020-06-05/01/").
 */
import path from "node:path/posix";

/** The relative URL from the page at `fromPath` (a folder path, "" for the root) to `toPath`. */
export function relativeUrl(fromPath: string, toPath: string): string {
  const fromDir = `/${fromPath}`;
  const target = `/${toPath}`;
  let relative = path.relative(fromDir, target);
  if (relative === "") relative = ".";
  // Keep the trailing slash of folder URLs: "../01/" not "../01".
  if (toPath.endsWith("/") || toPath === "") relative += "/";
  return relative.replace(/\/\/$/, "/");
}
