import { describe, expect, it } from "vitest";
import { buildTrainingPopulation } from "../../src/features/training-population.js";
import { eventStoreFromRecords } from "../../src/io/event-store.js";
import type { CrmData } from "../../src/io/load-crm.js";
import type { LeadRecord, OutcomeRecord } from "../../src/io/records.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

function crmOf(rows: Array<[string, Partial<OutcomeRecord> | null]>): CrmData {
  const leads: LeadRecord[] = rows.map(([leadId], i) => ({ leadId, createdAt: T0, accountId: null, asOf: null, profile: {}, row: i + 2 }));
  const outcomes = new Map<string, OutcomeRecord>();
  for (const [leadId, outcome] of rows) {
    if (outcome) outcomes.set(leadId, { leadId, status: "lost", closedAt: null, handoffAt: null, ...outcome });
  }
  return {
    leads, events: eventStoreFromRecords(leads.map((lead) => lead.leadId), []), outcomes, accountOutcomes: null, profileColumns: [], files: [], issues: [], issueCounts: {},
    timestamps: { createdAt: true, closedAt: true, handoffAt: true, events: true },
    missingOutcomes: { count: 0, treatedAs: "open" },
  };
}

describe("buildTrainingPopulation", () => {
  it("leaves open leads out of training instead of counting them as lost", () => {
    const population = buildTrainingPopulation(
      crmOf([["won", { status: "won", closedAt: T0 + 30 * DAY }], ["open", { status: "open" }], ["none", null], ["lost", { status: "lost", closedAt: T0 + 5 * DAY }]]),
      90,
    );
    expect(population.leads.map((l) => l.leadId)).toEqual(["won", "lost"]);
    expect(Array.from(population.won)).toEqual([1, 0]);
    expect(population.counts).toMatchObject({ won: 1, lost: 1, openExcluded: 2 });
  });

  it("cuts off at hand-off, else at close, and never past the observation window", () => {
    const population = buildTrainingPopulation(
      crmOf([
        ["handoff", { status: "won", handoffAt: T0 + 3 * DAY, closedAt: T0 + 40 * DAY }],
        ["closed", { status: "lost", closedAt: T0 + 80 * DAY }],
        ["long", { status: "lost", closedAt: T0 + 400 * DAY }],
        ["no-close-date", { status: "lost" }],
      ]),
      90,
    );
    expect(Array.from(population.cutoffAt)).toEqual([T0 + 3 * DAY, T0 + 80 * DAY, T0 + 90 * DAY, T0 + 90 * DAY]);
    expect(Array.from(population.exposureDays)).toEqual([3, 80, 90, 90]);
    expect(population.counts.trimmedByWindow).toBe(2);
  });
});
