import type { LeadliftConfig } from "../config/config-schema.js";
import { decidePoints, type PointCandidate, type PointRules } from "../weights/decide-points.js";
import type { ColumnEffect } from "../weights/logistic-effects.js";
import type { PointCandidates } from "./point-candidates.js";
import type { ActionWeight, ProfileRule } from "../model/types.js";

/** Kept and dropped actions and profile values, as the model records them. */
export interface ModelPoints {
  readonly actions: ActionWeight[];
  readonly profileRules: ProfileRule[];
}

/**
 * Points for every candidate under `rules`: lift mode uses the
 * landmark-adjusted lift, logistic mode the regression's effect at the
 * target close rate (or points to double the odds with `pointsScale: "pdo"`).
 * Actions and profile values are pruned by the same rules, in separate Holm
 * families; the action cap does not apply to profile values.
 */
export function decideModelPoints(candidates: PointCandidates, rules: PointRules, options: LeadliftConfig["training"]): ModelPoints {
  const asPoints = (effect: ColumnEffect | null): PointCandidate["effect"] =>
    candidates.mode === "lift"
      ? undefined
      : effect === null
        ? null
        : { value: options.pointsScale === "pdo" ? (effect.coefficient * options.pdo) / Math.LN2 / 100 : effect.effectAtTarget, pValue: effect.pValue };
  const actionDecisions = decidePoints(
    candidates.actions.map((c) => ({ key: c.key, stats: c.stats, vanity: c.vanity, negative: c.negative, effect: asPoints(c.effect) })),
    rules,
  );
  const actions: ActionWeight[] = candidates.actions
    .map((c, a) => ({
      action: c.key,
      category: c.category,
      vanity: c.vanity,
      ...withoutKey(actionDecisions[a]),
      stats: c.stats,
      effect: c.effect,
    }))
    .sort(byPointsThenName((w) => w.action));
  const groupTests = rules.profileSignificance === "feature" ? featureGroupTests(candidates) : null;
  const profileDecisions = decidePoints(
    candidates.profile.map((c) => ({
      key: c.key,
      stats: c.stats,
      vanity: false,
      reference: c.reference,
      effect: asPoints(c.effect),
      ...(groupTests ? { groupTest: groupTests.get(c.feature) } : {}),
    })),
    { ...rules, maxKept: Infinity },
  );
  const profileRules: ProfileRule[] = candidates.profile
    .map((c, k) => ({
      feature: c.feature,
      value: c.value,
      comparedWith: c.comparedWith,
      ...withoutKey(profileDecisions[k]),
      stats: c.stats,
      effect: c.effect,
    }))
    .sort(byPointsThenName((r) => `${r.feature}=${r.value}`));
  return { actions, profileRules };
}

/**
 * Each feature's χ² test as the group test of its values, unadjusted: this
 * step screens features for ranking (a feature whose levels differ at all
 * keeps them), it does not claim each level is real.
 */
function featureGroupTests(candidates: PointCandidates) {
  return new Map(candidates.featureTests.map((t) => [t.feature, { label: `the feature ${t.feature} as a whole (χ² test of its levels)`, pValue: t.pValue, adjustedPValue: t.pValue }]));
}

function withoutKey<T extends { key: string }>(decision: T): Omit<T, "key"> {
  const { key: _key, ...rest } = decision;
  return rest;
}

function byPointsThenName<T extends { points: number; kept: boolean }>(name: (item: T) => string) {
  return (a: T, b: T) =>
    Number(b.kept) - Number(a.kept) || Math.abs(b.points) - Math.abs(a.points) || (name(a) < name(b) ? -1 : 1);
}
