/**
 * How long a model reload stalls the service's event loop: an ~80 MB model
 * (the size that blocked serving for 2.5 s when it was parsed on the main
 * thread) is loaded on the main thread and then the way the service reloads
 * it (parsed and validated in a worker thread), while a 1 ms timer measures
 * the longest delay. Prints figures; asserts nothing.
 */
import { writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadModelFile } from "../src/serve/model-holder.js";
import { handModel } from "../test/helpers/model-fixture.js";

/** A valid model padded to about `megabytes` with training distributions, as a model trained on many actions would be. */
function largeModelText(megabytes: number): string {
  const model = handModel();
  const actions: Record<string, number> = {};
  const count = Math.round((megabytes * 1024 * 1024) / 40);
  for (let i = 0; i < count; i++) actions[`action_number_${i}`] = 0.000123;
  const training = { ...model.training, distributions: { score: { edges: [], shares: [] }, actions, profile: {} } };
  return JSON.stringify({ ...model, training });
}

/** The longest gap between ticks of a 1 ms timer while `run` works: how long a request could wait. */
async function maxStallMs(run: () => Promise<unknown>): Promise<{ maxMs: number; totalMs: number }> {
  let last = performance.now();
  let maxMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxMs = Math.max(maxMs, now - last);
    last = now;
  }, 1);
  const started = performance.now();
  await run();
  const totalMs = performance.now() - started;
  clearInterval(timer);
  maxMs = Math.max(maxMs, performance.now() - last);
  return { maxMs, totalMs };
}

export async function runReloadBench(): Promise<void> {
  const path = join(mkdtempSync(join(tmpdir(), "leadlift-reload-")), "model.json");
  const text = largeModelText(80);
  writeFileSync(path, text);
  const size = (Buffer.byteLength(text) / 1024 / 1024).toFixed(0);
  // The worker first, so that its figure does not include collecting the main-thread run's garbage.
  const worker = await maxStallMs(() => loadModelFile(path, { inWorker: true }));
  const main = await maxStallMs(() => loadModelFile(path));
  console.log(`\nModel reload (${size} MB model file)`);
  console.log(`  parsed on the main thread:   longest event-loop stall ${main.maxMs.toFixed(0)} ms (load ${main.totalMs.toFixed(0)} ms)`);
  console.log(`  parsed in a worker (serve):  longest event-loop stall ${worker.maxMs.toFixed(0)} ms (load ${worker.totalMs.toFixed(0)} ms)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await runReloadBench();
