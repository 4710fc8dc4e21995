/**
 * The DuckDB engine's counts made in JavaScript from the event store in
 * memory and the indicators (see `DuckDbTrainingEngine`): each lead's
 * counted events, features copied between populations, the landmark
 * comparison's groups, and the first appearances of actions.
 */
import type { ActionIndicators } from "../features/action-indicators.js";
import type { LeadEventIndex } from "../features/lead-event-index.js";
import type { LandmarkGrid } from "../features/landmarks.js";
import type { TrainingPopulation } from "../features/training-population.js";
import type { EventStore } from "../io/event-store.js";
import type { LandmarkGroups } from "../stats/landmark-lift.js";

/** A population's per-action features, as `ActionIndicators` holds them. */
export type FeatureArrays = Pick<ActionIndicators, "counts" | "firstAt" | "lastAt">;

/** Indicators counted for a population, with its leads' root positions and cut-offs (what a lead's features depend on). */
export interface CountedIndicators {
  readonly indicators: ActionIndicators;
  readonly rootLeads: Int32Array;
  readonly cutoffAt: Float64Array;
}

/** The counted events of a population's leads in the store in memory: each lead's events before its cut-off. */
export function countedIndex(population: TrainingPopulation, events: EventStore): LeadEventIndex {
  const size = population.leads.length;
  const start = new Int32Array(size);
  const end = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const index = population.leadIndex[i];
    const from = events.start[index];
    let to = events.end[index];
    const cutoffAt = population.cutoffAt[i];
    if (!Number.isNaN(cutoffAt)) {
      let low = from;
      while (low < to) {
        const middle = (low + to) >>> 1;
        if (events.times[middle] < cutoffAt) low = middle + 1;
        else to = middle;
      }
    }
    start[i] = from;
    end[i] = to;
  }
  return { start, end, times: events.times, actionIds: events.actionIds };
}

/**
 * Copies into `into` the features of the leads that `previous` counted
 * with the same cut-off (the same lead: the same root position; NaN, no
 * cut-off, equals NaN) — a lead's features depend on nothing else — and
 * returns the indexes of the other leads, still to count. Every action
 * such a lead did before its cut-off is among the new indicators' (its
 * events are in the new store: `indicatorOf`), so none is lost.
 * @param indicatorOf the new indicator of each action id (−1: none).
 */
export function copyCountedLeads(previous: CountedIndicators, rootLeads: Int32Array, cutoffAt: Float64Array, indicatorOf: Int32Array, into: FeatureArrays): Int32Array {
  let rootSize = 0;
  for (let j = 0; j < previous.rootLeads.length; j++) rootSize = Math.max(rootSize, previous.rootLeads[j] + 1);
  const previousOf = new Int32Array(rootSize).fill(-1);
  previous.rootLeads.forEach((root, j) => (previousOf[root] = j));
  const size = rootLeads.length;
  const from = new Int32Array(size).fill(-1);
  const fresh: number[] = [];
  for (let i = 0; i < size; i++) {
    const j = rootLeads[i] < rootSize ? previousOf[rootLeads[i]] : -1;
    const same = j >= 0 && (previous.cutoffAt[j] === cutoffAt[i] || (Number.isNaN(previous.cutoffAt[j]) && Number.isNaN(cutoffAt[i])));
    if (same) from[i] = j;
    else fresh.push(i);
  }
  const old = previous.indicators;
  old.actionIds.forEach((id, b) => {
    const a = indicatorOf[id];
    const oldCounts = old.counts[b];
    const oldFirst = old.firstAt[b];
    const oldLast = old.lastAt[b];
    for (let i = 0; i < size; i++) {
      const j = from[i];
      if (j < 0 || oldCounts[j] === 0) continue;
      into.counts[a][i] = oldCounts[j];
      into.firstAt[a][i] = oldFirst[j];
      into.lastAt[a][i] = oldLast[j];
    }
  });
  return Int32Array.from(fresh);
}

/**
 * The leads at risk that did an action, by (switch landmark, at_risk,
 * won) — train-sql's landmark_groups rows for one action — sorted by
 * at_risk, won and switch. Returns [switch, at_risk, won, leads] tuples.
 * @param count per lead, how often it did the action before its cut-off (0: never).
 * @param firstAt per lead, the first time it did (epoch ms).
 * @param landmarks the grid's landmark count (no switch or at_risk exceeds it).
 */
export function doerGroups(count: ArrayLike<number>, firstAt: ArrayLike<number>, createdAt: ArrayLike<number>, won: ArrayLike<number>, atRisk: ArrayLike<number>, stepMs: number, landmarks: number): Array<[number, number, number, number]> {
  // Tallied in a dense array indexed (at_risk · 2 + won) · span + switch, so that the indexes' order is the groups'
  // order (a Map by that key took 0.14 s for 200k leads and 12 actions, most of the landmark groups' time).
  const span = landmarks + 1;
  const tally = new Float64Array((landmarks * 2 + 2) * span);
  for (let i = 0; i < atRisk.length; i++) {
    if (atRisk[i] <= 0 || count[i] === 0) continue;
    tally[(atRisk[i] * 2 + won[i]) * span + switchLandmark(firstAt[i], createdAt[i], atRisk[i], stepMs)] += 1;
  }
  const groups: Array<[number, number, number, number]> = [];
  for (let key = 0; key < tally.length; key++) {
    if (tally[key] === 0) continue;
    const riskWon = Math.floor(key / span);
    groups.push([key - riskWon * span, Math.floor(riskWon / 2), riskWon % 2, tally[key]]);
  }
  return groups;
}

/**
 * The landmark at which a lead starts to count as having done an action,
 * as train-sql's `switchLandmarkSql` computes it: the first landmark
 * strictly after its first occurrence (0 when that came before creation),
 * at most `atRisk` (also when the creation is unknown: SQL's least()
 * ignores the NULL).
 */
export function switchLandmark(firstAt: number, createdAt: number, atRisk: number, stepMs: number): number {
  if (Number.isNaN(createdAt)) return atRisk;
  return Math.min(atRisk, firstAt < createdAt ? 0 : Math.floor((firstAt - createdAt) / stepMs) + 1);
}

/**
 * The position of each of `ids` in `all` when they come in the same order
 * (a split's part keeps the export's order of leads), found by walking
 * both; null when they do not. A Map of the export's 1M lead ids took
 * 0.28 s to build.
 */
export function inOrderPositions(ids: readonly string[], all: readonly string[]): Int32Array | null {
  const positions = new Int32Array(ids.length);
  let r = 0;
  for (let k = 0; k < ids.length; k++) {
    while (r < all.length && all[r] !== ids[k]) r++;
    if (r === all.length) return null;
    positions[k] = r++;
  }
  return positions;
}

/** Whether two landmark grids are the same landmarks (grids are rebuilt from the same population by each training step). */
export function sameGrid(a: LandmarkGrid | null, b: LandmarkGrid): boolean {
  if (a === b) return true;
  if (a === null || a.stepDays !== b.stepDays || a.count !== b.count || a.datedLeads !== b.datedLeads || a.atRisk.length !== b.atRisk.length) return false;
  for (let i = 0; i < a.atRisk.length; i++) if (a.atRisk[i] !== b.atRisk[i]) return false;
  return true;
}

/** Groups (switch, at_risk, won, leads) as units with two ranges each: without before `switch`, with from it. */
export function groupsToUnits(groups: ReadonlyArray<readonly [number, number, number, number]>): LandmarkGroups {
  const count = groups.length;
  const lead = new Int32Array(2 * count);
  const start = new Int32Array(2 * count);
  const end = new Int32Array(2 * count);
  const group = new Uint8Array(2 * count);
  let length = 0;
  const push = (unit: number, from: number, to: number, g: 0 | 1) => {
    if (to <= from) return;
    lead[length] = unit;
    start[length] = from;
    end[length] = to;
    group[length] = g;
    length += 1;
  };
  groups.forEach(([switchAt, atRisk], unit) => {
    push(unit, 0, switchAt, 0);
    push(unit, switchAt, atRisk, 1);
  });
  return {
    won: Uint8Array.from(groups, (g) => g[2]),
    multiplicity: Float64Array.from(groups, (g) => g[3]),
    ranges: { lead, start, end, group, length },
  };
}

/**
 * Each action's first appearance (its smallest `firstSeq` over its rows),
 * in order of first appearance: the order reading the file row by row gives.
 */
export function firstAppearances(action: Int32Array, firstSeq: Float64Array): { id: number; first: number }[] {
  const first = new Map<number, number>();
  for (let r = 0; r < action.length; r++) {
    const seen = first.get(action[r]);
    if (seen === undefined || firstSeq[r] < seen) first.set(action[r], firstSeq[r]);
  }
  return Array.from(first, ([id, at]) => ({ id, first: at })).sort((x, y) => x.first - y.first);
}
