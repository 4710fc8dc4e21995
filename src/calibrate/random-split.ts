import type { CrmData } from "../io/load-crm.js";
import { selectLeads } from "../io/select-leads.js";
import { mulberry32 } from "../stats/mulberry32.js";

/**
 * A seeded, outcome-stratified random split of an export (for exports
 * without dates, where an out-of-time split is impossible): `holdoutShare`
 * of the won leads and of the other leads are held out. Not a substitute for
 * an out-of-time check — it cannot reveal drift — and reported as such.
 */
export function splitAtRandom(crm: CrmData, holdoutShare: number, seed: number): { train: CrmData; holdout: CrmData } {
  const random = mulberry32(seed);
  const held = new Set<string>();
  for (const group of [true, false]) {
    const ids = crm.leads.filter((l) => (crm.outcomes.get(l.leadId)?.status === "won") === group).map((l) => l.leadId);
    for (let i = ids.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [ids[i], ids[j]] = [ids[j], ids[i]];
    }
    for (const id of ids.slice(0, Math.round(ids.length * holdoutShare))) held.add(id);
  }
  const train: number[] = [];
  const holdout: number[] = [];
  crm.leads.forEach((lead, i) => (held.has(lead.leadId) ? holdout : train).push(i));
  return { train: selectLeads(crm, train), holdout: selectLeads(crm, holdout) };
}
