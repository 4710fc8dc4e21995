import type { CrmData } from "../io/load-crm.js";
import type { TrainingPopulation } from "../features/training-population.js";
import { createScorer, type EventInput } from "../runtime/index.js";
import type { ModelV1 } from "./types.js";

/**
 * Scores of a population's leads at their cut-offs under `model`, computed
 * by the runtime scorer (events strictly before the cut-off), so hold-out
 * evaluation measures exactly what services will compute.
 */
export function scoreAtCutoff(crm: CrmData, population: TrainingPopulation, model: ModelV1): Float64Array {
  const scorer = createScorer(model);
  const eventsByLead = new Map<string, EventInput[]>();
  for (const event of crm.events) {
    let list = eventsByLead.get(event.leadId);
    if (!list) eventsByLead.set(event.leadId, (list = []));
    list.push({ action: event.action, occurredAt: event.occurredAt });
  }
  const lastInstant = 8.64e15;
  return Float64Array.from(population.leads, (lead, i) => {
    const cutoffAt = Number.isNaN(population.cutoffAt[i]) ? lastInstant : population.cutoffAt[i];
    return scorer.score({ ...lead.profile, account_id: lead.accountId }, eventsByLead.get(lead.leadId) ?? [], cutoffAt).score;
  });
}
