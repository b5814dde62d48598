/** Loads the paper's settings (`<contentRoot>/site.config.ts`); a light module, imported by every build. */
import { access } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { SiteSettings } from "./settings.ts";

export const SETTINGS_FILE = "site.config.ts";

/** Loads `<contentRoot>/site.config.ts`. */
export async function loadSettings(contentRoot: string): Promise<SiteSettings> {
  const file = path.resolve(contentRoot, SETTINGS_FILE);
  try {
    await access(file);
  } catch {
    throw new Error(`${path.relative(process.cwd(), file)}: expected the paper's settings file, found none`);
  }
  const module = (await import(pathToFileURL(file).href)) as { default?: SiteSettings };
  if (!module.default) throw new Error(`${SETTINGS_FILE}: expected \`export default { … } satisfies SiteSettings\``);
  return module.default;
}
