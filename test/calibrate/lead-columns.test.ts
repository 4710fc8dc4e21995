import { describe, expect, it } from "vitest";
import { replayLeads } from "../../src/calibrate/build-replay-leads.js";
import { dataEndOf, leadColumns, profilePoints, rowCreatedAt } from "../../src/calibrate/lead-columns.js";
import { replayTrajectory } from "../../src/calibrate/replay-leads.js";
import { scoreAtCutoff } from "../../src/calibrate/score-at-cutoff.js";
import { buildTrainingPopulation } from "../../src/features/training-population.js";
import { eventStoreFromRecords } from "../../src/io/event-store.js";
import type { CrmData } from "../../src/io/load-crm.js";
import type { EventRecord, LeadRecord, OutcomeRecord } from "../../src/io/records.js";
import { selectLeads } from "../../src/io/select-leads.js";
import type { ModelV1 } from "../../src/model/types.js";
import { createScorer } from "../../src/runtime/index.js";
import { createTimelineScorer, type TimelineMeasure } from "../../src/runtime/internal.js";
import { ACTIONS, DAY, T0, TIME_RULE_MODELS, TITLES } from "../helpers/time-rule-models.js";
import { mulberry32 } from "../helpers/temp-files.js";

/** The hand model's features, plus ones on the columns the runtime's row takes from the record (account_id, created_at). */
function recordColumnsModel(): ModelV1 {
  const base = TIME_RULE_MODELS["time rules"];
  const decision = base.profile.rules[0];
  return {
    ...base,
    profile: {
      ...base.profile,
      fitCap: null,
      features: [
        ...base.profile.features,
        { name: "account", column: "account_id", role: "fit", transform: { kind: "category", levels: ["A1", "A2"] } },
        { name: "created", column: "created_at", role: "pain", transform: { kind: "numeric-band", edges: [T0 + 5 * DAY] } },
      ],
      rules: [
        ...base.profile.rules,
        { ...decision, feature: "account", value: "A1", points: 4 },
        { ...decision, feature: "created", value: `(${T0 + 5 * DAY}, inf)`, points: 3 },
        { ...decision, feature: "created", value: `(-inf, ${T0 + 5 * DAY}]`, points: -1 },
      ],
    },
  };
}

const MODELS = { ...TIME_RULE_MODELS, "record columns": recordColumnsModel() };

/**
 * A random export: leads with and without creation dates (some of those with a profile column
 * `createdAt`, which the runtime reads instead), accounts, outcomes with and without hand-off,
 * and events before, at and after each lead's cut-off.
 */
function randomCrm(seed: number, size: number): CrmData {
  const random = mulberry32(seed);
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)];
  const leads: LeadRecord[] = [];
  const events: EventRecord[] = [];
  const outcomes = new Map<string, OutcomeRecord>();
  for (let i = 0; i < size; i++) {
    const leadId = `L${i}`;
    const dated = random() < 0.85;
    const createdAt = dated ? T0 + Math.floor(random() * 10) * DAY : null;
    const profile = Object.create(null) as Record<string, string | null>;
    profile.title = pick(TITLES) ?? null;
    profile.email = pick(["a@acme.com", "b@gmail.com", null]);
    profile.visits = pick(["1", "4", "9", null]);
    if (!dated && random() < 0.5) profile.createdAt = new Date(T0 + 3 * DAY).toISOString();
    leads.push({ leadId, createdAt, accountId: pick(["A1", "A2", null]), asOf: null, profile, row: i + 2 });
    const cutoffAt = (createdAt ?? T0) + Math.floor(random() * 40) * DAY;
    const status = pick(["won", "lost", "open", "none"] as const);
    const handoffAt = status !== "none" && random() < 0.5 ? cutoffAt : null;
    if (status !== "none") outcomes.set(leadId, { leadId, status, closedAt: status === "open" ? null : cutoffAt + (handoffAt === null ? 0 : 5 * DAY), handoffAt });
    for (let k = Math.floor(random() * 12); k > 0; k--) {
      const at = random() < 0.15 ? cutoffAt : (createdAt ?? T0) + Math.floor(random() * 60 - 5) * DAY + (random() < 0.3 ? 0 : Math.floor(random() * DAY));
      events.push({ leadId, action: pick(ACTIONS), occurredAt: at, category: null });
    }
  }
  return {
    leads,
    events: eventStoreFromRecords(leads.map((l) => l.leadId), events),
    outcomes,
    accountOutcomes: null,
    profileColumns: ["title", "email", "visits"],
    files: [],
    issues: [],
    issueCounts: {},
    timestamps: { createdAt: true, closedAt: true, handoffAt: true, events: true },
    missingOutcomes: { count: 0, treatedAs: "open" },
  };
}

/** The row the runtime is given for a lead record. */
const rowOf = (lead: LeadRecord) => ({ ...lead.profile, account_id: lead.accountId, created_at: lead.createdAt });

/** The lead's events (all of them) as replay's one-lead reference takes them. */
function eventsOf(crm: CrmData, index: number) {
  const { start, end, times, actionIds, actions } = crm.events;
  return Array.from({ length: end[index] - start[index] }, (_, k) => ({ at: times[start[index] + k], action: actions[actionIds[start[index] + k]] }));
}

describe.each(Object.entries(MODELS))("lead columns, %s model", (_name, model) => {
  const crm = randomCrm(31, 400);

  it("start each lead from its profile points exactly as begin() does from its row (property)", () => {
    const timeline = createTimelineScorer(model);
    const points = profilePoints(timeline, crm);
    const columns = leadColumns(crm);
    const expected: TimelineMeasure = { score: 0, fit: 0, pain: 0, actionPoints: 0 };
    const measured: TimelineMeasure = { score: 0, fit: 0, pain: 0, actionPoints: 0 };
    crm.leads.forEach((lead, i) => {
      const at = T0 + 30 * DAY;
      timeline.begin(rowOf(lead));
      timeline.measureAt(at, expected);
      timeline.beginProfile(points.fit[i], points.pain[i], rowCreatedAt(crm, columns, i));
      timeline.measureAt(at, measured);
      expect(measured).toEqual(expected);
    });
  });

  it("replays each lead as replayTrajectory replays its row and events, up to its cut-off", () => {
    const replayed = replayLeads(crm, model);
    const timeline = createTimelineScorer(model);
    const endAt = dataEndOf(crm);
    let r = 0;
    crm.leads.forEach((lead, i) => {
      if (lead.createdAt === null) return;
      const outcome = crm.outcomes.get(lead.leadId);
      const cutoffAt = outcome?.handoffAt ?? outcome?.closedAt ?? endAt + 1;
      const trajectory = replayTrajectory(timeline, { lead: rowOf(lead), createdAt: lead.createdAt, cutoffAt, events: eventsOf(crm, i) });
      expect(replayed.trajectories.trajectory(r)).toEqual(trajectory);
      expect(replayed.leads[r]).toEqual({
        createdAt: lead.createdAt,
        fit: trajectory.fitAt[0],
        status: outcome?.status ?? "open",
        closedAt: outcome?.closedAt ?? null,
        handoffAt: outcome?.handoffAt ?? null,
      });
      r += 1;
    });
    expect(replayed.leads.length).toBe(r);
    expect(replayed.notReplayable).toBe(crm.leads.length - r);
  });

  it("scores each closed lead at its cut-off as the public scorer does with only the events before it", () => {
    const population = buildTrainingPopulation(crm, 30);
    const scores = scoreAtCutoff(crm, population, model);
    const scorer = createScorer(model);
    population.leads.forEach((lead, i) => {
      const at = Number.isNaN(population.cutoffAt[i]) ? 8.64e15 : population.cutoffAt[i];
      const before = eventsOf(crm, population.leadIndex[i]).filter((e) => e.at < at).map((e) => ({ action: e.action, occurredAt: e.at }));
      const expected = scorer.score(rowOf(lead), before, at);
      expect([scores.score[i], scores.fit[i], scores.pain[i]]).toEqual([expected.score, expected.fit, expected.pain]);
    });
  });
});

describe("leadColumns", () => {
  it("shares one export's derived profile values with its views, which score their leads as the export does", () => {
    const crm = randomCrm(7, 300);
    const model = MODELS["record columns"];
    const picked = Array.from({ length: 120 }, (_, k) => 299 - 2 * k);
    const view = selectLeads(crm, picked);
    // The view first: its leads' values are derived, then the export's other leads'.
    const viewPoints = profilePoints(createTimelineScorer(model), view);
    const points = profilePoints(createTimelineScorer(model), crm);
    expect(leadColumns(view).profile).toBe(leadColumns(crm).profile);
    picked.forEach((index, k) => {
      expect(leadColumns(view).profileRow[k]).toBe(leadColumns(crm).profileRow[index]);
      expect([viewPoints.fit[k], viewPoints.pain[k]]).toEqual([points.fit[index], points.pain[index]]);
    });
  });

  it("keeps each lead's creation date and outcome, NaN for none", () => {
    const crm = randomCrm(11, 200);
    const columns = leadColumns(crm);
    crm.leads.forEach((lead, i) => {
      const outcome = crm.outcomes.get(lead.leadId);
      expect(columns.createdAt[i]).toBe(lead.createdAt ?? Number.NaN);
      expect(columns.status[i]).toBe({ open: 0, won: 1, lost: 2 }[outcome?.status ?? "open"]);
      expect(columns.closedAt[i]).toBe(outcome?.closedAt ?? Number.NaN);
      expect(columns.handoffAt[i]).toBe(outcome?.handoffAt ?? Number.NaN);
    });
    expect(columns.dataEndAt).toBe(dataEndOf(crm));
  });
});
