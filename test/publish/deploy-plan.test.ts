/**
 * The deploy plan: applied to a copy of the last deployed site, it must give exactly the new build,
 * file for file, after a day is added and after an edition is withdrawn, whether the host is read
 * from a folder or over HTTP; and it reads only the parts of the manifest that changed.
 */
import { execFile } from "node:child_process";
import { cp, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { planDeploy, siteFolder, siteUrl, type DeployPlan } from "../../src/publish/deploy-plan.ts";
import { publishSite } from "../../src/publish/incremental-build.ts";
import type { OutputFile, OutputManifest } from "../../src/publish/output-manifest.ts";
import { CACHE_RULES, IMMUTABLE, STORAGE_SHORT_LIVED } from "../../src/publish/site-files.ts";
import { addEdition, changedPaths, PROJECT_ROOT, removeTempDirs, smallArchive, snapshot, tempDir } from "./helpers.ts";
import { TEMP_REMOVAL } from "../helpers.ts";

const run = promisify(execFile);
const build = (content: string, output: string) => publishSite({ contentRoot: content, outputDir: output, projectRoot: PROJECT_ROOT, workers: 1 });

/** Does what a deploy does with the plan, on a folder standing for the host. */
async function apply(plan: DeployPlan, siteDir: string, hostDir: string): Promise<void> {
  for (const file of plan.upload) {
    await mkdir(path.dirname(path.join(hostDir, file.path)), { recursive: true });
    await cp(path.join(siteDir, file.path), path.join(hostDir, file.path));
  }
  for (const sitePath of plan.delete) await rm(path.join(hostDir, sitePath));
  if (plan.manifest) await cp(path.join(siteDir, plan.manifest.path), path.join(hostDir, plan.manifest.path));
}

const uploaded = (plan: DeployPlan) => [...plan.upload.map((file) => file.path), ...(plan.manifest ? [plan.manifest.path] : [])].sort();

/** A small archive built and deployed to a folder standing for the host; the content is then changed by the caller. */
async function deployed(name: string, editions: number) {
  const content = await smallArchive(name, editions);
  const root = await tempDir(`${name}-out`);
  const site = path.join(root, "site");
  const host = path.join(root, "host");
  await build(content, site);
  await cp(site, host, { recursive: true });
  return { content, root, site, host };
}

test("a first deploy uploads every file of the site, files.json last, with the caching _headers gives", async () => {
  const content = await smallArchive("deploy-first", 4);
  const root = await tempDir("deploy-first-out");
  const site = path.join(root, "site");
  await build(content, site);
  const host = path.join(root, "host");
  await mkdir(host);
  const plan = await planDeploy(siteFolder(host), siteFolder(site));
  const files = await snapshot(site);
  assert.equal(uploaded(plan), [...files.keys()].sort());
  assert.equal(plan.delete, []);
  assert.is(plan.manifest?.path, "files.json");
  assert.ok(!plan.upload.some((file) => file.path === "files.json"));
  assert.match(plan.notes.join("\n"), /no files\.json/);
  const asset = plan.upload.find((file) => file.path.startsWith("assets/") && file.path.endsWith(".css"));
  assert.is(asset?.cacheControl, IMMUTABLE);
  assert.is(plan.upload.find((file) => file.path === "index.html")?.cacheControl, STORAGE_SHORT_LIVED);
  await apply(plan, site, host);
  assert.equal(changedPaths(files, await snapshot(host)), []);

  // The host's manifest comes from outside: a path that leaves the site stops the plan.
  await writeFile(path.join(host, "files.json"), JSON.stringify({ files: [{ path: "../../etc/passwd", sha256: "0", size: 1, type: "text/plain" }] }));
  const failure = await planDeploy(siteFolder(host), siteFolder(site)).then(() => undefined, (error: Error) => error);
  assert.match(failure?.message ?? "no error", /the host's files\.json is not a Broadsheet manifest \("\.\.\/\.\.\/etc\/passwd" is not a path inside the site\)/);
});

test("after a new day and a withdrawn edition, the plan turns the host into the new build and reads only the parts that changed", async () => {
  const { content, root, site, host } = await deployed("deploy-days", 8);

  // A new day: the plan uploads exactly the files whose bytes changed or are new, and reads few parts.
  const before = await snapshot(site);
  await addEdition(content, "2021-03-10", "2021-03-11");
  await build(content, site);
  const after = await snapshot(site);
  const day = await planDeploy(siteFolder(host), siteFolder(site));
  const expected = changedPaths(before, after);
  assert.equal(uploaded(day), expected.filter((sitePath) => after.has(sitePath)));
  assert.equal(day.delete, expected.filter((sitePath) => !after.has(sitePath)));
  assert.ok(day.upload.some((file) => file.path.startsWith("2021-03-11/")), "the new edition is uploaded");
  assert.ok(day.partsRead > 0 && day.partsRead <= 4, `expected the new edition's, its neighbour's and the search week's parts to be read, read ${day.partsRead} of ${day.parts}`);
  // A CDN in front forgets the pages that changed (by file and by folder URL) and files.json, and
  // is not asked about the day's new content-hashed pictures, which it cannot hold yet.
  for (const url of ["/", "/index.html", "/files.json", "/2021-03-11/", "/2021-03-11/index.html", "/2021-03-10/"]) assert.ok(day.purge.includes(url), `${url} in ${day.purge.join(" ")}`);
  assert.ok(day.upload.some((file) => file.path.startsWith("2021-03-11/cards/")) && !day.purge.some((url) => url.includes("/cards/")), "new cards are not purged");
  assert.equal(day.purge, [...new Set(day.purge)].sort());
  await apply(day, site, host);
  assert.equal(changedPaths(after, await snapshot(host)), []);

  // Nothing changed since: nothing to deploy.
  const none = await planDeploy(siteFolder(host), siteFolder(site));
  assert.equal([none.upload.length, none.delete.length, none.manifest, none.partsRead], [0, 0, undefined, 0]);

  // An edition withdrawn: its folder goes from the host.
  await rm(path.join(content, "2021", "2021-03-05"), { recursive: true });
  await build(content, site);
  const withdrawn = await planDeploy(siteFolder(host), siteFolder(site));
  assert.ok(withdrawn.delete.includes("2021-03-05/index.html"), withdrawn.delete.join(" "));
  assert.ok(withdrawn.delete.includes("2021-03-05/files.json"));
  assert.ok(!uploaded(withdrawn).some((sitePath) => sitePath.startsWith("2021-03-05/")));
  // Everything it had is forgotten by a CDN too: its pictures, which an edge would keep a year, included.
  const card = withdrawn.delete.find((sitePath) => sitePath.startsWith("2021-03-05/cards/"));
  assert.ok(card && withdrawn.purge.includes(`/${card}`), "the withdrawn edition's share cards are purged");
  for (const url of ["/2021-03-05/", "/2021-03-05/index.html", "/2021-03-05/01/"]) assert.ok(withdrawn.purge.includes(url), url);
  await apply(withdrawn, site, host);
  assert.equal(changedPaths(await snapshot(site), await snapshot(host)), []);
});

test("the host read over HTTP gives the same plan as its folder; a host part that does not match its hash has its unit uploaded whole", async () => {
  const { content, root, site, host } = await deployed("deploy-http", 5);
  await addEdition(content, "2021-03-05", "2021-03-08");
  await build(content, site);
  // The host's copy of an unchanged edition's part is damaged (a stale CDN copy, say).
  const damaged = path.join(host, "2021-03-02", "files.json");
  await writeFile(damaged, (await readFile(damaged, "utf8")).replace("index.html", "index.htm"));

  const requests: string[] = [];
  const server = createServer(async (request, response) => {
    requests.push(request.url ?? "");
    try {
      const bytes = await readFile(path.join(host, decodeURIComponent(new URL(request.url ?? "/", "http://host").pathname.replace(/^\/paper\//, ""))));
      response.end(bytes);
    } catch {
      response.statusCode = 404;
      response.end("not found");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/paper/`;
    const overHttp = await planDeploy(siteUrl(base), siteFolder(site));
    const fromFolder = await planDeploy(siteFolder(host), siteFolder(site));
    assert.equal(overHttp, fromFolder);
    // Only the top level and the parts that changed were fetched, not every edition's.
    assert.ok(requests.length <= 1 + overHttp.partsRead, `fetched ${requests.length}: ${requests.join(" ")}`);
    assert.ok(requests.every((url) => url.startsWith("/paper/") && url.endsWith("files.json")));
    // The damaged part's edition is unchanged in the build, so its part is not even read.
    assert.not.ok(overHttp.notes.some((note) => note.includes("2021-03-02")));

    // A server error stops the plan rather than guess.
    const busy = siteUrl(base, async () => new Response("busy", { status: 503, statusText: "Service Unavailable" }));
    const failure = await planDeploy(busy, siteFolder(site)).then(() => undefined, (error: Error) => error);
    assert.match(failure?.message ?? "no error", /files\.json answered 503 Service Unavailable/);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }

  // A damaged part of a unit that did change: the unit is uploaded whole, and applying still gives the build.
  const changedPart = path.join(host, "2021-03-05", "files.json");
  await writeFile(changedPart, "{}");
  const plan = await planDeploy(siteFolder(host), siteFolder(site));
  assert.match(plan.notes.join("\n"), /2021-03-05\/files\.json is missing or does not match/);
  const edition = (await snapshot(path.join(site, "2021-03-05"))).size;
  assert.is(plan.upload.filter((file) => file.path.startsWith("2021-03-05/")).length, edition);
  await apply(plan, site, host);
  await cp(path.join(site, "2021-03-02", "files.json"), damaged); // the unchanged unit's stale copy is the host's own business
  assert.equal(changedPaths(await snapshot(site), await snapshot(host)), []);
});

test("a file whose media type changed is uploaded again; after a change of Cache-Control rules every file is, and a CDN forgets them all", async () => {
  const { site, host } = await deployed("deploy-headers", 3);
  const top = JSON.parse(await readFile(path.join(site, "files.json"), "utf8")) as OutputManifest;
  assert.is(top.cacheRules, CACHE_RULES, "the build names the rules its files are deployed with");
  const hostManifest = path.join(host, "files.json");
  const published = await readFile(hostManifest, "utf8");
  const unchanged = await planDeploy(siteFolder(host), siteFolder(site));
  assert.equal([unchanged.upload.length, unchanged.delete.length, unchanged.manifest], [0, 0, undefined]);

  // The host's robots.txt was uploaded with another type (an older version's table): the same bytes go again.
  const robots = '"path":"robots.txt"';
  assert.ok(published.includes(`${robots},`), "robots.txt is listed at the top level");
  await writeFile(hostManifest, published.replace(/("path":"robots\.txt".*?"type":)"[^"]*"/, '$1"text/html"'));
  const retyped = await planDeploy(siteFolder(host), siteFolder(site));
  assert.equal(uploaded(retyped), ["files.json", "robots.txt"]);
  assert.equal(retyped.delete, []);

  // Uploaded under other Cache-Control rules (or by a version that did not name them): every file
  // goes again, the deletions are still exact, and the CDN is told to forget even the hashed files.
  const files = await snapshot(site);
  for (const hostRules of ["0123456789abcdef", undefined]) {
    const stale = JSON.parse(published) as Record<string, unknown>;
    if (hostRules === undefined) delete stale.cacheRules;
    else stale.cacheRules = hostRules;
    stale.files = [...(stale.files as OutputFile[]), { path: "gone.html", sha256: "0".repeat(64), size: 1, type: "text/html; charset=utf-8" }];
    await writeFile(hostManifest, JSON.stringify(stale));
    await writeFile(path.join(host, "gone.html"), "x");
    const plan = await planDeploy(siteFolder(host), siteFolder(site));
    assert.equal(uploaded(plan), [...files.keys()].sort(), `host rules ${hostRules}`);
    assert.equal(plan.delete, ["gone.html"]);
    assert.is(plan.partsRead, plan.parts);
    assert.match(plan.notes.join("\n"), hostRules === undefined ? /does not say which Cache-Control rules/ : new RegExp(`Cache-Control rules changed since the host's files were uploaded \\(${hostRules} → ${CACHE_RULES}\\)`));
    const hashed = plan.upload.find((file) => file.cacheControl === IMMUTABLE);
    assert.ok(hashed && plan.purge.includes(`/${hashed.path}`), "an immutable file is purged too");
    await apply(plan, site, host);
    assert.equal(changedPaths(files, await snapshot(host)), []);
  }
});

test("a build that writes only its changes (--changes-only), planned against the host, turns it into the whole site; a host that missed a deploy stops the plan", async () => {
  const { content, root, site, host } = await deployed("deploy-changes", 6);
  // The same content built as a whole site, beside it (its own build cache).
  const whole = path.join(root, "whole");
  await build(content, whole);
  const changesOnly = (edition?: string) => publishSite({ contentRoot: content, outputDir: site, projectRoot: PROJECT_ROOT, workers: 1, changesOnly: true, edition });
  /** As in CI with a storage host: the output is not kept between runs, only the build cache. */
  const publishChanges = async (edition?: string) => {
    await rm(site, TEMP_REMOVAL);
    await changesOnly(edition);
    await build(content, whole);
    const plan = await planDeploy(siteFolder(host), siteFolder(site));
    await apply(plan, site, host);
    assert.equal(changedPaths(await snapshot(whole), await snapshot(host)), [], "the host is the whole site");
    return plan;
  };

  // A new day: the output holds the day, its neighbour and the site-wide files, not the archive.
  await addEdition(content, "2021-03-08", "2021-03-09");
  const day = await publishChanges("2021-03-09");
  const written = await snapshot(site);
  assert.ok(written.has("2021-03-09/index.html") && written.has("2021-03-08/index.html") && written.has("files.json"));
  assert.not.ok([...written.keys()].some((sitePath) => sitePath.startsWith("2021-03-02/")), "an unchanged edition is not written");
  assert.ok(written.size < (await snapshot(whole)).size / 2, `${written.size} files written of ${(await snapshot(whole)).size}`);
  assert.ok(day.partsRead <= 4, `read ${day.partsRead} parts`);

  // An edition withdrawn, then a build with nothing changed (the output still gets files.json's top).
  await rm(path.join(content, "2021", "2021-03-03"), { recursive: true });
  const withdrawn = await publishChanges();
  assert.ok(withdrawn.delete.includes("2021-03-03/index.html"), withdrawn.delete.join(" "));
  // A plain build looks at every edition, and still writes only those that changed (the neighbours).
  const rewritten = [...new Set([...(await snapshot(site)).keys()].filter((sitePath) => /^\d{4}-\d\d-\d\d\//.test(sitePath)).map((sitePath) => sitePath.slice(0, 10)))].sort();
  assert.equal(rewritten, ["2021-03-02", "2021-03-04"]);
  const none = await publishChanges();
  assert.equal([none.upload.length, none.delete.length, none.manifest], [0, 0, undefined]);

  // The host misses a deploy: the next plan finds what that build changed and this one did not
  // (the missed day's neighbour, given its 下一期 link) in neither, and says why.
  await addEdition(content, "2021-03-09", "2021-03-10");
  await rm(site, TEMP_REMOVAL);
  await changesOnly("2021-03-10");
  await addEdition(content, "2021-03-10", "2021-03-11");
  await rm(site, TEMP_REMOVAL);
  await changesOnly("2021-03-11");
  const missed = await planDeploy(siteFolder(host), siteFolder(site)).then(() => undefined, (error: Error) => error);
  assert.match(missed?.message ?? "no error", /the new build's 2021-03-09\/files\.json is missing or does not match the hash in files\.json; .*build once without --changes-only and deploy that/);

  // After builds of changes only, --edition alone has no whole site to add to; a plain build renders everything.
  const refused = await publishSite({ contentRoot: content, outputDir: site, projectRoot: PROJECT_ROOT, workers: 1, edition: "2021-03-11" }).then(() => undefined, (error: Error) => error);
  assert.match(refused?.message ?? "no error", /wrote only its changes \(--changes-only\), so there is no whole site to add the edition to/);
  const report = await build(content, site);
  assert.is(report.rendered.length, report.editions);
  await build(content, whole);
  assert.equal(changedPaths(await snapshot(whole), await snapshot(site)), []);
});

test("npm run deploy-plan writes the lists and the files to upload, and stops with a reason when there is no build", async () => {
  const { content, root, site, host } = await deployed("deploy-cli", 3);
  await addEdition(content, "2021-03-03", "2021-03-04");
  await build(content, site);
  const out = path.join(root, "plan");
  const script = path.join(PROJECT_ROOT, "scripts", "deploy-plan.ts");
  const { stdout } = await run(process.execPath, ["--import", "tsx", script, "--output", site, "--live", host, "--out", out, "--with-files"], { cwd: PROJECT_ROOT });
  assert.match(stdout, /^Deploy plan: upload \d+ file\(s\) \([\d.]+ MB\), delete \d+, \d+ unchanged; read \d+ of \d+ part\(s\)/);
  const lines = (await readFile(path.join(out, "upload.tsv"), "utf8")).trim().split("\n");
  const plan = JSON.parse(await readFile(path.join(out, "plan.json"), "utf8")) as DeployPlan;
  assert.is(lines.length, plan.upload.length);
  const [first] = lines[0]!.split("\t");
  assert.equal(lines[0]!.split("\t").slice(1, 3), [plan.upload[0]!.type, plan.upload[0]!.cacheControl]);
  // The files, by media type and Cache-Control: each group is one recursive upload.
  const groups = (await readFile(path.join(out, "groups.tsv"), "utf8")).trim().split("\n").map((line) => line.split("\t"));
  assert.ok(groups.length >= 3, "pages, JSON and hashed pictures at least");
  assert.is(new Set(groups.map(([, type, cache]) => `${type} ${cache}`)).size, groups.length);
  for (const file of plan.upload) {
    const [group] = groups.find(([, type, cache]) => type === file.type && cache === file.cacheControl)!;
    assert.equal(await readFile(path.join(out, "files", group!, file.path)), await readFile(path.join(site, file.path)), file.path);
  }
  assert.is(groups.reduce((sum, [, , , count]) => sum + Number(count), 0), plan.upload.length);
  assert.ok(lines.some((line) => line.startsWith(first!)));
  assert.equal(await readFile(path.join(out, "last", "files.json")), await readFile(path.join(site, "files.json")));
  assert.match(await readFile(path.join(out, "manifest.tsv"), "utf8"), /^files\.json\tapplication\/json\t/);

  // scripts/deploy-storage.sh, the workflow's storage deploy, with an `aws` that records its calls.
  const bin = path.join(root, "bin");
  await mkdir(bin);
  // A delete-objects request's keys (its file:// argument) are logged with it.
  const awsLog = path.join(root, "aws.log");
  await writeFile(path.join(bin, "aws"), `#!/bin/sh\nprintf '%s|' "$@" >> "${awsLog}"\nfor arg; do case "$arg" in file://*) cat "\${arg#file://}" >> "${awsLog}";; esac; done\necho >> "${awsLog}"\n`, { mode: 0o755 });
  await run("bash", [path.join(PROJECT_ROOT, "scripts", "deploy-storage.sh"), out, "s3://paper-bucket/paper/"], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
  const calls = (await readFile(awsLog, "utf8")).split("\n").filter(Boolean);
  assert.equal(calls, [
    ...groups.map(([group, type, cache]) => `s3|cp|--recursive|--only-show-errors|${path.join(out, "files", group!)}|s3://paper-bucket/paper/|--content-type|${type}|--cache-control|${cache}|`),
    `s3api|delete-objects|--bucket|paper-bucket|--delete|file://${calls[groups.length]!.split("file://")[1]!.split("|")[0]}|--output|json|${JSON.stringify({ Objects: plan.delete.map((sitePath) => ({ Key: `paper/${sitePath}` })), Quiet: true })}`,
    `s3|cp|--only-show-errors|${path.join(out, "last", "files.json")}|s3://paper-bucket/paper/files.json|--content-type|${plan.manifest!.type}|--cache-control|${plan.manifest!.cacheControl}|`,
  ]);
  assert.ok(plan.delete.length > 0, "the search week's old files are deleted");
  // S3 answers a key it could not delete in the body, not the exit code: the deploy stops.
  await writeFile(path.join(bin, "aws"), `#!/bin/sh\ncase "$2" in delete-objects) echo '{"Errors":[{"Key":"paper/x","Code":"AccessDenied"}]}';; esac\n`, { mode: 0o755 });
  const denied = await run("bash", [path.join(PROJECT_ROOT, "scripts", "deploy-storage.sh"), out, "s3://paper-bucket/paper"], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } }).then(() => undefined, (error: { code: number; stderr: string }) => error);
  assert.is(denied?.code, 1);
  assert.match(denied?.stderr ?? "", /S3 did not delete every file: .*AccessDenied/);
  await writeFile(path.join(bin, "aws"), "#!/bin/sh\n", { mode: 0o755 });
  // A plan made without the files cannot be deployed, and says so.
  const withoutFiles = path.join(root, "plan-lists");
  await run(process.execPath, ["--import", "tsx", script, "--output", site, "--live", host, "--out", withoutFiles], { cwd: PROJECT_ROOT });
  const noFiles = await run("bash", [path.join(PROJECT_ROOT, "scripts", "deploy-storage.sh"), withoutFiles, "s3://paper-bucket"], { env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } }).then(() => undefined, (error: { code: number; stderr: string }) => error);
  assert.is(noFiles?.code, 1);
  assert.match(noFiles?.stderr ?? "", /groups\.tsv is missing: make the plan with the files \(npm run deploy-plan -- --with-files\)/);

  // Then Cloudflare in front is asked to forget purge.txt's URLs, 100 a request (a `curl` that records them).
  const purgeList = (await readFile(path.join(out, "purge.txt"), "utf8")).trim().split("\n");
  assert.equal(purgeList, plan.purge);
  assert.ok(purgeList.includes("/feeds/sections/%E8%A6%81%E9%97%BB.xml"), "a section feed's name, percent-encoded");
  await writeFile(path.join(bin, "curl"), `#!/bin/sh\nprintf '%s\\n' "$*" >> "${path.join(root, "curl.log")}"\n`, { mode: 0o755 });
  const cloudflare = { ...process.env, PATH: `${bin}:${process.env.PATH}`, CLOUDFLARE_ZONE_ID: "zone1", CLOUDFLARE_API_TOKEN: "token1", SITE_URL: "https://paper.example/news/" };
  const purged = await run("bash", [path.join(PROJECT_ROOT, "scripts", "deploy-storage.sh"), out, "s3://paper-bucket"], { env: cloudflare });
  const requests = (await readFile(path.join(root, "curl.log"), "utf8")).trim().split("\n");
  assert.is(requests.length, Math.ceil(purgeList.length / 100));
  assert.ok(requests.every((line) => line.includes("https://api.cloudflare.com/client/v4/zones/zone1/purge_cache") && line.includes("Authorization: Bearer token1")));
  const urls = requests.flatMap((line) => (JSON.parse(line.slice(line.indexOf("--data ") + 7, line.lastIndexOf("}") + 1)) as { files: string[] }).files);
  assert.equal(urls, purgeList.map((urlPath) => `https://paper.example/news${urlPath}`));
  assert.match(purged.stdout, new RegExp(`Asked Cloudflare to forget ${purgeList.length} URL\\(s\\) under https://paper\\.example/news\\.`));
  // A new design changes every page: one request for the whole site, by its prefix.
  await writeFile(path.join(out, "purge.txt"), Array.from({ length: 1001 }, (_, at) => `/page-${at}/\n`).join(""));
  await rm(path.join(root, "curl.log"));
  await run("bash", [path.join(PROJECT_ROOT, "scripts", "deploy-storage.sh"), out, "s3://paper-bucket"], { env: cloudflare });
  const [whole, ...more] = (await readFile(path.join(root, "curl.log"), "utf8")).trim().split("\n");
  assert.equal(more, []);
  assert.match(whole!, /--data \{"prefixes":\["paper\.example\/news"\]\}/);
  // Cloudflare refusing the purge fails the deploy, and says what is left to do.
  await writeFile(path.join(bin, "curl"), `#!/bin/sh\necho '{"success":false}'\nexit 22\n`, { mode: 0o755 });
  const refused = await run("bash", [path.join(PROJECT_ROOT, "scripts", "deploy-storage.sh"), out, "s3://paper-bucket"], { env: cloudflare }).then(() => undefined, (error: { code: number; stderr: string }) => error);
  assert.is(refused?.code, 1);
  assert.match(refused?.stderr ?? "", /Cloudflare did not take the purge \(above\)\. The site is deployed, but the CDN may serve what it had: purge the URLs of .*purge\.txt/);
  // A zone without its token stops the deploy with the reason, after the upload.
  const noToken = await run("bash", [path.join(PROJECT_ROOT, "scripts", "deploy-storage.sh"), out, "s3://paper-bucket"], { env: { ...cloudflare, CLOUDFLARE_API_TOKEN: "" } }).then(() => undefined, (error: { code: number; stderr: string }) => error);
  assert.is(noToken?.code, 1);
  assert.match(noToken?.stderr ?? "", /CLOUDFLARE_ZONE_ID is set: expected CLOUDFLARE_API_TOKEN too/);

  const failed = await run(process.execPath, ["--import", "tsx", script, "--output", path.join(root, "missing"), "--live", host, "--out", out], { cwd: PROJECT_ROOT }).then(
    () => undefined,
    (error: { code: number; stderr: string }) => error,
  );
  assert.is(failed?.code, 1);
  assert.match(failed?.stderr ?? "", /the new build has no files\.json; build the site first/);
});

test.after(() => removeTempDirs("deploy-first", "deploy-first-out", "deploy-days", "deploy-days-out", "deploy-http", "deploy-http-out", "deploy-headers", "deploy-headers-out", "deploy-cli", "deploy-cli-out", "deploy-changes", "deploy-changes-out"));

test.run();
