import { eventStoreFromRecords } from "../../src/io/event-store.js";
import type { CrmData } from "../../src/io/load-crm.js";
import type { EventRecord, LeadRecord, OutcomeRecord } from "../../src/io/records.js";
import { mulberry32 } from "./temp-files.js";
import { ACTIONS, DAY, T0, TITLES } from "./time-rule-models.js";

/**
 * A random export: leads with and without creation dates (some of those with a profile column
 * `createdAt`, which the runtime reads instead), accounts, outcomes with and without hand-off,
 * and events before, at and after each lead's cut-off.
 */
export function randomCrm(seed: number, size: number): CrmData {
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

