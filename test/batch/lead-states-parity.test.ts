import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LeadOccurrences } from "../../src/batch/lead-occurrences.js";
import { LeadStates } from "../../src/batch/lead-states.js";
import { leadInputOf, scoreBatch, toScoredRow, type ScoredRow } from "../../src/batch/score-batch.js";
import { loadConfig } from "../../src/config/load-config.js";
import { loadEvents } from "../../src/io/load-events.js";
import { loadLeads } from "../../src/io/load-leads.js";
import { readTable } from "../../src/io/read-table.js";
import type { EventRecord, LeadRecord } from "../../src/io/records.js";
import type { ModelV1 } from "../../src/model/types.js";
import { createScorer, type LeadState, type Scorer } from "../../src/runtime/index.js";
import { decayRules } from "../helpers/model-fixture.js";
import { mulberry32 } from "../helpers/temp-files.js";

const sampleModel = JSON.parse(readFileSync("models/sample-model.json", "utf8")) as ModelV1;

/** The sample model with every time rule but the exit: decay of positive actions, an inactivity penalty, velocity and a FIT cap. */
const timeRulesModel: ModelV1 = {
  ...sampleModel,
  decay: decayRules({ halfLifeDays: { demo_request: 12, pricing_page_view: 3.5, trial_signup: 20, webinar_attended: 0.5, unsubscribe: 5 }, inactivity: { days: 21, points: -7 } }),
  velocity: { minPointsPerDay: 0.8, points: 6 },
  profile: { ...sampleModel.profile, fitCap: 15 },
};

async function sampleData(): Promise<{ leads: readonly LeadRecord[]; events: readonly EventRecord[] }> {
  const config = await loadConfig();
  const leadsTable = await readTable("data/sample/leads.csv");
  const leads = loadLeads(leadsTable, config);
  const events = loadEvents(await readTable("data/sample/events.csv"), config, new Set(leads.rows.map((l) => l.leadId)), leads.rejectedIds, leadsTable.file);
  return { leads: leads.rows, events: events.rows };
}

/** A moment with events on both sides, so the leakage rule has work to do: 60% of the events are before it. */
function momentWithin(events: readonly EventRecord[]): number {
  const times = events.map((e) => e.occurredAt).sort((a, b) => a - b);
  return times[Math.floor(times.length * 0.6)];
}

/** Each lead as of the batch's moment or its own `as_of`: half of the leads get one, earlier, so moments differ. */
function withMoments(leads: readonly LeadRecord[], at: number): LeadRecord[] {
  return leads.map((lead, i) => (i % 2 === 0 ? lead : { ...lead, asOf: at - (i % 97) * 86_400_000 }));
}

/** The exact path: `initialState` then `applyEvent` of each event before the lead's moment, in the order given. */
function appliedStates(scorer: Scorer, leads: readonly LeadRecord[], events: readonly EventRecord[], at: number): LeadState[] {
  const indexOf = new Map(leads.map((lead, i) => [lead.leadId, i]));
  const states = leads.map((lead) => scorer.initialState(leadInputOf(lead)));
  for (const event of events) {
    const i = indexOf.get(event.leadId) as number;
    if (event.occurredAt < (leads[i].asOf ?? at)) states[i] = scorer.applyEvent(states[i], event);
  }
  return states;
}

function streamedRows(scorer: Scorer, leads: readonly LeadRecord[], events: readonly EventRecord[], at: number, inPlaceBudgetBytes?: number): ScoredRow[] {
  const states = new LeadStates(scorer, leads, at, inPlaceBudgetBytes);
  events.forEach((event, i) => {
    expect(states.has(event.leadId)).toBe(true);
    states.apply(event, "events.csv", i + 2);
  });
  return leads.map((_lead, i) => states.takeRow(i, "leads.csv"));
}

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = mulberry32(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

describe("LeadStates without an exit rule (occurrences kept in place)", async () => {
  const data = await sampleData();
  const at = momentWithin(data.events);
  const leads = withMoments(data.leads, at);

  it.each([
    ["the sample model", sampleModel],
    ["the sample model with decay, inactivity, velocity and a FIT cap", timeRulesModel],
  ])("scores the sample data exactly as applyEvent then scoreAt, and as scorer.score, for %s", (_name, model) => {
    const scorer = createScorer(model);
    expect(LeadOccurrences.supports(scorer.model)).toBe(true);
    const rows = streamedRows(scorer, leads, data.events, at);
    const states = appliedStates(scorer, leads, data.events, at);
    const viaApplyEvent = leads.map((lead, i) => toScoredRow(lead, scorer.scoreAt(states[i], lead.asOf ?? at), lead.asOf ?? at));
    expect(rows).toEqual(viaApplyEvent);
    expect(rows).toEqual(scoreBatch(model, leads, data.events, [], { at }));
    expect(rows.filter((row) => row.error !== null)).toEqual([]);
  });

  it("falls back to applyEvent's states, with the same rows, when the in-place records would exceed the memory budget", () => {
    const scorer = createScorer(timeRulesModel);
    const needed = LeadOccurrences.bytesFor(scorer.model, leads.length);
    const kept = new Set(timeRulesModel.actions.filter((a) => a.kept && a.points !== 0).map((a) => a.action)).size;
    expect(needed).toBe(8 * (2 + 3 * kept) * leads.length);
    let applied = 0;
    const counting: Scorer = { ...scorer, applyEvent: (state, event) => ((applied += 1), scorer.applyEvent(state, event)) };
    const inPlace = streamedRows(counting, leads, data.events, at, needed);
    expect(applied).toBe(0);
    const fallback = streamedRows(counting, leads, data.events, at, needed - 1);
    expect(applied).toBeGreaterThan(0);
    expect(fallback).toEqual(inPlace);
  });

  it("exercises every time rule on the sample data (so the comparison above covers them)", () => {
    const reasons = streamedRows(createScorer(timeRulesModel), leads, data.events, at).map((row) => row.reasons);
    for (const rule of ["inactivity", "velocity", "fit_cap"]) expect(reasons.some((r) => r.includes(rule))).toBe(true);
    // Decayed points are fractional.
    expect(reasons.some((r) => /demo_request \+\d+\.\d/.test(r))).toBe(true);
  });

  it("rebuilds the very LeadState applyEvent gives, whatever the order of events", () => {
    const scorer = createScorer(timeRulesModel);
    const expected = appliedStates(scorer, leads, data.events, at);
    const indexOf = new Map(leads.map((lead, i) => [lead.leadId, i]));
    const occurrences = new LeadOccurrences(scorer.model, leads.length);
    for (const event of shuffled(data.events, 7)) {
      const i = indexOf.get(event.leadId) as number;
      if (event.occurredAt < (leads[i].asOf ?? at)) occurrences.add(i, event.action, event.occurredAt);
    }
    const rebuilt = leads.map((lead, i) => occurrences.takeState(i, scorer.initialState(leadInputOf(lead))));
    expect(rebuilt).toEqual(expected);
    expect(expected.filter((s) => s.episodes.length === 1).length).toBeGreaterThan(leads.length / 2);
  });

  it("gives the same rows for events in any order", () => {
    const scorer = createScorer(timeRulesModel);
    expect(streamedRows(scorer, leads, shuffled(data.events, 3), at)).toEqual(streamedRows(scorer, leads, data.events, at));
  });

  it("is refused for a model with an exit rule, which keeps applyEvent's exact path", () => {
    const exitModel = { ...timeRulesModel, decay: decayRules({ exitAfterDays: 30 }) };
    const scorer = createScorer(exitModel);
    expect(LeadOccurrences.supports(scorer.model)).toBe(false);
    expect(() => new LeadOccurrences(scorer.model, 1)).toThrowError(/has an exit rule; apply its events with Scorer.applyEvent/);
    const sample = leads.slice(0, 1500);
    const known = new Set(sample.map((lead) => lead.leadId));
    const events = data.events.filter((event) => known.has(event.leadId));
    expect(streamedRows(scorer, sample, events, at)).toEqual(scoreBatch(exitModel, sample, events, [], { at }));
  });
});
