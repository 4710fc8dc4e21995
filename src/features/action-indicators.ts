import type { EventStore } from "../io/event-store.js";
import type { LeadEventIndex } from "./lead-event-index.js";
import type { LandmarkGrid } from "./landmarks.js";
import type { TrainingPopulation } from "./training-population.js";

/** Per-action counts of pre-cut-off events for every training lead. */
export interface ActionIndicators {
  /** Actions in the order they first appear in the export's events (file order). */
  readonly actions: string[];
  /** Each action's id in the event store (`actions[a]` is `store.actions[actionIds[a]]`). */
  readonly actionIds: Int32Array;
  /** Most frequent category seen for each action (null when the export has none; a tie goes to the category seen first). */
  readonly categories: Array<string | null>;
  /** counts[a][i] = events of action a by training lead i strictly before its cut-off. */
  readonly counts: Uint32Array[];
  /** firstAt[a][i] = earliest such event (epoch ms), NaN when none: when the lead started to count as a doer. */
  readonly firstAt: Float64Array[];
  /** lastAt[a][i] = latest such event (epoch ms), NaN when none: the age of an action at the cut-off. */
  readonly lastAt: Float64Array[];
  /** The same counted events, by lead and time, for comparisons at landmarks (a view on the store). */
  readonly index: LeadEventIndex;
  /** Events not counted: at or after the lead's cut-off (post-hand-off activity, or past the window). */
  readonly eventsAfterCutoff: number;
  /** Events of leads outside the training population (open leads). */
  readonly eventsOfUntrainedLeads: number;
  readonly eventsCounted: number;
}

/**
 * Builds the lead × action features. An interface so that an engine for
 * data that does not fit in memory (e.g. DuckDB) can replace the in-memory one.
 */
export interface FeatureEngine {
  /**
   * @param events the store of the export the population was built from
   *   (`population.leadIndex` points into it).
   * @param grid the landmarks the population will be compared at, when
   *   known: an engine that keeps the population elsewhere (DuckDB) stores
   *   them with it at once rather than storing the population again when
   *   they are asked about. The indicators do not depend on it.
   */
  actionIndicators(population: TrainingPopulation, events: EventStore, grid?: LandmarkGrid | null): ActionIndicators;
}

/**
 * One pass over the store's columns into typed arrays keyed by lead — no
 * pivot, no per-lead or per-event objects. The leakage rule is applied
 * here: `occurredAt < cutoffAt`, strictly; as each lead's events are sorted
 * by time, its counted events are the start of them, up to the cut-off.
 */
export const inMemoryFeatureEngine: FeatureEngine = {
  actionIndicators(population, events) {
    const size = population.leads.length;
    const { actionIds: storeActions, times } = events;
    const { actions, actionIds, categories } = actionsInFileOrder(events);
    const indicatorOf = new Int32Array(events.actions.length).fill(-1);
    actionIds.forEach((id, a) => (indicatorOf[id] = a));
    const counts = actions.map(() => new Uint32Array(size));
    const firstAt = actions.map(() => new Float64Array(size).fill(Number.NaN));
    const lastAt = actions.map(() => new Float64Array(size).fill(Number.NaN));
    const start = new Int32Array(size);
    const end = new Int32Array(size);
    let eventsAfterCutoff = 0;
    let eventsCounted = 0;
    for (let i = 0; i < size; i++) {
      const lead = population.leadIndex[i];
      const from = events.start[lead];
      const to = events.end[lead];
      const cutoffAt = population.cutoffAt[i];
      let counted = from;
      if (Number.isNaN(cutoffAt)) counted = to;
      else while (counted < to && times[counted] < cutoffAt) counted++;
      for (let e = from; e < counted; e++) {
        const a = indicatorOf[storeActions[e]];
        counts[a][i] += 1;
        if (!(firstAt[a][i] <= times[e])) firstAt[a][i] = times[e];
        lastAt[a][i] = times[e];
      }
      start[i] = from;
      end[i] = counted;
      eventsCounted += counted - from;
      eventsAfterCutoff += to - counted;
    }
    return {
      actions,
      actionIds,
      categories,
      counts,
      firstAt,
      lastAt,
      index: { start, end, times, actionIds: storeActions },
      eventsAfterCutoff,
      eventsOfUntrainedLeads: events.length - eventsCounted - eventsAfterCutoff,
      eventsCounted,
    };
  },
};

/**
 * The actions that occur in the store's events, in the order they first
 * appear in the file, each with its most frequent category (ties: the
 * category that appeared first) — what reading the file row by row and
 * tallying as it goes gives, for any subset of the export's leads.
 */
export function actionsInFileOrder(events: EventStore): { actions: string[]; actionIds: Int32Array; categories: Array<string | null> } {
  const actionCount = events.actions.length;
  const categoryCount = events.categories.length;
  const firstSeen = new Float64Array(actionCount).fill(Infinity);
  // Tallies per (action, category): how often, and first seen where (dense when small, else by key).
  const dense = actionCount * categoryCount <= 1 << 22;
  const pairCount = dense ? new Int32Array(actionCount * categoryCount) : null;
  const pairFirst = dense ? new Float64Array(actionCount * categoryCount).fill(Infinity) : null;
  const sparse = new Map<number, { count: number; first: number }>();
  const { start, end, actionIds, categoryIds, sequence } = events;
  for (let i = 0; i < start.length; i++) {
    for (let e = start[i]; e < end[i]; e++) {
      const id = actionIds[e];
      const at = sequence[e];
      if (at < firstSeen[id]) firstSeen[id] = at;
      const category = categoryIds[e];
      if (category < 0) continue;
      const key = id * categoryCount + category;
      if (pairCount && pairFirst) {
        pairCount[key] += 1;
        if (at < pairFirst[key]) pairFirst[key] = at;
        continue;
      }
      const pair = sparse.get(key);
      if (pair === undefined) sparse.set(key, { count: 1, first: at });
      else {
        pair.count += 1;
        if (at < pair.first) pair.first = at;
      }
    }
  }
  if (pairCount && pairFirst) pairCount.forEach((count, key) => count > 0 && sparse.set(key, { count, first: pairFirst[key] }));
  const present: number[] = [];
  for (let id = 0; id < actionCount; id++) if (firstSeen[id] < Infinity) present.push(id);
  present.sort((x, y) => firstSeen[x] - firstSeen[y]);
  const best = new Map<number, { category: number; count: number; first: number }>();
  for (const [key, pair] of sparse) {
    const id = Math.floor(key / categoryCount);
    const current = best.get(id);
    if (!current || pair.count > current.count || (pair.count === current.count && pair.first < current.first)) {
      best.set(id, { category: key - id * categoryCount, ...pair });
    }
  }
  return {
    actions: present.map((id) => events.actions[id]),
    actionIds: Int32Array.from(present),
    categories: present.map((id) => {
      const chosen = best.get(id);
      return chosen ? events.categories[chosen.category] : null;
    }),
  };
}

/** 0/1 indicator "did the action at least once before cut-off". */
export function didAction(counts: Uint32Array): Uint8Array {
  const did = new Uint8Array(counts.length);
  for (let i = 0; i < counts.length; i++) did[i] = counts[i] > 0 ? 1 : 0;
  return did;
}
