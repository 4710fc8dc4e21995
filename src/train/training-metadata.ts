import type { LandmarkGrid } from "../features/landmarks.js";
import type { TrainingPopulation } from "../features/training-population.js";
import type { CrmData } from "../io/load-crm.js";

/* What a training run records about its data in the model's `training` section. */

/** Share of leads with the indicator (the drift baseline of an action). */
export function share(indicator: ArrayLike<number>): number {
  let ones = 0;
  for (let i = 0; i < indicator.length; i++) ones += indicator[i] ? 1 : 0;
  return indicator.length > 0 ? ones / indicator.length : 0;
}

/** Share of leads per value (the drift baseline of a profile feature). */
export function valueShares(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  for (const v of Object.keys(counts)) counts[v] /= values.length;
  return counts;
}

/** First and last creation date of the export (null without dates). */
export function dateRange(crm: CrmData): { from: string; to: string } | null {
  let from = Infinity;
  let to = -Infinity;
  for (const lead of crm.leads) {
    if (lead.createdAt === null) continue;
    if (lead.createdAt < from) from = lead.createdAt;
    if (lead.createdAt > to) to = lead.createdAt;
  }
  return from === Infinity ? null : { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

/** Whether the point-in-time rule and the like-with-like comparison could be applied, in words, for `training.checks`. */
export function describeChecks(crm: CrmData, population: TrainingPopulation, grid: LandmarkGrid | null) {
  const { timestamps } = crm;
  const pointInTime = !timestamps.events
    ? { status: "not-checked" as const, detail: "No events file: behaviour comes from aggregated lead columns, whose timing cannot be checked against hand-off. They may include activity after the lead reached sales." }
    : population.counts.cutoffUnknown > 0
      ? { status: "not-checked" as const, detail: `${population.counts.cutoffUnknown} leads have no created_at, handoff_at or closed_at to bound their events; all their events were counted.` }
      : { status: "checked" as const, detail: "Only events strictly before each lead's cut-off (hand-off, else close, and within the observation window) were counted." };
  const exposure =
    grid !== null
      ? {
          status: "checked" as const,
          detail: `Actions were compared at ${grid.count} lead ages (landmarks every ${grid.stepDays} ${grid.stepDays === 1 ? "day" : "days"}), among leads still with marketing at that age: leads are compared with leads that had as long to act, and an action that triggers the hand-off keeps its effect.`,
        }
      : { status: "not-checked" as const, detail: timestamps.events ? "No creation dates: leads could not be compared at the same age; lift is the difference in close rates at the cut-off." : "No events: there is no behaviour whose timing could bias lift." };
  return { pointInTime, exposure };
}

/** Warnings about the data itself (rejected rows, few wins, no dates). */
export function trainingWarnings(crm: CrmData, population: TrainingPopulation): string[] {
  const warnings: string[] = [];
  const rejected = crm.files.reduce((sum, f) => sum + f.rejected, 0);
  if (rejected > 0) warnings.push(`${rejected} input rows were rejected; see the issues list.`);
  if (population.counts.won < 120) {
    warnings.push(`Only ${population.counts.won} won leads: points are noisy (Salesforce Einstein, for comparison, asks for 120 conversions).`);
  }
  if (!crm.timestamps.createdAt) warnings.push("No created_at column: the observation window and the comparison at landmarks (equal lead ages) were not applied; actions were compared at the cut-off.");
  return warnings;
}
