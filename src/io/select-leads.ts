import { selectEventLeads } from "./event-store.js";
import { inheritOutcomesByLead } from "./lead-outcomes.js";
import type { CrmData } from "./load-crm.js";
import type { OutcomeRecord } from "./records.js";

/**
 * The export restricted to some of its leads (a training split): the leads
 * at `leadIndexes` (positions in `crm.leads`, in that order), a view of
 * their events — the same columns, no event copied — and their outcomes
 * (in the export's order). Everything else (files, issues, account
 * outcomes) is the whole export's.
 */
export function selectLeads(crm: CrmData, leadIndexes: ArrayLike<number>): CrmData {
  const leads = Array.from(leadIndexes, (i) => crm.leads[i]);
  const ids = new Set(leads.map((lead) => lead.leadId));
  const outcomes = new Map<string, OutcomeRecord>();
  for (const [id, outcome] of crm.outcomes) if (ids.has(id)) outcomes.set(id, outcome);
  const part = { ...crm, leads, events: selectEventLeads(crm.events, leadIndexes), outcomes };
  inheritOutcomesByLead(part, crm, leadIndexes);
  return part;
}
