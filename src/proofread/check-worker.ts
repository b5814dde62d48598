/**
 * A worker process of `npm run check`: checks the batches of edition folders its parent sends
 * and answers with what it found (check-edition.ts). Started by incremental-check.ts when there
 * are enough editions to read for a second core to pay for its start.
 */
import { optimiseOnlyHotCode } from "../publish/v8-tiering.ts";
import { serveBatches } from "../publish/worker-processes.ts";
import { loadSettings } from "../site/load-settings.ts";
import type { SiteSettings } from "../site/settings.ts";
import { checkBatch, type EditionCheck, type EditionToCheck } from "./check-edition.ts";

export interface CheckWorkerSetup {
  readonly contentRoot: string;
}

optimiseOnlyHotCode();

let site: Promise<SiteSettings> | undefined;
serveBatches<CheckWorkerSetup, readonly EditionToCheck[], EditionCheck[]>("src/proofread/check-worker.ts", async (setup, batch) => checkBatch(setup.contentRoot, await (site ??= loadSettings(setup.contentRoot)), batch));
