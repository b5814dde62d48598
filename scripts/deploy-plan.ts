/**
 * `npm run deploy-plan`: what a deploy must upload and delete to bring a host up to the built site
 * (src/publish/deploy-plan.ts), for hosts that are not given the whole folder each time: S3, R2,
 * GCS, or GitHub Pages past its 1 GB limit.
 *   npm run deploy-plan -- --live https://paper.example/             compare _site/ with the live site
 *   npm run deploy-plan -- --live ../last-site --out plan --with-files   compare with a folder; copy the files to upload
 * Writes into --out (default `deploy-plan/`, emptied first):
 *   upload.tsv   new and changed files: path, media type, Cache-Control, size, SHA-256 (tab-separated)
 *   delete.txt   files to delete, after the uploads
 *   manifest.tsv files.json, uploaded last (empty when the host already has these bytes)
 *   purge.txt    URL paths from the site's root that a CDN in front must forget afterwards
 *   plan.json    all of the above with the counts
 *   with --with-files, copies of the files at their site paths:
 *   groups.tsv   the uploads by media type and Cache-Control: group, type, Cache-Control, count
 *   files/N/     group N's files, so that one `aws s3 cp --recursive` uploads each group
 *   last/        files.json, uploaded after everything else
 * Exit code 1 with the reason when a manifest cannot be read.
 */
import { copyFile, mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { runPool } from "../src/images/pool.ts";
import { CHANGES_ONLY_HINT, planDeploy, siteFolder, siteUrl, type DeployUpload } from "../src/publish/deploy-plan.ts";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    output: { type: "string", default: process.env.BROADSHEET_OUTPUT ?? "_site" },
    live: { type: "string" },
    out: { type: "string", default: "deploy-plan" },
    "with-files": { type: "boolean", default: false },
  },
  strict: true,
  allowPositionals: false,
});

const tsv = (files: readonly DeployUpload[]) => files.map((file) => `${file.path}\t${file.type}\t${file.cacheControl}\t${file.size}\t${file.sha256}\n`).join("");
const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

try {
  if (!values.live) throw new Error("deploy plan: expected --live <URL of the live site, or a folder holding the last deployed site>");
  const live = /^https?:\/\//.test(values.live) ? siteUrl(values.live) : siteFolder(path.resolve(values.live));
  const siteDir = path.resolve(values.output);
  const plan = await planDeploy(live, siteFolder(siteDir));
  const out = path.resolve(values.out);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  await writeFile(path.join(out, "upload.tsv"), tsv(plan.upload));
  await writeFile(path.join(out, "delete.txt"), plan.delete.map((sitePath) => `${sitePath}\n`).join(""));
  await writeFile(path.join(out, "manifest.tsv"), tsv(plan.manifest ? [plan.manifest] : []));
  await writeFile(path.join(out, "purge.txt"), plan.purge.map((urlPath) => `${urlPath}\n`).join(""));
  await writeFile(path.join(out, "plan.json"), `${JSON.stringify(plan, null, 1)}\n`);
  if (values["with-files"]) {
    // A storage upload sets one media type and one Cache-Control for a whole recursive copy, and
    // each `aws` process costs most of a second: one copy per group, not one per file.
    const groups = new Map<string, { readonly name: string; readonly type: string; readonly cacheControl: string; count: number }>();
    const placed = plan.upload.map((file) => {
      const key = `${file.type}\t${file.cacheControl}`;
      const group = groups.get(key) ?? { name: String(groups.size + 1), type: file.type, cacheControl: file.cacheControl, count: 0 };
      groups.set(key, group);
      group.count++;
      return { file, folder: path.join(out, "files", group.name) };
    });
    if (plan.manifest) placed.push({ file: plan.manifest, folder: path.join(out, "last") });
    await runPool(placed, 16, async ({ file, folder }) => {
      const target = path.join(folder, ...file.path.split("/"));
      await mkdir(path.dirname(target), { recursive: true });
      await copyFile(path.join(siteDir, ...file.path.split("/")), target).catch((error: NodeJS.ErrnoException) => {
        throw error.code === "ENOENT" ? new Error(`deploy plan: ${file.path} is listed in ${values.output}/files.json but missing from it; ${CHANGES_ONLY_HINT}`) : error;
      });
    });
    await writeFile(path.join(out, "groups.tsv"), [...groups.values()].map((group) => `${group.name}\t${group.type}\t${group.cacheControl}\t${group.count}\n`).join(""));
  }
  for (const note of plan.notes) console.warn(`note: ${note}`);
  const bytes = plan.upload.reduce((sum, file) => sum + file.size, 0) + (plan.manifest?.size ?? 0);
  console.log(
    plan.upload.length + plan.delete.length === 0 && !plan.manifest
      ? `Deploy plan: nothing to deploy (${plan.unchanged} file(s) unchanged) in ${path.relative(process.cwd(), out) || "."}/`
      : `Deploy plan: upload ${plan.upload.length + (plan.manifest ? 1 : 0)} file(s) (${megabytes(bytes)}), delete ${plan.delete.length}, ${plan.unchanged} unchanged; read ${plan.partsRead} of ${plan.parts} part(s) of the manifest. Written to ${path.relative(process.cwd(), out) || "."}/`,
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
}
