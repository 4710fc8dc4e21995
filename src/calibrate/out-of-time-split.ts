import type { CrmData } from "../io/load-crm.js";

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
 * rather than censored. Each part keeps its own events and outcomes. Null
 * when leads lack creation dates or either side would be empty — the
 * out-of-time check is then reported as not made.
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
  const side = new Map(crm.leads.map((l) => [l.leadId, (l.createdAt as number) < splitAt ? "train" : (l.createdAt as number) < judgeableBefore ? "holdout" : "recent"]));
  const trainCount = [...side.values()].filter((s) => s === "train").length;
  const holdoutCount = [...side.values()].filter((s) => s === "holdout").length;
  if (trainCount === 0 || holdoutCount === 0) return null;
  const part = (keep: string): CrmData => ({
    ...crm,
    leads: crm.leads.filter((l) => side.get(l.leadId) === keep),
    events: crm.events.filter((e) => side.get(e.leadId) === keep),
    outcomes: new Map([...crm.outcomes].filter(([id]) => side.get(id) === keep)),
  });
  return { train: part("train"), holdout: part("holdout"), splitAt };
}
