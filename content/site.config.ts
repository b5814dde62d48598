// A type-only import: erased when the file runs, so a content folder can live anywhere.
import type { SiteSettings } from "../src/site/settings.ts";

// Settings of the sample paper. The name, publisher line and channels are those printed on the
// sample page; the registration number and the issue count are placeholders, because the page
// text the sample comes from does not carry them.
export default {
  name: "金坛时报",
  registration: "CN 32-0000",
  publisher: {
    sponsor: "中共常州市金坛区委员会 常州市金坛区人民政府",
    supervisor: "中共常州市金坛区委宣传部",
    editor: "金坛区广播电视台",
  },
  channels: [
    { label: "数字微报", url: "https://paper.example/weibao/" },
    { label: "金坛网", url: "https://paper.example/" },
    { label: "微信公众号", url: "https://paper.example/wechat/" },
    { label: "金坛手机台APP下载", url: "https://paper.example/app/" },
  ],
  locale: "zh-CN",
  timeZone: "Asia/Shanghai",
  format: { kind: "broadsheet", columns: 8 },
  sections: [
    { name: "要闻", page: 1 },
    { name: "综合", page: 2 },
    { name: "经济", page: 3 },
    { name: "社会", page: 4 },
    { name: "文体", page: 5 },
    { name: "副刊", page: 6 },
  ],
  issueNumbering: {
    kind: "counted",
    baseDate: "2020-06-05",
    baseNumber: 5123,
    publishingWeekdays: [1, 2, 3, 4, 5],
  },
  siteUrl: process.env.BROADSHEET_SITE_URL ?? "https://paper.example/",
} satisfies SiteSettings;
