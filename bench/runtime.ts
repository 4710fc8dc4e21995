/**
 * Runtime scorer throughput: leads with 20 events each, scored by
 * createScorer(model).score on one core. Printed figures, not asserts.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createScorer, type EventInput } from "leadlift-runtime";

export async function runRuntimeBench(modelPath = "models/sample-model.json"): Promise<void> {
  const model = JSON.parse(readFileSync(modelPath, "utf8"));
  const scorer = createScorer(model);
  const actions = model.actions.map((a: { action: string }) => a.action);
  const leadCount = 10_000;
  const base = Date.UTC(2025, 0, 1);
  const leads = Array.from({ length: leadCount }, (_, i) => ({
    lead: { email: `p${i}@${i % 3 ? "acme.com" : "gmail.com"}`, title: i % 5 ? "Engineer" : "VP Sales", company_size: String(10 + (i % 900)), country: "US" },
    events: Array.from({ length: 20 }, (_, k): EventInput => ({ action: actions[(i + k) % actions.length], occurredAt: base + k * 3_600_000 })),
  }));
  const at = base + 30 * 86_400_000;
  let checksum = 0;
  for (const { lead, events } of leads.slice(0, 1000)) checksum += scorer.score(lead, events, at).score;
  const rounds = 20;
  const started = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const { lead, events } of leads) checksum += scorer.score(lead, events, at).score;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const perSecond = (rounds * leadCount) / seconds;
  console.log("\n# Runtime scorer (one core, 20 events per lead, epoch-ms timestamps)");
  console.log(`scores/s: ${Math.round(perSecond).toLocaleString("en-US")} (${((seconds / (rounds * leadCount)) * 1e6).toFixed(2)} µs per lead; checksum ${checksum}); target ≥ 1,000,000/s`);
  let state = scorer.initialState(leads[0].lead);
  const events = leads.flatMap((l) => l.events);
  const applyStarted = process.hrtime.bigint();
  for (let r = 0; r < 5; r++) for (const event of events) state = scorer.applyEvent(state, event);
  const applySeconds = Number(process.hrtime.bigint() - applyStarted) / 1e9;
  console.log(`applyEvent/s: ${Math.round((5 * events.length) / applySeconds).toLocaleString("en-US")} (state with ${Object.keys(state.episodes.at(-1)?.actions ?? {}).length} actions)`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runRuntimeBench();
