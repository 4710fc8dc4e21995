import type { CrmData } from "../io/load-crm.js";
import { outcomesByLead } from "../io/lead-outcomes.js";
import type { LeadRecord } from "../io/records.js";

const DAY_MS = 86_400_000;

/** The closed leads a model learns from, as parallel arrays (index = training row). */
export interface TrainingPopulation {
  readonly leads: LeadRecord[];
  /** Position of each lead in the export's `CrmData.leads` (and so in its `events` store). */
  readonly leadIndex: Int32Array;
  /** 1 = won, 0 = lost. */
  readonly won: Uint8Array;
  /**
   * Point-in-time cut-off per lead (epoch ms): only events strictly before it count.
   * = min(handoff_at ?? closed_at, created_at + observation window); NaN when
   * the export has no dates to bound it (then every event counts, reported as unchecked).
   */
  readonly cutoffAt: Float64Array;
  /** Days between creation and cut-off: how long the lead had to act (NaN when unknown). */
  readonly exposureDays: Float64Array;
  readonly counts: PopulationCounts;
}

/** How every lead with a known outcome was used. */
export interface PopulationCounts {
  readonly won: number;
  readonly lost: number;
  /** `open` leads are neither won nor lost: left out of training. */
  readonly openExcluded: number;
  /** Leads whose cut-off could not be computed (no dates): their events all count. */
  readonly cutoffUnknown: number;
  /** Leads whose window ended before hand-off or close (long-lived leads, trimmed to the window). */
  readonly trimmedByWindow: number;
}

/**
 * The won and lost leads with their point-in-time cut-offs. This is the
 * leakage rule in one place: behaviour after a lead reached sales (or
 * closed) never explains how it got there, and behaviour after the fixed
 * observation window is ignored so long-lived leads do not look busier
 * than fast closers.
 */
export function buildTrainingPopulation(crm: CrmData, observationWindowDays: number): TrainingPopulation {
  const leads: LeadRecord[] = [];
  const leadIndex: number[] = [];
  const won: number[] = [];
  const cutoffs: number[] = [];
  const exposures: number[] = [];
  let openExcluded = 0;
  let cutoffUnknown = 0;
  let trimmedByWindow = 0;
  const windowMs = observationWindowDays * DAY_MS;
  const outcomeOf = outcomesByLead(crm);
  for (let index = 0; index < crm.leads.length; index++) {
    const lead = crm.leads[index];
    const outcome = outcomeOf[index];
    if (!outcome || outcome.status === "open") {
      openExcluded += 1;
      continue;
    }
    const reachedSalesAt = outcome.handoffAt ?? outcome.closedAt;
    const windowEndAt = lead.createdAt === null ? null : lead.createdAt + windowMs;
    const cutoffAt = minKnown(reachedSalesAt, windowEndAt);
    if (cutoffAt === null) cutoffUnknown += 1;
    else if (windowEndAt !== null && cutoffAt === windowEndAt && (reachedSalesAt === null || reachedSalesAt > windowEndAt)) {
      trimmedByWindow += 1;
    }
    leads.push(lead);
    leadIndex.push(index);
    won.push(outcome.status === "won" ? 1 : 0);
    cutoffs.push(cutoffAt ?? Number.NaN);
    exposures.push(
      cutoffAt === null || lead.createdAt === null ? Number.NaN : Math.max(0, (cutoffAt - lead.createdAt) / DAY_MS),
    );
  }
  const wonCount = won.reduce((sum, w) => sum + w, 0);
  return {
    leads,
    leadIndex: Int32Array.from(leadIndex),
    won: Uint8Array.from(won),
    cutoffAt: Float64Array.from(cutoffs),
    exposureDays: Float64Array.from(exposures),
    counts: { won: wonCount, lost: leads.length - wonCount, openExcluded, cutoffUnknown, trimmedByWindow },
  };
}

function minKnown(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
