import type { LeadliftConfig } from "../config/config-schema.js";
import { actionsDoneBeforeCutoff } from "../features/actions-done.js";
import { deriveFeatureValues } from "../features/profile-features.js";
import { buildTrainingPopulation, type TrainingPopulation } from "../features/training-population.js";
import type { CrmData } from "../io/load-crm.js";
import { areaUnderRoc } from "../stats/auc.js";
import type { PointRules } from "../weights/decide-points.js";
import { decideModelPoints } from "./decide-model-points.js";
import type { PointCandidates } from "./point-candidates.js";
import type { Pruning } from "../model/types.js";

/** Held-out leads as the points see them at their cut-off: who did each action, each profile value, who won. */
export interface HeldOutFeatures {
  readonly won: Uint8Array;
  readonly did: ReadonlyMap<string, Uint8Array>;
  /** Feature name → each lead's value. */
  readonly profile: ReadonlyMap<string, string[]>;
}

/**
 * The held-out leads' features at their cut-off (same leakage rule and
 * profile transforms as training). Who did what is read from the events'
 * times and actions alone, whichever engine loaded them.
 * @param population `buildTrainingPopulation` of `holdout` (built when not given).
 */
export function heldOutFeatures(
  holdout: CrmData,
  candidates: PointCandidates,
  config: LeadliftConfig,
  population: TrainingPopulation = buildTrainingPopulation(holdout, config.training.observationWindowDays),
): HeldOutFeatures {
  const did = actionsDoneBeforeCutoff(population, holdout.events);
  const profile = new Map(candidates.specs.map((spec) => [spec.name, deriveFeatureValues(spec, population.leads)]));
  return { won: population.won, did, profile };
}

/** The pruning rules tried, from the configured (sparsest) to none but the minimum number of leads. */
export function pruningSteps(options: LeadliftConfig["training"]): PointRules[] {
  const base = { minLeads: options.minActionLeads, maxKept: options.maxActions };
  const steps: PointRules[] = [{ ...base, minLiftPoints: options.minLiftPoints, significanceLevel: options.significanceLevel }];
  if (options.pruning === "fixed") return steps;
  const minimum = Math.min(1, options.minLiftPoints);
  if (options.minLiftPoints > 1) steps.push({ ...base, minLiftPoints: minimum, significanceLevel: options.significanceLevel });
  if (options.significanceLevel < 1) {
    steps.push({ ...base, minLiftPoints: minimum, significanceLevel: options.significanceLevel, profileSignificance: "feature" });
    steps.push({ ...base, minLiftPoints: minimum, significanceLevel: 1 });
  }
  return steps;
}

/**
 * Chooses how hard to prune from held-out ranking: the first of
 * `pruningSteps` whose rounded, pruned points score loses at most
 * `maxPruningCost` of AUC against the unrounded, unpruned effects (lift
 * mode: every estimable action's and profile value's adjusted lift;
 * logistic mode: the regression's effects on a lead at the target close
 * rate, or its linear predictor with `pointsScale: "pdo"`) — so "under 5 points,
 * drop it" stays wherever it costs no ranking. Scores are the points at the
 * cut-off, time rules aside. Without held-out data, the configured rules.
 * @param candidates estimated on the training part of the split.
 */
export function choosePruning(
  candidates: PointCandidates,
  heldOut: HeldOutFeatures | null,
  options: LeadliftConfig["training"],
  basis: string,
): { rules: PointRules; pruning: Pruning } {
  const steps = pruningSteps(options);
  const summary = (rules: PointRules) => ({
    minLiftPoints: rules.minLiftPoints,
    significanceLevel: rules.significanceLevel,
    profileSignificance: rules.profileSignificance ?? "value",
    maxKept: rules.maxKept,
  });
  let wonCount = 0;
  if (heldOut) for (const w of heldOut.won) wonCount += w;
  if (!heldOut || wonCount === 0 || wonCount === heldOut.won.length) {
    return {
      rules: steps[0],
      pruning: {
        policy: options.pruning,
        rules: summary(steps[0]),
        heldOut: null,
        explanation: `The configured rules (|points| ≥ ${steps[0].minLiftPoints}, significant at ${steps[0].significanceLevel}): no held-out leads with both outcomes to check what pruning costs.`,
      },
    };
  }
  const reference = areaUnderRoc(unprunedScore(candidates, heldOut, options.pointsScale), heldOut.won);
  const tried = steps.map((rules) => {
    const points = decideModelPoints(candidates, rules, options);
    const auc = areaUnderRoc(pointsScore(points, heldOut), heldOut.won);
    const kept = points.actions.filter((a) => a.kept).length + points.profileRules.filter((r) => r.kept).length;
    return { rules, auc, kept, cost: reference - auc };
  });
  const withinCost = tried.find((t) => t.cost <= options.maxPruningCost);
  const chosen = withinCost ?? tried.reduce((best, t) => (t.auc > best.auc ? t : best));
  const index = tried.indexOf(chosen);
  const rulesText = (rules: PointRules) =>
    rules.significanceLevel >= 1
      ? `|points| ≥ ${rules.minLiftPoints}, no significance test`
      : `|points| ≥ ${rules.minLiftPoints}, significant at ${rules.significanceLevel}${rules.profileSignificance === "feature" ? " (profile features tested as a whole)" : ""}`;
  const explanation =
    index === 0
      ? `The configured rules (${rulesText(chosen.rules)}) cost ${formatAuc(chosen.cost)} of held-out AUC (limit ${options.maxPruningCost}).`
      : `The configured rules (${rulesText(tried[0].rules)}) cost ${formatAuc(tried[0].cost)} of held-out AUC, over the limit of ${options.maxPruningCost}; ` +
        `${rulesText(chosen.rules)} ${withinCost ? "stays within it" : "costs least"} (${formatAuc(chosen.cost)}).`;
  return {
    rules: chosen.rules,
    pruning: {
      policy: options.pruning,
      rules: summary(chosen.rules),
      heldOut: {
        basis,
        leads: heldOut.won.length,
        aucUnpruned: reference,
        aucChosen: chosen.auc,
        cost: chosen.cost,
        steps: tried.map((t) => ({ ...summary(t.rules), auc: t.auc, kept: t.kept, cost: t.cost })),
      },
      explanation,
    },
  };
}

/** Σ points over what each held-out lead did and is. */
export function pointsScore(points: ReturnType<typeof decideModelPoints>, heldOut: HeldOutFeatures): Float64Array {
  const score = new Float64Array(heldOut.won.length);
  for (const a of points.actions) {
    const did = heldOut.did.get(a.action);
    if (!a.kept || a.points === 0 || !did) continue;
    for (let i = 0; i < score.length; i++) if (did[i]) score[i] += a.points;
  }
  for (const r of points.profileRules) {
    const values = heldOut.profile.get(r.feature);
    if (!r.kept || r.points === 0 || !values) continue;
    for (let i = 0; i < score.length; i++) if (values[i] === r.value) score[i] += r.points;
  }
  return score;
}

/** The effects before rounding and pruning (vanity actions excluded: they earn nothing by rule, not by pruning). */
function unprunedScore(candidates: PointCandidates, heldOut: HeldOutFeatures, pointsScale: "probability" | "pdo"): Float64Array {
  const score = new Float64Array(heldOut.won.length);
  // The effects points are made of (before rounding): probability changes at the target rate, or log-odds for "pdo".
  const effectKey = pointsScale === "pdo" ? "coefficient" : "effectAtTarget";
  const effectOf = (c: { stats: { adjustedLift: number | null; degenerate: string | null }; effect: { coefficient: number; effectAtTarget: number } | null }) =>
    candidates.mode === "logistic" ? (c.effect?.[effectKey] ?? 0) : c.stats.degenerate === null ? (c.stats.adjustedLift ?? 0) : 0;
  for (const c of candidates.actions) {
    const did = heldOut.did.get(c.key);
    const effect = c.vanity ? 0 : effectOf(c);
    if (!did || effect === 0) continue;
    for (let i = 0; i < score.length; i++) if (did[i]) score[i] += effect;
  }
  for (const c of candidates.profile) {
    const values = heldOut.profile.get(c.feature);
    const effect = c.reference ? 0 : effectOf(c);
    if (!values || effect === 0) continue;
    for (let i = 0; i < score.length; i++) if (values[i] === c.value) score[i] += effect;
  }
  return score;
}

function formatAuc(value: number): string {
  return value.toFixed(4);
}
