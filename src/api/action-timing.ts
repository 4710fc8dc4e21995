import { inMemoryFeatureEngine, type ActionIndicators } from "../features/action-indicators.js";
import { buildTrainingPopulation } from "../features/training-population.js";
import { loadCrm } from "../io/load-crm.js";
import { resolveConfig, type ConfigInput } from "./config-input.js";
import { isLoaded, type CrmInput } from "./train.js";

/** When one action's events happened relative to the leads' cut-offs, as training counts them. */
export interface ActionTiming {
  readonly action: string;
  /** The action's most frequent category in the export (null when the export has none). */
  readonly category: string | null;
  /** Events of won or lost leads (the leads training learns from). */
  readonly events: number;
  /** Counted by training: strictly before the lead's cut-off (hand-off, else close, and within the observation window). */
  readonly beforeCutoff: number;
  /** Before hand-off (or close) but after the observation window ended: ignored so long-lived leads do not look busier. */
  readonly afterWindow: number;
  /** At or after hand-off (or close, without a hand-off date): activity sales saw, which never earns points. */
  readonly afterHandoff: number;
  /** `afterHandoff / events`: near 1 for actions sales does (calls, proposals), the leakage candidates; null with no events. */
  readonly shareAfterHandoff: number | null;
  /** Won or lost leads with at least one event of the action, at any time. */
  readonly leads: number;
  /** Of those, leads with an event training counts: the "leads with" the action in the lift comparison. */
  readonly leadsBeforeCutoff: number;
  /** Events of leads training leaves out (open, or with no outcome treated as open). */
  readonly eventsOfUntrainedLeads: number;
}

/**
 * Per action, how many events happened before the point-in-time cut-off,
 * after the observation window, and at or after hand-off — one row per
 * action seen in the events, most events first. An action that mostly
 * happens after hand-off (a sales call, a proposal) is a leakage
 * candidate: it would look like a strong predictor of closing if its
 * timing were ignored. Training's own rule decides (the feature engine's
 * `occurredAt < cutoffAt`, strictly; with no dates to bound a lead, every
 * event counts), so the columns add up to the model's `training.events`:
 * `beforeCutoff` to `counted`, `afterWindow + afterHandoff` to
 * `afterCutoff`, `eventsOfUntrainedLeads` to `ofUntrainedLeads`.
 * @param inputs paths (`{ leads, events?, outcomes? }`) or data loaded with `loadCrm`.
 * @param config partial settings or a parsed config (`training.observationWindowDays` bounds the window). Default: all defaults.
 * @throws LeadliftError for an invalid config or unreadable files or columns.
 */
export async function summariseActionTiming(inputs: CrmInput, config?: ConfigInput): Promise<ActionTiming[]> {
  const parsed = resolveConfig(config);
  const crm = isLoaded(inputs) ? inputs : await loadCrm(inputs, parsed);
  const population = buildTrainingPopulation(crm, parsed.training.observationWindowDays);
  // The same leads with the cut-off at hand-off (or close) alone: an unbounded window.
  const beforeHandoffPopulation = buildTrainingPopulation(crm, Number.POSITIVE_INFINITY);
  const counted = inMemoryFeatureEngine.actionIndicators(population, crm.events);
  const beforeHandoff = inMemoryFeatureEngine.actionIndicators(beforeHandoffPopulation, crm.events);

  const trained = new Map<string, number>();
  population.leads.forEach((lead, i) => trained.set(lead.leadId, i));
  const totals = new Map<string, { events: number; untrained: number; leads: Set<number> }>();
  for (const event of crm.events) {
    let total = totals.get(event.action);
    if (total === undefined) {
      total = { events: 0, untrained: 0, leads: new Set() };
      totals.set(event.action, total);
    }
    const i = trained.get(event.leadId);
    if (i === undefined) total.untrained += 1;
    else {
      total.events += 1;
      total.leads.add(i);
    }
  }

  const rows = counted.actions.map((action, a): ActionTiming => {
    const total = totals.get(action)!;
    const beforeCutoff = sum(counted.counts[a]);
    const beforeHandoffEvents = sum(countsOf(beforeHandoff, action));
    return {
      action,
      category: counted.categories[a],
      events: total.events,
      beforeCutoff,
      afterWindow: beforeHandoffEvents - beforeCutoff,
      afterHandoff: total.events - beforeHandoffEvents,
      shareAfterHandoff: total.events > 0 ? (total.events - beforeHandoffEvents) / total.events : null,
      leads: total.leads.size,
      leadsBeforeCutoff: counted.counts[a].reduce((n, count) => n + (count > 0 ? 1 : 0), 0),
      eventsOfUntrainedLeads: total.untrained,
    };
  });
  return rows.sort((x, y) => y.events - x.events || (x.action < y.action ? -1 : x.action > y.action ? 1 : 0));
}

function countsOf(indicators: ActionIndicators, action: string): Uint32Array {
  return indicators.counts[indicators.actions.indexOf(action)];
}

function sum(counts: Uint32Array): number {
  let total = 0;
  for (const count of counts) total += count;
  return total;
}
