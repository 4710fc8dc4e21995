import type { CrmData } from "./load-crm.js";
import type { OutcomeRecord } from "./records.js";

/**
 * Each lead's outcome by lead index — `crm.outcomes.get(crm.leads[i].leadId)`
 * — looked up once per export and shared (kept as long as `crm` lives, like
 * `leadColumns`): the training population and the lead columns each looked
 * every lead up by its id text, for the export and for both halves of each
 * split — at 200k leads half of buildTrainingPopulation's and two thirds of
 * leadColumns' time. Loading remembers the outcomes it settled lead by lead
 * (`rememberOutcomesByLead`), and a split's come from its export's by index
 * (`inheritOutcomesByLead`): no lookup at all.
 */
const outcomesOf = new WeakMap<CrmData, ReadonlyArray<OutcomeRecord | undefined>>();

/** Each lead's outcome by lead index (undefined: the lead has none). */
export function outcomesByLead(crm: CrmData): ReadonlyArray<OutcomeRecord | undefined> {
  let found = outcomesOf.get(crm);
  if (found) return found;
  const made = new Array<OutcomeRecord | undefined>(crm.leads.length);
  for (let i = 0; i < crm.leads.length; i++) made[i] = crm.outcomes.get(crm.leads[i].leadId);
  found = made;
  outcomesOf.set(crm, found);
  return found;
}

/** Records `byLead` as `crm`'s outcomes by lead: for `loadCrm`, which looked every lead's up as it settled them. */
export function rememberOutcomesByLead(crm: CrmData, byLead: ReadonlyArray<OutcomeRecord | undefined>): void {
  outcomesOf.set(crm, byLead);
}

/**
 * Records `part`'s outcomes by lead as `whole`'s at `leadIndexes`: for
 * `selectLeads`, whose `part` has the leads of `whole` at those positions and
 * their outcomes (the same records under the same ids), so that each of its
 * leads finds the outcome a lookup in `part.outcomes` would.
 */
export function inheritOutcomesByLead(part: CrmData, whole: CrmData, leadIndexes: ArrayLike<number>): void {
  const outcomes = outcomesByLead(whole);
  const picked = new Array<OutcomeRecord | undefined>(leadIndexes.length);
  for (let k = 0; k < leadIndexes.length; k++) picked[k] = outcomes[leadIndexes[k]];
  outcomesOf.set(part, picked);
}
