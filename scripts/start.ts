/**
 * `npm start`: the live preview. Serves the site from memory, rebuilds the edition of a saved file,
 * reloads the browser, and shows content errors in the browser (and here) until they are fixed.
 *   npm start [-- --port 8080 --host 127.0.0.1 --content content]
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { loadSettings } from "../src/load-archive.ts";
import { PreviewServer } from "../src/preview/preview-server.ts";

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    port: { type: "string", default: process.env.PORT ?? "8080" },
    host: { type: "string", default: "127.0.0.1" },
    content: { type: "string", default: process.env.BROADSHEET_CONTENT ?? "content" },
  },
  strict: false,
});

try {
  const contentRoot = String(values.content);
  const settings = await loadSettings(contentRoot);
  const preview = new PreviewServer({
    contentRoot,
    projectRoot: process.cwd(),
    settings,
    outputDir: path.resolve(".broadsheet/preview"),
    port: Number(values.port),
    host: String(values.host),
  });
  await preview.start();
  const stop = () => void preview.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
