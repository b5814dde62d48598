/**
 * Eleventy renders the model; it reads no content of its own. The templates in layouts/ paginate
 * over data made by src/eleventy/site-data.ts. Everything Eleventy would otherwise do to content
 * by default — run JavaScript front-matter, pass raw HTML through Markdown, run Liquid inside
 * Markdown — is switched off here, in case a content file ever reaches it.
 */
import path from "node:path";
import MarkdownIt from "markdown-it";
import { currentSiteData, providedScope } from "./src/eleventy/site-data.ts";
import { templatesOutsideScope } from "./src/eleventy/template-scope.ts";

const refuse = {
  parse() {
    throw new Error("JavaScript front-matter is not allowed");
  },
};

export default async function (eleventyConfig: any) {
  // Content safety: YAML front-matter only, Markdown without raw HTML, no template language in Markdown.
  eleventyConfig.setFrontMatterParsingOptions({ engines: { javascript: refuse, js: refuse, jsLegacy: refuse, node: refuse } });
  eleventyConfig.setLibrary("md", new MarkdownIt({ html: false }));

  // Templates are TypeScript render functions (loaded through tsx).
  eleventyConfig.addExtension("11ty.ts", { key: "11ty.js" });

  // The model: validated editions → pages → articles.
  eleventyConfig.addGlobalData("broadsheet", currentSiteData);

  // Incremental builds: a run renders either the per-edition or the site-wide templates
  // (classified by the list they paginate over: see src/eleventy/template-scope.ts).
  for (const file of await templatesOutsideScope(path.join(import.meta.dirname, "layouts"), providedScope())) {
    eleventyConfig.ignores.add(path.relative(process.cwd(), file));
  }

  // The live preview (npm start) is src/preview/, not Eleventy's watcher.
  eleventyConfig.setQuietMode(true);

  return {
    // The output folder is chosen by the caller (build writes to a temporary folder first).
    dir: { input: "layouts" },
    templateFormats: ["11ty.ts"],
    markdownTemplateEngine: false,
    htmlTemplateEngine: false,
  };
}
