// `npm run new` as an editor runs it: flags in, a valid article in today's edition folder, path and URL out.
import { execFile } from "node:child_process";
import { copyFile, mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { test } from "uvu";
import * as assert from "uvu/assert";
import settings from "../fixtures/sample/site.config.ts";
import { paperToday } from "../../src/time/paper-date.ts";
import { TEMP_REMOVAL } from "../helpers.ts";

const run = promisify(execFile);
const newScript = (args: string[]) => run(process.execPath, ["--import", "tsx", "scripts/new.ts", ...args], { encoding: "utf8" });

test("creates today's article (the paper's date) with valid front-matter, prints path and preview URL", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "new-"));
  try {
    await copyFile("test/fixtures/sample/site.config.ts", path.join(dir, "site.config.ts"));
    const today = paperToday(settings.timeZone);
    // An existing nested edition folder for today is found and used.
    await mkdir(path.join(dir, today.slice(0, 4), today), { recursive: true });
    const { stdout } = await newScript(["--content", dir, "--title", "我区召开安全生产会议", "--section", "综合", "--byline", "本报记者 张三,通讯员 李四", "--slug", "anquan-huiyi"]);
    const file = path.join(dir, today.slice(0, 4), today, "anquan-huiyi.md");
    assert.match(stdout, `Created ${path.relative(process.cwd(), file)}`);
    assert.match(stdout, `Preview: http://localhost:8080/${today}/02/anquan-huiyi/`);
    const text = await readFile(file, "utf8");
    assert.match(text, `---\ntitle: 我区召开安全生产会议\nsection: 综合\ndateline: 本报讯\nbyline: [本报记者 张三, 通讯员 李四]\ndate: ${today}\n---\n`);
  } finally {
    await rm(dir, TEMP_REMOVAL);
  }
});

test("a wrong value is refused with the expected values, and nothing is written", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "new-"));
  try {
    await copyFile("test/fixtures/sample/site.config.ts", path.join(dir, "site.config.ts"));
    await newScript(["--content", dir, "--title", "标题", "--section", "体育", "--byline", "张三"]);
    assert.unreachable("should have failed");
  } catch (error) {
    const failure = error as { code?: number; stderr?: string };
    assert.is(failure.code, 1);
    assert.match(failure.stderr ?? "", "--section: expected one of 要闻, 综合, 经济, 社会, 文体, 副刊");
  } finally {
    await rm(dir, TEMP_REMOVAL);
  }
});

test.run();
