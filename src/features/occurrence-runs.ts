import { growArray } from "./grow-array.js";
import { rangeBuffer, type LandmarkGrid, type LandmarkRanges } from "./landmarks.js";
import type { LeadEventIndex } from "./lead-event-index.js";
import type { TrainingPopulation } from "./training-population.js";

const DAY_MS = 86_400_000;

/**
 * Where each occurrence of one action is a lead's latest: run r covers
 * landmarks from[r] … to[r] − 1 of lead lead[r], at each of which the latest
 * occurrence strictly before the landmark was at last[r] (epoch ms). A
 * lead's runs follow one another in landmark order, from the first landmark
 * after its first occurrence to its last at-risk landmark, and leads come in
 * order. One entry per occurrence instead of one per lead and landmark.
 */
export interface OccurrenceRuns {
  readonly lead: Int32Array;
  readonly from: Int32Array;
  readonly to: Int32Array;
  readonly last: Float64Array;
  /** How many runs of the arrays are used (they may be longer). */
  readonly length: number;
}

/**
 * The runs of store action `action` over the at-risk landmarks of every
 * dated lead: the latest occurrence strictly before landmark k (instant
 * createdAt + k·step) is the one a landmark walk would find, found from the
 * occurrences alone (each lead's events are read once, in time order).
 * @param action a store action id (`ActionIndicators.actionIds`).
 */
export function occurrenceRuns(grid: LandmarkGrid, population: TrainingPopulation, index: LeadEventIndex, action: number): OccurrenceRuns {
  const stepMs = grid.stepDays * DAY_MS;
  const { start, end, times, actionIds } = index;
  let capacity = 1024;
  let lead: Int32Array<ArrayBuffer> = new Int32Array(capacity);
  let from: Int32Array<ArrayBuffer> = new Int32Array(capacity);
  let to: Int32Array<ArrayBuffer> = new Int32Array(capacity);
  let last: Float64Array<ArrayBuffer> = new Float64Array(capacity);
  let length = 0;
  const push = (i: number, first: number, stop: number, at: number) => {
    if (stop <= first) return;
    if (length === capacity) {
      capacity *= 2;
      lead = growArray(lead, capacity);
      from = growArray(from, capacity);
      to = growArray(to, capacity);
      last = growArray(last, capacity);
    }
    lead[length] = i;
    from[length] = first;
    to[length] = stop;
    last[length] = at;
    length += 1;
  };
  for (let i = 0; i < grid.atRisk.length; i++) {
    const atRisk = grid.atRisk[i];
    if (atRisk === 0) continue;
    const createdAt = population.leads[i].createdAt as number;
    let pendingAt = Number.NaN;
    let pendingFrom = 0;
    for (let e = start[i]; e < end[i]; e++) {
      if (actionIds[e] !== action) continue;
      const k = Math.min(atRisk, firstLandmarkAfter(times[e], createdAt, stepMs));
      if (!Number.isNaN(pendingAt)) push(i, pendingFrom, k, pendingAt);
      pendingAt = times[e];
      pendingFrom = k;
    }
    if (!Number.isNaN(pendingAt)) push(i, pendingFrom, atRisk, pendingAt);
  }
  return { lead, from, to, last, length };
}

/**
 * The smallest landmark k ≥ 0 whose instant createdAt + k·stepMs (computed
 * so, as the landmark walks compute it) is strictly after `at`.
 */
function firstLandmarkAfter(at: number, createdAt: number, stepMs: number): number {
  let k = Math.max(0, Math.floor((at - createdAt) / stepMs) + 1);
  // The division may round either way: step to the exact answer.
  while (k > 0 && at < createdAt + (k - 1) * stepMs) k--;
  while (!(at < createdAt + k * stepMs)) k++;
  return k;
}

/**
 * Ranges among the leads of `runs` (those that did the action before the
 * landmark): 1 where the latest occurrence is at most `recentDays` old,
 * 0 where older; no range before a lead's first occurrence (it is not in this comparison).
 */
export function recentRunRanges(runs: OccurrenceRuns, grid: LandmarkGrid, population: TrainingPopulation, recentDays: number): LandmarkRanges {
  const ranges = rangeBuffer(2 * grid.datedLeads);
  const stepMs = grid.stepDays * DAY_MS;
  const limitMs = recentDays * DAY_MS;
  let runLead = -1;
  let runStart = 0;
  let runEnd = 0;
  let runGroup = -1;
  for (let r = 0; r < runs.length; r++) {
    const i = runs.lead[r];
    const createdAt = population.leads[i].createdAt as number;
    for (let k = runs.from[r]; k < runs.to[r]; k++) {
      const group = createdAt + k * stepMs - runs.last[r] <= limitMs ? 1 : 0;
      if (i === runLead && group === runGroup) continue;
      // The open range ends here, or where its lead's landmarks ended.
      if (runLead >= 0) ranges.push(runLead, runStart, i === runLead ? k : runEnd, runGroup as 0 | 1);
      runLead = i;
      runStart = k;
      runGroup = group;
    }
    runEnd = runs.to[r];
  }
  if (runLead >= 0) ranges.push(runLead, runStart, runEnd, runGroup as 0 | 1);
  return ranges.done();
}
