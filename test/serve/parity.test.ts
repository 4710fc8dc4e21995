import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scoreFiles } from "../../src/batch/score-files.js";
import { parseConfig } from "../../src/config/load-config.js";
import { loadCrm } from "../../src/io/load-crm.js";
import type { ModelV1 } from "../../src/model/types.js";
import { createScorer } from "../../src/runtime/index.js";
import { createScoringServer, type ScoringServer } from "../../src/serve/create-server.js";
import { decayRules } from "../helpers/model-fixture.js";
import { writeTempFiles } from "../helpers/temp-files.js";

/** Moment for leads without as_of (every lead here has one). */
const AT = "2025-06-01T00:00:00.000Z";
const DAY = 86_400_000;
const SAMPLE_LEADS = 300;

/**
 * The same leads scored three ways — the runtime scorer from full history, `leadlift score`'s
 * streaming batch, and the HTTP service — must give the same score, FIT, PAIN, probability and
 * SDR-ready flag. Run on the bundled sample model and on one with every time rule switched on.
 */
describe.each([
  ["the bundled sample model", (m: ModelV1) => m, false],
  [
    "the sample model with decay, inactivity, exit, velocity and a FIT cap",
    (m: ModelV1): ModelV1 => ({
      ...m,
      decay: decayRules({ halfLifeDays: { demo_request: 20, pricing_page_view: 10 }, inactivity: { days: 30, points: -4 }, exitAfterDays: 120 }),
      velocity: { minPointsPerDay: 0.5, points: 5 },
      profile: { ...m.profile, fitCap: 6 },
    }),
    true,
  ],
] as const)("scores agree across runtime, batch and service with %s", (_name, variant, timeRulesBite) => {
  const model = variant(JSON.parse(readFileSync("models/sample-model.json", "utf8")) as ModelV1);
  const leadLines = readFileSync("data/sample/leads.csv", "utf8").trimEnd().split("\n");
  // Each lead is scored 30 days after its creation (its as_of), when its behaviour is fresh.
  const asOf = (createdAt: string) => new Date(Date.parse(createdAt) + 30 * DAY).toISOString();
  const leadsText = `${[`${leadLines[0]},as_of`, ...leadLines.slice(1, SAMPLE_LEADS + 1).map((line) => `${line},${asOf(line.split(",")[1])}`)].join("\n")}\n`;
  const paths = writeTempFiles({ "leads.csv": leadsText, "model.json": JSON.stringify(model) });
  let service: ScoringServer;
  let base: string;

  beforeAll(async () => {
    service = await createScoringServer({ modelPath: paths["model.json"], watchIntervalMs: 0 });
    base = `http://127.0.0.1:${(await service.listen(0)).port}`;
  });
  afterAll(() => service.close());

  it(`on ${SAMPLE_LEADS} sample leads and their events`, async () => {
    const config = parseConfig({});
    const crm = await loadCrm({ leads: paths["leads.csv"], events: "data/sample/events.csv", outcomes: "data/sample/outcomes.csv" }, config);
    const ids = new Set(crm.leads.map((l) => l.leadId));
    const eventsText = ["lead_id,action,occurred_at", ...[...crm.events].filter((e) => ids.has(e.leadId)).map((e) => `${e.leadId},${e.action},${new Date(e.occurredAt).toISOString()}`)].join("\n");
    writeFileSync(join(paths.dir, "events.csv"), `${eventsText}\n`);
    const out = join(paths.dir, "scores.jsonl");
    await scoreFiles({ model, config, leadsPath: paths["leads.csv"], eventsPath: join(paths.dir, "events.csv"), outPath: out, at: Date.parse(AT) });
    const batch = new Map(readFileSync(out, "utf8").trimEnd().split("\n").map((line) => JSON.parse(line)).map((row) => [row.lead_id, row]));

    const scorer = createScorer(model);
    const events = [...crm.events];
    const requests = crm.leads.map((lead) => ({
      lead: { ...lead.profile, account_id: lead.accountId, created_at: new Date(lead.createdAt as number).toISOString() },
      events: events.filter((e) => e.leadId === lead.leadId).map((e) => ({ action: e.action, occurred_at: new Date(e.occurredAt).toISOString() })),
      at: new Date(lead.asOf as number).toISOString(),
    }));
    const served: any[] = [];
    for (let i = 0; i < requests.length; i += 100) {
      const response = await fetch(`${base}/score/batch`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ leads: requests.slice(i, i + 100) }) });
      expect(response.status).toBe(200);
      served.push(...((await response.json()) as any).results);
    }
    expect(served).toHaveLength(SAMPLE_LEADS);
    let ready = 0;
    let shapedByTime = 0;
    crm.leads.forEach((lead, i) => {
      const expected = scorer.score(requests[i].lead, requests[i].events, requests[i].at);
      if (expected.sdrReady) ready += 1;
      if (!Number.isInteger(expected.score) || expected.reasons.some((r) => r.kind !== "action" && r.kind !== "profile")) shapedByTime += 1;
      const row = batch.get(lead.leadId);
      expect([row.score, row.fit, row.pain, row.sdr_ready]).toEqual([expected.score, expected.fit, expected.pain, expected.sdrReady]);
      // The batch file rounds probabilities to 4 decimals the way score-batch.ts documents (Math.round).
      expect(row.probability).toBe(expected.probability === null ? null : Math.round(expected.probability * 10000) / 10000);
      expect([served[i].score, served[i].fit, served[i].pain, served[i].sdrReady, served[i].probability]).toEqual([expected.score, expected.fit, expected.pain, expected.sdrReady, expected.probability]);
    });
    expect(ready).toBeGreaterThan(0);
    // The second model's rules must actually change scores here, or the comparison proves nothing about them.
    expect(shapedByTime > 0).toBe(timeRulesBite);
  });
});
