import type { CrmData } from "../io/load-crm.js";
import { selectLeads } from "../io/select-leads.js";

/** An export split in time: train on the earlier leads, hold out the latest. */
export interface TimeSplit {
  readonly train: CrmData;
  readonly holdout: CrmData;
  /** Leads created at or after this instant are held out (epoch ms). */
  readonly splitAt: number;
}

/**
 * Splits leads by `created_at` among the leads old enough to judge (created
 * before `judgeableBefore`): the latest `holdoutShare` of those (ties kept
 * together) form the hold-out, every earlier lead the training part; leads
 * too recent to judge are in neither, so the hold-out's outcomes are known
 * rather than censored. Each part keeps its own events and outcomes (a view:
 * no event is copied). Null when leads lack creation dates or either side
 * would be empty — the out-of-time check is then reported as not made.
 * @param judgeableBefore epoch ms (default: every lead is judgeable).
 */
export function splitByCreation(crm: CrmData, holdoutShare: number, judgeableBefore = Infinity): TimeSplit | null {
  if (!crm.timestamps.createdAt || crm.leads.length < 2) return null;
  const times = crm.leads
    .map((l) => l.createdAt as number)
    .filter((t) => t < judgeableBefore)
    .sort((a, b) => a - b);
  if (times.length < 2) return null;
  const splitAt = times[Math.min(times.length - 1, Math.floor(times.length * (1 - holdoutShare)))];
  const train: number[] = [];
  const holdout: number[] = [];
  crm.leads.forEach((lead, i) => {
    const createdAt = lead.createdAt as number;
    if (createdAt < splitAt) train.push(i);
    else if (createdAt < judgeableBefore) holdout.push(i);
  });
  if (train.length === 0 || holdout.length === 0) return null;
  return { train: selectLeads(crm, train), holdout: selectLeads(crm, holdout), splitAt };
}
