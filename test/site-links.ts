/** Every internal href/src in a built site, and the ones that point at no file. */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { fileTree } from "./helpers.ts";

export interface BrokenLink {
  readonly page: string;
  readonly link: string;
}

const ATTRIBUTE = /\s(?:href|src)="([^"]*)"/g;

export async function brokenLinks(siteDir: string, basePath = "/"): Promise<{ checked: number; broken: BrokenLink[] }> {
  const broken: BrokenLink[] = [];
  let checked = 0;
  const files = [...(await fileTree(siteDir)).keys()].filter((file) => file.endsWith(".html"));
  for (const file of files) {
    const html = await readFile(path.join(siteDir, file), "utf8");
    const pageUrl = new URL(`http://site${basePath}${file.split(path.sep).join("/")}`);
    for (const match of html.matchAll(ATTRIBUTE)) {
      const link = match[1]!.replace(/&amp;/g, "&");
      if (/^(https?:|mailto:|tel:|data:|#)/.test(link) && !link.startsWith("http://site")) continue;
      const target = new URL(link, pageUrl);
      if (!target.pathname.startsWith(basePath)) {
        broken.push({ page: file, link });
        continue;
      }
      checked++;
      let local = path.join(siteDir, decodeURIComponent(target.pathname.slice(basePath.length)));
      try {
        if ((await stat(local)).isDirectory()) local = path.join(local, "index.html");
        await stat(local);
      } catch {
        broken.push({ page: file, link });
      }
    }
  }
  return { checked, broken };
}
