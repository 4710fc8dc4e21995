import type { CrmData } from "../io/load-crm.js";
import type { TrainingPopulation } from "../features/training-population.js";
import { createScorer, type EventInput } from "leadlift-runtime";
import type { ModelV1 } from "../model/types.js";

/** FIT, PAIN and score per population lead (same index as the population). */
export interface PopulationScores {
  readonly fit: Float64Array;
  readonly pain: Float64Array;
  readonly score: Float64Array;
}

/**
 * Scores of a population's leads at their cut-offs under `model`, computed
 * by the runtime scorer (events strictly before the cut-off; leads without
 * dates at the end of the data), so training, hold-out evaluation and
 * reports measure exactly what services will compute.
 */
export function scoreAtCutoff(crm: CrmData, population: TrainingPopulation, model: ModelV1): PopulationScores {
  const scorer = createScorer(model);
  const { start, end, times, actionIds, actions } = crm.events;
  const lastInstant = 8.64e15;
  const size = population.leads.length;
  const scores: PopulationScores = { fit: new Float64Array(size), pain: new Float64Array(size), score: new Float64Array(size) };
  population.leads.forEach((lead, i) => {
    const cutoffAt = Number.isNaN(population.cutoffAt[i]) ? lastInstant : population.cutoffAt[i];
    const row = { ...lead.profile, account_id: lead.accountId, created_at: lead.createdAt };
    const index = population.leadIndex[i];
    const events: EventInput[] = [];
    for (let e = start[index]; e < end[index]; e++) events.push({ action: actions[actionIds[e]], occurredAt: times[e] });
    const scored = scorer.score(row, events, cutoffAt);
    scores.fit[i] = scored.fit;
    scores.pain[i] = scored.pain;
    scores.score[i] = scored.score;
  });
  return scores;
}
