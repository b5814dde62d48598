/** Test helper: a real build that stops at a stage and waits to be killed. Not a test itself. */
import { publishSite } from "../../src/publish/incremental-build.ts";

const [contentRoot, outputDir, holdAt] = process.argv.slice(2);
await publishSite({
  contentRoot: contentRoot!,
  outputDir: outputDir!,
  workers: 1,
  onStage: async (stage) => {
    if (stage !== holdAt) return;
    console.log(`HOLDING ${stage}`);
    await new Promise(() => setInterval(() => {}, 1000));
  },
});
