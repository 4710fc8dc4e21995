import { selectEventLeads } from "./event-store.js";
import { inheritOutcomesByLead } from "./lead-outcomes.js";
import type { CrmData } from "./load-crm.js";
import type { LeadRecord, OutcomeRecord } from "./records.js";

/**
 * The export restricted to some of its leads (a training split): the leads
 * at `leadIndexes` (positions in `crm.leads`, in that order), a view of
 * their events — the same columns, no event copied — and their outcomes
 * (in the export's order). Everything else (files, issues, account
 * outcomes) is the whole export's.
 */
export function selectLeads(crm: CrmData, leadIndexes: ArrayLike<number>): CrmData {
  // Plain loops and forEach: Array.from of a typed array and for…of over a map's entries allocated an iterator result
  // or an entry pair per lead (40 MB a training at 200k leads).
  const leads = new Array<LeadRecord>(leadIndexes.length);
  const ids = new Set<string>();
  for (let k = 0; k < leadIndexes.length; k++) {
    leads[k] = crm.leads[leadIndexes[k]];
    ids.add(leads[k].leadId);
  }
  const outcomes = new Map<string, OutcomeRecord>();
  crm.outcomes.forEach((outcome, id) => {
    if (ids.has(id)) outcomes.set(id, outcome);
  });
  const part = { ...crm, leads, events: selectEventLeads(crm.events, leadIndexes), outcomes };
  inheritOutcomesByLead(part, crm, leadIndexes);
  return part;
}
