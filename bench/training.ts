/**
 * Training on a simulated export of 100k leads (about 700k events): load,
 * train, calibrate and validate, with wall time and peak memory.
 */
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig, loadCrm, simulateCrm, trainAndCalibrate, writeSimulatedCrm } from "../src/index.js";

export async function runTrainingBench(leads = 100_000): Promise<void> {
  const dir = join(tmpdir(), `leadlift-bench-${leads}`);
  const crmRows = simulateCrm({ leads, seed: 9 });
  await writeSimulatedCrm(crmRows, dir);
  const config = await loadConfig();
  const t0 = process.hrtime.bigint();
  const crm = await loadCrm({ leads: join(dir, "leads.csv"), events: join(dir, "events.csv"), outcomes: join(dir, "outcomes.csv") }, config);
  const t1 = process.hrtime.bigint();
  trainAndCalibrate(crm, config, { now: new Date(), toolVersion: "bench" });
  const t2 = process.hrtime.bigint();
  console.log(`\n# Training on ${leads.toLocaleString("en-US")} simulated leads, ${crmRows.events.length.toLocaleString("en-US")} events`);
  console.log(`load + validate: ${(Number(t1 - t0) / 1e9).toFixed(2)} s; train + calibrate + out-of-time + mode comparison: ${(Number(t2 - t1) / 1e9).toFixed(2)} s; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runTrainingBench();
