import type { LeadliftConfig } from "../config/config-schema.js";
import type { TrainingPopulation } from "../features/training-population.js";
import { holmAdjust } from "../stats/holm-adjust.js";
import { computeLift } from "../stats/lift.js";
import { decidePoints, type PointRules } from "../weights/decide-points.js";
import { estimateDecay, type DecayEvidence } from "../weights/estimate-decay.js";
import type { ActionWeight, ModelV1 } from "./types.js";

/**
 * Half-lives of kept actions — from config where given, else learned from
 * how the close rate falls with the action's age at the cut-off — and the
 * inactivity exit from config. Evidence is kept for every kept action.
 */
export function learnDecay(
  actions: readonly ActionWeight[],
  indicators: { actions: string[]; lastAt: Float64Array[] },
  population: TrainingPopulation,
  strata: { stratumOf: Uint8Array; count: number },
  config: LeadliftConfig,
): Pick<NonNullable<ModelV1["decay"]>, "halfLifeDays" | "exitAfterDays" | "evidence"> {
  // Only positive points fade (a negative signal does not wear off; see runtime/time-rules.ts).
  const kept = actions.filter((a) => a.kept && a.points > 0);
  const estimates = kept.map((a) =>
    estimateDecay(a.action, indicators.lastAt[indicators.actions.indexOf(a.action)], population.cutoffAt, population.won, population.exposureDays, strata.stratumOf, strata.count),
  );
  // Holm across the kept actions: one spurious "fading" among many tests must not change scores.
  const adjusted = holmAdjust(estimates.map((e) => e.pValue));
  const evidence: DecayEvidence[] = kept.map((a, k) => {
      let learned = estimates[k];
      const p = adjusted[k];
      if (learned.halfLifeDays !== null && (p === null || p > config.training.significanceLevel)) {
        learned = { ...learned, halfLifeDays: null, source: "none", conclusion: `${learned.conclusion.replace(/^Fades:/, "Looks like fading")} — but not after Holm's adjustment across ${kept.length} actions (adjusted p = ${p?.toPrecision(2)}); full points kept.` };
      }
      const configured = config.decay.halfLifeDays[a.action];
      if (configured !== undefined) {
        return { ...learned, halfLifeDays: configured, source: "config" as const, conclusion: `Half-life ${configured} days set in config. Data: ${learned.conclusion}` };
      }
      return config.decay.learn ? learned : { ...learned, halfLifeDays: null, source: "none" as const };
    });
  const halfLifeDays: Record<string, number> = {};
  for (const e of evidence) if (e.halfLifeDays !== null) halfLifeDays[e.action] = e.halfLifeDays;
  return { halfLifeDays, exitAfterDays: config.decay.exitAfterDays, evidence };
}

/**
 * The inactivity penalty, learned like an action: leads whose last activity
 * (any event, or their creation) was at least `decay.inactivityDays` before
 * their cut-off, against the others, within exposure strata — only a lead
 * that had that long to act can be that quiet, so crude rates would compare
 * old leads with young ones. Applied (as negative points) only when quiet
 * leads close significantly worse; treated as a negative signal, so the
 * `minLiftPoints` floor does not apply.
 */
export function learnInactivity(
  lastAt: readonly Float64Array[],
  population: TrainingPopulation,
  strata: { stratumOf: Uint8Array; count: number },
  config: LeadliftConfig,
  rules: PointRules,
): Pick<NonNullable<ModelV1["decay"]>, "inactivity" | "inactivityEvidence"> {
  const days = config.decay.inactivityDays;
  if (days === null) return { inactivity: null, inactivityEvidence: null };
  const quietMs = days * 86_400_000;
  const inactive = new Uint8Array(population.leads.length);
  population.leads.forEach((lead, i) => {
    let last = lead.createdAt ?? -Infinity;
    for (const times of lastAt) if (times[i] > last) last = times[i];
    inactive[i] = population.cutoffAt[i] - last >= quietMs ? 1 : 0;
  });
  const stats = computeLift(population.won, inactive, strata.stratumOf, strata.count);
  const [decision] = decidePoints([{ key: "inactivity", stats, vanity: false, negative: true }], rules);
  const penalty = decision.kept && decision.points < 0 && config.decay.learn;
  const rate = (r: number | null) => (r === null ? "n/a" : `${(r * 100).toFixed(1)}%`);
  const facts = `leads with no activity in the ${days} days before their cut-off: ${stats.leadsWith}, closing at ${rate(stats.closeRateWith)} vs ${rate(stats.closeRateWithout)} for the others`;
  const conclusion = penalty
    ? `Quiet leads close worse (${facts}; ${decision.points} points within exposure strata): ${decision.points} points while a lead has been inactive for ${days} days.`
    : decision.kept && decision.points > 0
      ? `No penalty: ${facts} — quiet leads do not close worse here.`
      : !config.decay.learn && decision.kept
        ? `A penalty of ${decision.points} points would apply (${facts}), but decay.learn is off.`
        : `No penalty: ${facts} — ${decision.dropReason ?? "no reliable difference"}.`;
  return {
    inactivity: penalty ? { days, points: decision.points } : null,
    inactivityEvidence: { days, stats, liftPoints: decision.liftPoints, kept: penalty, conclusion },
  };
}
