import { growArray } from "./grow-array.js";
import type { LeadEventIndex } from "./lead-event-index.js";
import type { TrainingPopulation } from "./training-population.js";

const DAY_MS = 86_400_000;

/**
 * Each lead's membership of the two compared groups over the landmarks, as
 * half-open landmark ranges [start, end): in `group` 1 ("with") or 0
 * ("without") at every landmark of the range. Flat parallel arrays, one entry
 * per range, so that millions of ranges cost no objects. A lead may have
 * several ranges (it can move between groups), never two covering the same
 * landmark; landmarks where it has no range do not count it at all.
 */
export interface LandmarkRanges {
  readonly lead: Int32Array;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly group: Uint8Array;
  /** How many ranges of the arrays are used (they may be longer). */
  readonly length: number;
}

/**
 * The moments at which scores are compared: lead ages 0, step, 2·step, …
 * up to the observation window. Landmark k of lead i is the instant
 * createdAt + k·step; the lead is "at risk" there — still with marketing,
 * its score in use — while that instant is before its cut-off.
 */
export interface LandmarkGrid {
  readonly stepDays: number;
  /** Number of landmarks (ages 0 … (count − 1)·step, all within the window). */
  readonly count: number;
  /** Landmarks 0 … atRisk[i] − 1 are before lead i's cut-off; 0 for leads without dates. */
  readonly atRisk: Int32Array;
  /** Leads with a known creation and cut-off (the others sit out every landmark comparison). */
  readonly datedLeads: number;
}

/**
 * The landmark grid of a training population, or null when no lead has both
 * a creation date and a cut-off (then there is no age to compare at).
 */
export function landmarkGrid(population: TrainingPopulation, stepDays: number, windowDays: number): LandmarkGrid | null {
  const count = Math.max(1, Math.ceil(windowDays / stepDays));
  const atRisk = new Int32Array(population.leads.length);
  let datedLeads = 0;
  for (let i = 0; i < atRisk.length; i++) {
    const exposure = population.exposureDays[i];
    if (Number.isNaN(exposure)) continue;
    datedLeads += 1;
    atRisk[i] = exposure > 0 ? Math.min(count, Math.ceil(exposure / stepDays)) : 0;
  }
  return datedLeads === 0 ? null : { stepDays, count, atRisk, datedLeads };
}

/**
 * Ranges for "did it before this landmark": without it from creation until
 * the first landmark after its first occurrence, with it from there on (an
 * occurrence at the landmark instant itself does not count: strictly before).
 * @param firstAt per lead, the first occurrence before the cut-off (epoch ms; NaN: never).
 */
export function didByLandmarkRanges(grid: LandmarkGrid, population: TrainingPopulation, firstAt: ArrayLike<number>): LandmarkRanges {
  const ranges = rangeBuffer(2 * grid.datedLeads);
  const stepMs = grid.stepDays * DAY_MS;
  for (let i = 0; i < grid.atRisk.length; i++) {
    const end = grid.atRisk[i];
    if (end === 0) continue;
    const createdAt = population.leads[i].createdAt as number;
    const first = firstAt[i];
    const switchAt = Number.isNaN(first) ? end : Math.min(end, firstLandmarkAfter(first - createdAt, stepMs));
    ranges.push(i, 0, switchAt, 0);
    ranges.push(i, switchAt, end, 1);
  }
  return ranges.done();
}

/**
 * Ranges for "quiet": no activity (any event, or creation) in the `days`
 * before the landmark — the runtime's inactivity rule evaluated at each
 * landmark. Walks every at-risk landmark of every dated lead, finding the
 * latest event strictly before it by walking the lead's events once, and
 * merges runs of the same group into ranges.
 */
export function quietRanges(grid: LandmarkGrid, population: TrainingPopulation, index: LeadEventIndex, days: number): LandmarkRanges {
  const limitMs = days * DAY_MS;
  const ranges = rangeBuffer(2 * grid.datedLeads);
  const stepMs = grid.stepDays * DAY_MS;
  const { start, end, times } = index;
  for (let i = 0; i < grid.atRisk.length; i++) {
    const createdAt = population.leads[i].createdAt as number;
    let next = start[i];
    let last = Number.NaN;
    let runStart = 0;
    let runGroup = -1;
    for (let k = 0; k < grid.atRisk[i]; k++) {
      const at = createdAt + k * stepMs;
      while (next < end[i] && times[next] < at) {
        last = times[next];
        next++;
      }
      // This keeps the comparison as it has been: a lead with no event before the landmark counts as not quiet
      // (Math.max with NaN), though the runtime would call it quiet once its creation is old enough.
      const group = at - Math.max(createdAt, last) >= limitMs ? 1 : 0;
      if (group === runGroup) continue;
      if (runGroup >= 0) ranges.push(i, runStart, k, runGroup as 0 | 1);
      runStart = k;
      runGroup = group;
    }
    if (runGroup >= 0) ranges.push(i, runStart, grid.atRisk[i], runGroup as 0 | 1);
  }
  return ranges.done();
}

/** First landmark index whose instant is strictly after an occurrence `offsetMs` after creation. */
function firstLandmarkAfter(offsetMs: number, stepMs: number): number {
  return offsetMs < 0 ? 0 : Math.floor(offsetMs / stepMs) + 1;
}

/** A growable `LandmarkRanges` (empty ranges are not pushed). */
export function rangeBuffer(initial: number) {
  let capacity = Math.max(16, initial);
  let lead: Int32Array<ArrayBuffer> = new Int32Array(capacity);
  let start: Int32Array<ArrayBuffer> = new Int32Array(capacity);
  let end: Int32Array<ArrayBuffer> = new Int32Array(capacity);
  let group: Uint8Array<ArrayBuffer> = new Uint8Array(capacity);
  let length = 0;
  return {
    push(i: number, from: number, to: number, g: 0 | 1) {
      if (to <= from) return;
      if (length === capacity) {
        capacity *= 2;
        lead = growArray(lead, capacity);
        start = growArray(start, capacity);
        end = growArray(end, capacity);
        group = growArray(group, capacity);
      }
      lead[length] = i;
      start[length] = from;
      end[length] = to;
      group[length] = g;
      length += 1;
    },
    done(): LandmarkRanges {
      return { lead, start, end, group, length };
    },
  };
}
