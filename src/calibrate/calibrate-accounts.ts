import { max, min } from "simple-statistics";
import type { CalibrationOptions } from "../config/config-schema.js";
import type { CrmData } from "../io/load-crm.js";
import { chooseCalibratedThreshold } from "./choose-calibrated-threshold.js";
import { candidateThresholds, replayCurve } from "./replay-curve.js";
import { replayAccounts } from "./replay-accounts.js";
import { replayContext } from "./replay-run.js";
import type { ModelV1 } from "../model/types.js";

const DAY_MS = 86_400_000;

/**
 * The account threshold, calibrated like the lead one: accounts replayed by
 * their top-`k` roll-up over time, each counted a success when it was won
 * within the sales cycle after its roll-up first reached the threshold, and
 * the in-band threshold most likely to stay in the band chosen (see chooseCalibratedThreshold).
 */
export function calibrateAccountThreshold(
  crm: CrmData,
  model: ModelV1,
  band: { min: number; max: number },
  options: CalibrationOptions,
): NonNullable<ModelV1["accounts"]> | null {
  if (!crm.accountOutcomes) return null;
  const k = options.accountTopK;
  const replayed = replayAccounts(crm, model, k);
  const base = { method: "top-k-sum" as const, k, replayedAccounts: replayed.accounts.length, notReplayable: replayed.notReplayable };
  if (replayed.accounts.length === 0) {
    return { ...base, threshold: null, status: "no-threshold", point: null, explanation: "No account has a lead with a creation date: accounts cannot be replayed.", curve: [] };
  }
  const context = replayContext(crm, options);
  const created = replayed.accounts.map((a) => a.createdAt);
  const spanDays = Math.max(1, (max(created) - min(created)) / DAY_MS);
  const curve = replayCurve(replayed.accounts, replayed.trajectories, candidateThresholds(replayed.trajectories), { ...context, spanDays });
  const chosen = chooseCalibratedThreshold(curve, band, { minDecided: options.minDecidedLeads });
  return {
    ...base,
    threshold: chosen.threshold,
    status: chosen.status,
    point: chosen.point,
    explanation: chosen.explanation.replace(/^Leads whose score/, "Accounts whose roll-up"),
    curve: curve.filter((p) => p.reached > 0),
  };
}
