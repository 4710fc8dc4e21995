import type { CrmData } from "../io/load-crm.js";

/** An export split in time: train on the earlier leads, hold out the latest. */
export interface TimeSplit {
  readonly train: CrmData;
  readonly holdout: CrmData;
  /** Leads created at or after this instant are held out (epoch ms). */
  readonly splitAt: number;
}

/**
 * Splits leads by `created_at`: the latest `holdoutShare` of leads (ties kept
 * together) form the hold-out, the rest the training part; each keeps its
 * own events and outcomes. Null when leads lack creation dates or either
 * side would be empty — the out-of-time check is then reported as not made.
 */
export function splitByCreation(crm: CrmData, holdoutShare: number): TimeSplit | null {
  if (!crm.timestamps.createdAt || crm.leads.length < 2) return null;
  const times = crm.leads.map((l) => l.createdAt as number).sort((a, b) => a - b);
  const splitAt = times[Math.min(times.length - 1, Math.floor(times.length * (1 - holdoutShare)))];
  const isTrain = (createdAt: number | null) => (createdAt as number) < splitAt;
  const trainIds = new Set(crm.leads.filter((l) => isTrain(l.createdAt)).map((l) => l.leadId));
  if (trainIds.size === 0 || trainIds.size === crm.leads.length) return null;
  const part = (keep: (id: string) => boolean): CrmData => ({
    ...crm,
    leads: crm.leads.filter((l) => keep(l.leadId)),
    events: crm.events.filter((e) => keep(e.leadId)),
    outcomes: new Map([...crm.outcomes].filter(([id]) => keep(id))),
  });
  return { train: part((id) => trainIds.has(id)), holdout: part((id) => !trainIds.has(id)), splitAt };
}
