/** Absolute URLs of site paths: plain paths are joined to the base without URL parsing, with the bytes URL gives. */
import { test } from "uvu";
import * as assert from "uvu/assert";
import { absoluteUrl } from "../../src/readers/generated-file.ts";

const BASES = ["https://a.example", "https://A.Example:443/paper", "https://x.example/sub/", "http://127.0.0.1:8080/"];
const PATHS = ["", "2020-06-05/", "2020-06-05/01/p1-s1/", "feeds/latest.xml", "~u/x_y-z.html", "a..b/", ".well-known/x", "a/.b", "a/./b", "../x", "./", ".", "..", "a/..", "新闻/", "a b", "/abs", "a//b", "a?b#c", "a%20b"];

test("every path resolves as URL resolves it against every base", () => {
  for (const base of BASES) {
    for (const sitePath of PATHS) {
      assert.is(absoluteUrl(base, sitePath), new URL(sitePath, base.endsWith("/") ? base : `${base}/`).href, `${base} + ${sitePath}`);
    }
  }
});

test.run();
