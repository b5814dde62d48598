/**
 * One Eleventy run over the given data. Eleventy is imported on first use: it takes a second or
 * more to load, and a build with nothing to render never needs it. It loads .eleventy.ts and the
 * templates as TypeScript, so a compiled build registers tsx first.
 */
import path from "node:path";
import { loadTypeScript } from "../project-root.ts";
import { provideSiteData, type SiteData } from "./site-data.ts";

export async function runEleventy(data: SiteData, outputDir: string, projectRoot: string): Promise<void> {
  await loadTypeScript();
  const { default: Eleventy } = await import("@11ty/eleventy");
  provideSiteData(data);
  try {
    const eleventy = new Eleventy(path.join(projectRoot, "layouts"), outputDir, {
      configPath: path.join(projectRoot, ".eleventy.ts"),
      quietMode: true,
    });
    await eleventy.write();
  } finally {
    provideSiteData(undefined);
  }
}
