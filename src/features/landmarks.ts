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
 * before the landmark — the runtime's inactivity rule evaluated at each landmark.
 */
export function quietRanges(grid: LandmarkGrid, population: TrainingPopulation, index: LeadEventIndex, days: number): LandmarkRanges {
  return walkRanges(grid, population, index, -1, days * DAY_MS, QUIET);
}

/**
 * Ranges among leads that did `action` before the landmark: 1 when its
 * latest occurrence is at most `recentDays` old there, 0 when older; no
 * range before the first occurrence (the lead is not in this comparison).
 * @param action a store action id (`ActionIndicators.actionIds`).
 */
export function recentOccurrenceRanges(
  grid: LandmarkGrid,
  population: TrainingPopulation,
  index: LeadEventIndex,
  action: number,
  recentDays: number,
  doers: Uint8Array = leadsWithAction(index, action),
): LandmarkRanges {
  return walkRanges(grid, population, index, action, recentDays * DAY_MS, RECENT, doers);
}

/** Values of occurrence ages handed on at once (a walk never boxes a number per landmark). */
const AGE_BATCH = 4096;

/**
 * Visits the age (days) of the latest occurrence of `action` at every
 * landmark where the lead had done it, lead by lead and landmark by
 * landmark, in batches: for choosing the recent/old cut. A walk rather than
 * an array: at a million leads the ages run to tens of millions.
 * @param action a store action id (`ActionIndicators.actionIds`).
 * @param doers `leadsWithAction(index, action)`, when the caller keeps it for several walks.
 */
export function visitOccurrenceAges(
  grid: LandmarkGrid,
  population: TrainingPopulation,
  index: LeadEventIndex,
  action: number,
  visit: (ages: Float64Array, count: number) => void,
  doers: Uint8Array = leadsWithAction(index, action),
): void {
  const stepMs = grid.stepDays * DAY_MS;
  const { start, end, times, actionIds } = index;
  const batch = new Float64Array(AGE_BATCH);
  let count = 0;
  for (let i = 0; i < grid.atRisk.length; i++) {
    if (doers[i] === 0) continue;
    const createdAt = population.leads[i].createdAt as number;
    // The latest occurrence strictly before each landmark, walking the lead's events once.
    let next = start[i];
    let last = Number.NaN;
    for (let k = 0; k < grid.atRisk[i]; k++) {
      const at = createdAt + k * stepMs;
      while (next < end[i] && times[next] < at) {
        if (actionIds[next] === action) last = times[next];
        next++;
      }
      if (Number.isNaN(last)) continue;
      batch[count++] = (at - last) / DAY_MS;
      if (count === AGE_BATCH) {
        visit(batch, count);
        count = 0;
      }
    }
  }
  if (count > 0) visit(batch, count);
}

/**
 * 1 for each lead with a counted event of store action `action`: the leads
 * an action's decay walks visit (each walk asked this of every lead by
 * scanning its events; learning one action's decay walks five times).
 */
export function leadsWithAction(index: LeadEventIndex, action: number): Uint8Array {
  const doers = new Uint8Array(index.start.length);
  for (let lead = 0; lead < doers.length; lead++) {
    for (let e = index.start[lead]; e < index.end[lead]; e++) {
      if (index.actionIds[e] === action) {
        doers[lead] = 1;
        break;
      }
    }
  }
  return doers;
}

/** Quiet at a landmark: no activity for `limitMs` (creation counts as activity). */
const QUIET = 0;
/** Recent at a landmark: the action's latest occurrence at most `limitMs` old; no group before the first one. */
const RECENT = 1;

/**
 * Walks every at-risk landmark of every dated lead, finding the latest event
 * strictly before it (of `action`, or of any action when −1) by walking the
 * lead's events once, classifies the lead there (`kind`: QUIET or RECENT),
 * and merges runs of the same group into ranges. Leads that never did a
 * RECENT comparison's action (0 in `doers`) are skipped (they would have no group anywhere).
 */
function walkRanges(
  grid: LandmarkGrid,
  population: TrainingPopulation,
  index: LeadEventIndex,
  action: number,
  limitMs: number,
  kind: number,
  doers: Uint8Array | null = null,
): LandmarkRanges {
  const ranges = rangeBuffer(2 * grid.datedLeads);
  const stepMs = grid.stepDays * DAY_MS;
  const { start, end, times, actionIds } = index;
  for (let i = 0; i < grid.atRisk.length; i++) {
    if (kind === RECENT && (doers as Uint8Array)[i] === 0) continue;
    const createdAt = population.leads[i].createdAt as number;
    let next = start[i];
    let last = Number.NaN;
    let runStart = 0;
    let runGroup = -1;
    for (let k = 0; k < grid.atRisk[i]; k++) {
      const at = createdAt + k * stepMs;
      while (next < end[i] && times[next] < at) {
        if (action < 0 || actionIds[next] === action) last = times[next];
        next++;
      }
      // QUIET keeps the comparison as it has been: a lead with no event before the landmark counts as not quiet
      // (Math.max with NaN), though the runtime would call it quiet once its creation is old enough.
      const group =
        kind === QUIET
          ? at - Math.max(createdAt, last) >= limitMs ? 1 : 0
          : Number.isNaN(last) ? -1 : at - last <= limitMs ? 1 : 0;
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

function rangeBuffer(initial: number) {
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
