/**
 * SYNTHETIC archive generator, for benchmarks and tests only: writes a content folder of made-up
 * editions (deterministic from a seed) with every story type and realistic Chinese text lengths.
 * Every generated edition says in edition.yaml that it is synthetic.
 *
 *   npm run generate -- --out /tmp/archive --editions 300 --pages 4 --articles 5 --seed 1
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { DateTime } from "luxon";

export interface GenerateOptions {
  readonly out: string;
  readonly editions: number;
  /** Pages per edition. */
  readonly pages: number;
  /** Articles per page (a page with a lead also gets its comment box on top of this). */
  readonly articles: number;
  readonly seed: number;
  /** First edition date; editions follow on publishing days (Monday to Friday). */
  readonly start: string;
  /** Site settings overrides written into the generated site.config.ts. */
  readonly columns?: number;
  readonly format?: "broadsheet" | "tabloid";
}

export const DEFAULTS: GenerateOptions = { out: "synthetic-content", editions: 20, pages: 4, articles: 5, seed: 1, start: "2020-01-06" };

const SECTIONS = ["要闻", "综合", "经济", "社会", "文体", "副刊", "专题", "农村", "法治", "健康", "教育", "旅游"];
const SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦傅方邹熊";
const GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国文辉力雪晓红玲志宏斌波鹏宇浩凯婷琳欣怡佳鑫晨阳峰";
const PLACES = ["金城镇", "尧塘街道", "儒林镇", "直溪镇", "朱林镇", "薛埠镇", "指前镇", "东城街道", "西城街道", "开发区", "华罗庚科技园", "茅山旅游度假区"];
const SUBJECTS = ["全区上下", "区委区政府", "各板块和部门", "区发改委", "区住建局", "区农业农村局", "区卫健委", "区教育局", "区文体广电和旅游局", "区市场监管局", "社区工作者", "志愿者", "企业负责人", "广大群众"];
const VERBS = ["聚焦", "推进", "落实", "深化", "加快", "统筹", "提升", "完善", "强化", "打造", "探索", "保障"];
const OBJECTS = ["项目建设", "招商引资", "乡村振兴", "文明城市创建", "垃圾分类", "营商环境", "民生实事", "生态环境保护", "安全生产", "基层治理", "科技创新", "产业转型升级", "文化惠民", "疫情防控", "交通基础设施", "人才引进"];
const TAILS = ["取得明显成效", "形成了良好氛围", "跑出了加速度", "迈出坚实步伐", "得到群众一致好评", "为高质量发展注入新动能", "确保各项任务按时完成", "持续释放发展活力"];
const NUMBERS = ["1—4月", "今年以来", "截至目前", "上半年", "去年同期", "近年来"];

/** mulberry32: a small, fast, seedable PRNG, so the same seed gives the same archive. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Writer {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  chance(probability: number): boolean {
    return this.next() < probability;
  }
  name(): string {
    return this.pick([...SURNAMES]) + this.pick([...GIVEN]) + (this.chance(0.6) ? this.pick([...GIVEN]) : "");
  }
  sentence(): string {
    const shapes = [
      () => `${this.pick(NUMBERS)}，${this.pick(SUBJECTS)}${this.pick(VERBS)}${this.pick(OBJECTS)}，${this.pick(TAILS)}。`,
      () => `${this.pick(PLACES)}${this.pick(VERBS)}${this.pick(OBJECTS)}，完成投资${this.int(2, 98)}.${this.int(1, 9)}亿元，同比增长${this.int(3, 45)}%。`,
      () => `“${this.pick(VERBS)}${this.pick(OBJECTS)}，关键在于${this.pick(VERBS)}${this.pick(OBJECTS)}。”${this.pick(SUBJECTS)}表示。`,
      () => `${this.pick(SUBJECTS)}要坚持${this.pick(OBJECTS)}与${this.pick(OBJECTS)}并重，${this.pick(VERBS)}责任落实，${this.pick(TAILS)}。`,
      () => `据统计，全区共有${this.int(12, 380)}个${this.pick(OBJECTS)}项目纳入计划，涉及${this.pick(PLACES)}、${this.pick(PLACES)}等${this.int(3, 12)}个板块。`,
    ];
    return this.pick(shapes)();
  }
  /** Paragraphs totalling about `length` characters. */
  body(length: number): string {
    const paragraphs: string[] = [];
    let total = 0;
    while (total < length) {
      let paragraph = "";
      const target = this.int(80, 220);
      while (paragraph.length < target) paragraph += this.sentence();
      paragraphs.push(paragraph);
      total += paragraph.length;
    }
    return paragraphs.join("\n\n");
  }
  headline(): string {
    return `${this.pick(PLACES)}${this.pick(VERBS)}${this.pick(OBJECTS)}`;
  }
}

function yamlString(text: string): string {
  return JSON.stringify(text);
}

interface Story {
  readonly slug: string;
  readonly front: Record<string, unknown>;
  readonly body: string;
}

function frontMatter(fields: Record<string, unknown>): string {
  const lines = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) =>
      Array.isArray(value)
        ? `${key}: [${value.map((item) => yamlString(String(item))).join(", ")}]`
        : `${key}: ${typeof value === "string" ? yamlString(value) : String(value)}`,
    );
  return `---\n${lines.join("\n")}\n---\n`;
}

function pageStories(writer: Writer, date: string, page: number, section: string, count: number): Story[] {
  const stories: Story[] = [];
  const byline = () => (writer.chance(0.3) ? [`本报记者 ${writer.name()}`, `通讯员 ${writer.name()}`] : writer.chance(0.5) ? [writer.name(), writer.name()] : writer.name());
  const hasLead = page === 1 || writer.chance(0.7);
  for (let index = 0; index < count; index++) {
    const slug = `p${page}-s${index + 1}`;
    const isLead = hasLead && index === 0;
    const roll = writer.next();
    const type = isLead ? "lead" : roll < 0.15 ? "brief" : roll < 0.3 ? "photo" : roll < 0.35 ? "notice" : "news";
    const length = type === "lead" ? writer.int(1200, 2200) : type === "news" ? writer.int(350, 1100) : type === "brief" ? writer.int(80, 220) : type === "photo" ? writer.int(80, 200) : writer.int(150, 400);
    stories.push({
      slug,
      front: {
        title: writer.headline(),
        kicker: type === "lead" && writer.chance(0.6) ? `${writer.pick(VERBS)}${writer.pick(OBJECTS)}` : undefined,
        subtitle: (type === "lead" || type === "news") && writer.chance(0.3) ? `${writer.pick(PLACES)}${writer.pick(TAILS)}` : undefined,
        section,
        type,
        dateline: type === "news" || type === "brief" ? (writer.chance(0.85) ? "本报讯" : `新华社北京${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日电`) : undefined,
        byline: type === "notice" ? false : type === "photo" ? `${writer.name()} ${writer.chance(0.5) ? "摄" : "文/摄"}` : byline(),
        date,
        order: index + 1,
      },
      body: writer.body(length),
    });
    if (isLead) {
      stories.push({
        slug: `p${page}-comment`,
        front: { title: writer.pick(["专家点评", "短评", "编者按"]), section, type: "comment", attachedTo: slug, byline: false, date, order: index + 1 },
        body: `**${writer.pick(SUBJECTS)}${writer.name()}：**\n\n${writer.body(writer.int(180, 380))}`,
      });
    }
  }
  return stories;
}

function siteConfig(options: GenerateOptions, projectRoot: string): string {
  const sections = SECTIONS.map((name, index) => `    { name: ${yamlString(name)}, page: ${index + 1} },`).join("\n");
  return `// SYNTHETIC: settings for a generated test archive.
import type { SiteSettings } from ${yamlString(path.join(projectRoot, "src/site/settings.ts"))};

export default {
  name: "合成日报",
  registration: "CN 00-0000",
  publisher: { sponsor: "合成数据（测试用）", supervisor: "合成数据", editor: "合成数据编辑部" },
  channels: [{ label: "测试频道", url: "https://synthetic.example/" }],
  locale: "zh-CN",
  timeZone: "Asia/Shanghai",
  format: { kind: ${yamlString(options.format ?? "broadsheet")}, columns: ${options.columns ?? 8} },
  sections: [
${sections}
  ],
  issueNumbering: { kind: "counted", baseDate: ${yamlString(options.start)}, baseNumber: 1, publishingWeekdays: [1, 2, 3, 4, 5] },
  siteUrl: process.env.BROADSHEET_SITE_URL ?? "https://synthetic.example/",
} satisfies SiteSettings;
`;
}

/** Publishing days (Monday–Friday) from `start`. */
export function editionDates(start: string, count: number): string[] {
  const dates: string[] = [];
  for (let day = DateTime.fromISO(start, { zone: "Asia/Shanghai" }); dates.length < count; day = day.plus({ days: 1 })) {
    if (day.weekday <= 5) dates.push(day.toISODate()!);
  }
  return dates;
}

export async function generateArchive(options: GenerateOptions): Promise<{ editions: number; articles: number }> {
  const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  if (options.pages > SECTIONS.length) throw new Error(`--pages: at most ${SECTIONS.length} pages (one section each), found ${options.pages}`);
  const writer = new Writer(random(options.seed));
  await rm(options.out, { recursive: true, force: true });
  await mkdir(options.out, { recursive: true });
  await writeFile(path.join(options.out, "site.config.ts"), siteConfig(options, projectRoot));
  let articles = 0;
  for (const date of editionDates(options.start, options.editions)) {
    const folder = path.join(options.out, date.slice(0, 4), date);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, "edition.yaml"), `note: "SYNTHETIC 合成数据，仅供测试与基准"\n`);
    for (let page = 1; page <= options.pages; page++) {
      const section = SECTIONS[page - 1]!;
      await writeFile(path.join(folder, `page-${String(page).padStart(2, "0")}.yaml`), `name: ${section}\neditor: ${writer.name()}\nlayout: ${writer.name()}\nproofreader: ${writer.name()}\n`);
      for (const story of pageStories(writer, date, page, section, options.articles)) {
        await writeFile(path.join(folder, `${story.slug}.md`), `${frontMatter(story.front)}\n${story.body}\n`);
        articles++;
      }
    }
  }
  return { editions: options.editions, articles };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      out: { type: "string", default: DEFAULTS.out },
      editions: { type: "string", default: String(DEFAULTS.editions) },
      pages: { type: "string", default: String(DEFAULTS.pages) },
      articles: { type: "string", default: String(DEFAULTS.articles) },
      seed: { type: "string", default: String(DEFAULTS.seed) },
      start: { type: "string", default: DEFAULTS.start },
      columns: { type: "string" },
      format: { type: "string" },
    },
  });
  const started = performance.now();
  const result = await generateArchive({
    out: values.out!,
    editions: Number(values.editions),
    pages: Number(values.pages),
    articles: Number(values.articles),
    seed: Number(values.seed),
    start: values.start!,
    columns: values.columns ? Number(values.columns) : undefined,
    format: values.format === "tabloid" ? "tabloid" : values.format === "broadsheet" ? "broadsheet" : undefined,
  });
  console.log(`SYNTHETIC archive: ${result.editions} editions, ${result.articles} articles in ${values.out} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
