import type { CrmData } from "../io/load-crm.js";
import { selectLeads } from "../io/select-leads.js";

/** An export split in time: train on the earlier leads, hold out the latest. */
export interface TimeSplit {
  readonly train: CrmData;
  readonly holdout: CrmData;
  /** Leads created at or after this instant are held out (epoch ms). */
  readonly splitAt: number;
  /** Leads without a creation date, in neither part. */
  readonly undated: number;
}

/**
 * Splits leads by `created_at` among the leads old enough to judge (created
 * before `judgeableBefore`): the latest `holdoutShare` of those (ties kept
 * together) form the hold-out, every earlier lead the training part; leads
 * too recent to judge are in neither, so the hold-out's outcomes are known
 * rather than censored. Leads without a creation date are in neither part:
 * they cannot be placed before or after the split, and in the training part
 * (as they were, dated 1970) their later events would leak into a model
 * judged on earlier leads. Each part keeps its own events and outcomes (a
 * view: no event is copied). Null when leads lack creation dates or either
 * side would be empty — the out-of-time check is then reported as not made.
 * @param judgeableBefore epoch ms (default: every lead is judgeable).
 */
export function splitByCreation(crm: CrmData, holdoutShare: number, judgeableBefore = Infinity): TimeSplit | null {
  if (!crm.timestamps.createdAt || crm.leads.length < 2) return null;
  // Sorted as a typed array: numerically, with no comparator call per pair (1M dates: 0.28 s instead of 1.8 s).
  const times = new Float64Array(crm.leads.length);
  let count = 0;
  for (const lead of crm.leads) if (lead.createdAt !== null && lead.createdAt < judgeableBefore) times[count++] = lead.createdAt;
  if (count < 2) return null;
  times.subarray(0, count).sort();
  const splitAt = times[Math.min(count - 1, Math.floor(count * (1 - holdoutShare)))];
  const train: number[] = [];
  const holdout: number[] = [];
  let undated = 0;
  crm.leads.forEach((lead, i) => {
    const createdAt = lead.createdAt;
    if (createdAt === null) undated++;
    else if (createdAt < splitAt) train.push(i);
    else if (createdAt < judgeableBefore) holdout.push(i);
  });
  if (train.length === 0 || holdout.length === 0) return null;
  return { train: selectLeads(crm, train), holdout: selectLeads(crm, holdout), splitAt, undated };
}
