import type { EventStore } from "../io/event-store.js";
import type { TrainingPopulation } from "./training-population.js";

/**
 * Which leads of the population did each action before their cut-off:
 * action name → 0/1 per lead (population order); an action no lead did
 * before its cut-off is absent. The leakage rule of `actionIndicators` —
 * an event counts when `occurredAt < cutoffAt`, strictly (every event of a
 * lead without a cut-off) — read from the store's times and actions only:
 * no counts, first or last times, action order or categories, so it needs
 * none of the columns an engine may have left where the events were read.
 * Held-out scoring uses it (`heldOutFeatures`).
 * @param events the store of the export the population was built from (`population.leadIndex` points into it).
 */
export function actionsDoneBeforeCutoff(population: TrainingPopulation, events: EventStore): Map<string, Uint8Array> {
  const size = population.leads.length;
  const { times, actionIds } = events;
  const doneBy: Array<Uint8Array | undefined> = new Array(events.actions.length);
  for (let i = 0; i < size; i++) {
    const lead = population.leadIndex[i];
    const to = events.end[lead];
    const cutoffAt = population.cutoffAt[i];
    for (let e = events.start[lead]; e < to && (Number.isNaN(cutoffAt) || times[e] < cutoffAt); e++) {
      const id = actionIds[e];
      (doneBy[id] ??= new Uint8Array(size))[i] = 1;
    }
  }
  const done = new Map<string, Uint8Array>();
  doneBy.forEach((did, id) => did && done.set(events.actions[id], did));
  return done;
}
