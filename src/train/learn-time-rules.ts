import type { LeadliftConfig } from "../config/config-schema.js";
import type { ActionIndicators } from "../features/action-indicators.js";
import { quietRanges, type LandmarkGrid } from "../features/landmarks.js";
import { occurrenceRuns, recentRunRanges } from "../features/occurrence-runs.js";
import type { TrainingPopulation } from "../features/training-population.js";
import { holmAdjust } from "../stats/holm-adjust.js";
import { landmarkLift } from "../stats/landmark-lift.js";
import { decidePoints, type PointRules } from "../weights/decide-points.js";
import { estimateDecay, medianAge, occurrenceAges, type DecayEvidence } from "../weights/estimate-decay.js";
import type { ActionWeight, ModelV1 } from "../model/types.js";

const DAY_MS = 86_400_000;

/**
 * Decay estimates already made on one population, indicators, landmark grid
 * and config, by action, with the statistics they used: the held-out check
 * trains both modes on one split, and an action kept by both is estimated once.
 */
export type DecayEstimates = Map<string, { readonly stats: ActionWeight["stats"]; readonly estimate: DecayEvidence }>;

/**
 * Half-lives of kept actions — from config where given, else learned from
 * how the close rate falls with the age of the action's latest occurrence,
 * compared at landmarks — and the exit from config. Evidence is kept for
 * every kept action.
 * @param known estimates made before on the same population, indicators, grid and config (new ones are added).
 */
export function learnDecay(
  actions: readonly ActionWeight[],
  indicators: ActionIndicators,
  population: TrainingPopulation,
  grid: LandmarkGrid,
  config: LeadliftConfig,
  known: DecayEstimates = new Map(),
): Pick<NonNullable<ModelV1["decay"]>, "halfLifeDays" | "exitAfterDays" | "evidence"> {
  // Only positive points fade (a negative signal does not wear off; see runtime/time-rules.ts).
  const kept = actions.filter((a) => a.kept && a.points > 0);
  const estimates = kept.map((a) => {
    const earlier = known.get(a.action);
    if (earlier?.stats === a.stats) return earlier.estimate;
    const estimate = estimateActionDecay(a, indicators, population, grid, config);
    known.set(a.action, { stats: a.stats, estimate });
    return estimate;
  });
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

/** One kept action's fading, estimated from its occurrences at the landmarks (see `estimateDecay`). */
function estimateActionDecay(a: ActionWeight, indicators: ActionIndicators, population: TrainingPopulation, grid: LandmarkGrid, config: LeadliftConfig): DecayEvidence {
  const index = indicators.actionIds[indicators.actions.indexOf(a.action)];
  // Each occurrence's landmarks, found once from the events: the ages and the recent/old ranges follow from them.
  const runs = occurrenceRuns(grid, population, indicators.index, index);
  const ages = occurrenceAges(runs, grid, population);
  const recentDays = medianAge(ages);
  return estimateDecay(
    {
      action: a.action,
      ages,
      recentDays,
      recentRanges: recentRunRanges(runs, grid, population, recentDays),
      landmarks: grid.count,
      lift: a.stats.adjustedLift ?? 0,
      closeRateWithout: a.stats.closeRateWithout,
    },
    population.won,
    config.training.significanceLevel,
  );
}

/**
 * The inactivity penalty, learned like an action but at landmarks: at each
 * lead age, leads still with marketing that have had no activity (any
 * event, or their creation) for `decay.inactivityDays` against the others
 * of that age — exactly the runtime's rule at the moment it would apply.
 * Applied (as negative points) only when quiet leads close significantly
 * worse; treated as a negative signal, so the `minLiftPoints` floor does not apply.
 */
export function learnInactivity(
  indicators: ActionIndicators,
  population: TrainingPopulation,
  grid: LandmarkGrid,
  config: LeadliftConfig,
  rules: PointRules,
): Pick<NonNullable<ModelV1["decay"]>, "inactivity" | "inactivityEvidence"> {
  const days = config.decay.inactivityDays;
  if (days === null) return { inactivity: null, inactivityEvidence: null };
  const quietAtCutoff = new Uint8Array(population.leads.length);
  const { start, end, times } = indicators.index;
  population.leads.forEach((lead, i) => {
    const last = Math.max(lead.createdAt ?? -Infinity, end[i] > start[i] ? times[end[i] - 1] : -Infinity);
    quietAtCutoff[i] = population.cutoffAt[i] - last >= days * DAY_MS ? 1 : 0;
  });
  const stats = landmarkLift(population.won, quietAtCutoff, quietRanges(grid, population, indicators.index, days), grid.count);
  const [decision] = decidePoints([{ key: "inactivity", stats, vanity: false, negative: true }], rules);
  const penalty = decision.kept && decision.points < 0 && config.decay.learn;
  const rate = (r: number | null) => (r === null ? "n/a" : `${(r * 100).toFixed(1)}%`);
  const facts =
    `leads with no activity in the ${days} days before their cut-off: ${stats.leadsWith}, closing at ${rate(stats.closeRateWith)} vs ${rate(stats.closeRateWithout)} for the others; ` +
    `compared at the same lead ages while still with marketing: ${signedPoints(decision.liftPoints)}`;
  const conclusion = penalty
    ? `Quiet leads close worse (${facts}): ${decision.points} points while a lead has been inactive for ${days} days.`
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

function signedPoints(points: number | null): string {
  if (points === null) return "no comparison possible";
  const word = Math.abs(points) === 1 ? "point" : "points";
  return `${points > 0 ? "+" : ""}${points} ${word}`;
}
