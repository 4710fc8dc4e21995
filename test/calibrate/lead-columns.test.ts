import { describe, expect, it } from "vitest";
import { replayLeads } from "../../src/calibrate/build-replay-leads.js";
import { dataEndOf, leadColumns, profileStarter, rowCreatedAt } from "../../src/calibrate/lead-columns.js";
import { replayTrajectory } from "../../src/calibrate/replay-leads.js";
import { scoreAtCutoff } from "../../src/calibrate/score-at-cutoff.js";
import { buildTrainingPopulation } from "../../src/features/training-population.js";
import type { CrmData } from "../../src/io/load-crm.js";
import type { LeadRecord } from "../../src/io/records.js";
import { selectLeads } from "../../src/io/select-leads.js";
import type { ModelV1 } from "../../src/model/types.js";
import { createScorer } from "../../src/runtime/index.js";
import { createTimelineScorer, type TimelineMeasure } from "../../src/runtime/internal.js";
import { decayRules } from "../helpers/model-fixture.js";
import { randomCrm } from "../helpers/random-crm.js";
import { DAY, T0, TIME_RULE_MODELS } from "../helpers/time-rule-models.js";

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

/** Inactivity without an exit: events without points then only move the latest activity (scoring and replay skip work on that). */
const inactivityOnly: ModelV1 = { ...TIME_RULE_MODELS.plain, decay: decayRules({ inactivity: { days: 10, points: -6 } }) };

const MODELS = { ...TIME_RULE_MODELS, "record columns": recordColumnsModel(), "inactivity only": inactivityOnly };

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
    const begin = profileStarter(timeline, crm);
    const columns = leadColumns(crm);
    const expected: TimelineMeasure = { score: 0, fit: 0, pain: 0, actionPoints: 0 };
    const measured: TimelineMeasure = { score: 0, fit: 0, pain: 0, actionPoints: 0 };
    crm.leads.forEach((lead, i) => {
      const at = T0 + 30 * DAY;
      timeline.begin(rowOf(lead));
      timeline.measureAt(at, expected);
      begin(i, rowCreatedAt(crm, columns, i));
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
      expect(replayed.trajectories.initialFit(r)).toBe(trajectory.fitAt[0]);
      expect(replayed.leads[r]).toEqual({
        createdAt: lead.createdAt,
        status: outcome?.status ?? "open",
        closedAt: outcome?.closedAt ?? null,
        handoffAt: outcome?.handoffAt ?? null,
      });
      r += 1;
    });
    expect(replayed.leads.length).toBe(r);
    expect(replayed.notReplayable).toBe(crm.leads.length - r);
    // The leads do not depend on the model: every replay of the export shares them.
    expect(replayLeads(crm, MODELS.plain).leads).toBe(replayed.leads);
    expect(Object.isFrozen(replayed.leads)).toBe(true);
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

describe("scoreAtCutoff", () => {
  it("scores a population again only when the model's points or rules change, and never hands out the same arrays twice", () => {
    const crm = randomCrm(17, 300);
    const population = buildTrainingPopulation(crm, 30);
    const model = TIME_RULE_MODELS["time rules"];
    const first = scoreAtCutoff(crm, population, model);
    const relabelled = { ...model, threshold: { ...model.threshold, score: 12 }, probability: null };
    const again = scoreAtCutoff(crm, population, relabelled);
    expect(again).toEqual(first);
    expect(again.score).not.toBe(first.score);
    expect(scoreAtCutoff(crm, population, relabelled).score).not.toBe(again.score);
    const withVelocity = { ...model, velocity: { minPointsPerDay: 0.5, points: 9 } };
    const fresh = scoreAtCutoff(crm, buildTrainingPopulation(crm, 30), withVelocity);
    expect(scoreAtCutoff(crm, population, withVelocity)).toEqual(fresh);
    expect(fresh.score).not.toEqual(first.score);
    const otherRule = { ...model, profile: { ...model.profile, rules: model.profile.rules.map((r, k) => (k === 3 ? { ...r, points: r.points + 3 } : r)) } };
    expect(scoreAtCutoff(crm, population, otherRule)).toEqual(scoreAtCutoff(crm, buildTrainingPopulation(crm, 30), otherRule));
    expect(scoreAtCutoff(crm, population, otherRule).pain).not.toEqual(first.pain);
  });
});

describe("leadColumns", () => {
  it("shares one export's derived profile values with its views, which score their leads as the export does", () => {
    const crm = randomCrm(7, 300);
    const model = MODELS["record columns"];
    const picked = Array.from({ length: 120 }, (_, k) => 299 - 2 * k);
    const view = selectLeads(crm, picked);
    // The view first: its leads' values are derived, then the export's other leads'.
    const timeline = createTimelineScorer(model);
    const beginInView = profileStarter(timeline, view);
    const begin = profileStarter(timeline, crm);
    expect(leadColumns(view).profile).toBe(leadColumns(crm).profile);
    const inView: TimelineMeasure = { score: 0, fit: 0, pain: 0, actionPoints: 0 };
    const inExport: TimelineMeasure = { score: 0, fit: 0, pain: 0, actionPoints: 0 };
    picked.forEach((index, k) => {
      expect(leadColumns(view).profileRow[k]).toBe(leadColumns(crm).profileRow[index]);
      beginInView(k, 0);
      timeline.measureAt(DAY, inView);
      begin(index, 0);
      timeline.measureAt(DAY, inExport);
      expect(inView).toEqual(inExport);
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
