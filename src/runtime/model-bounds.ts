/* Zero dependencies: shared by the runtime's assertModel and the model's zod schema, so both enforce the same bounds. */

/**
 * Largest |points| of one action, profile value, inactivity or velocity
 * rule. Far above any learned value (lift points are within ±100), and small
 * enough that the sum of every rule stays exact and finite: a model with
 * points of 1e308 would score Infinity.
 */
export const MAX_ABS_POINTS = 1_000_000;

/** Whether `value` is whole points within ±`MAX_ABS_POINTS`. */
export function isBoundedPoints(value: unknown): value is number {
  return Number.isInteger(value) && Math.abs(value as number) <= MAX_ABS_POINTS;
}

/** The parts of a model that bound its scores (structurally checked before this runs). */
export interface ScoreRangeInput {
  readonly actions: ReadonlyArray<{ readonly action: string; readonly points: number; readonly kept: boolean }>;
  readonly profile: {
    readonly features: ReadonlyArray<{ readonly name: string; readonly role: string }>;
    readonly rules: ReadonlyArray<{ readonly feature: string; readonly points: number; readonly kept: boolean }>;
    readonly fitCap?: number | null;
  };
  readonly decay?: { readonly halfLifeDays: Readonly<Record<string, number>>; readonly inactivity?: { readonly points: number } | null } | null;
  readonly velocity?: { readonly points: number } | null;
  readonly threshold: { readonly score: number | null };
}

/**
 * The lowest and highest score the runtime can give under this model: each
 * feature's lowest and highest kept points (0 counts, for values without a
 * rule), FIT capped at `fitCap`, every negative (or positive) kept action
 * once, and the inactivity and velocity points when they lower (or raise) it.
 */
export function scoreRange(model: ScoreRangeInput): { min: number; max: number } {
  const byFeature = new Map<string, { min: number; max: number }>();
  for (const rule of model.profile.rules) {
    if (!rule.kept) continue;
    const range = byFeature.get(rule.feature) ?? { min: 0, max: 0 };
    byFeature.set(rule.feature, { min: Math.min(range.min, rule.points), max: Math.max(range.max, rule.points) });
  }
  let fitMin = 0;
  let fitMax = 0;
  let min = 0;
  let max = 0;
  for (const feature of model.profile.features) {
    const range = byFeature.get(feature.name);
    if (!range) continue;
    if (feature.role === "fit") (fitMin += range.min), (fitMax += range.max);
    else (min += range.min), (max += range.max);
  }
  const cap = model.profile.fitCap ?? null;
  if (cap !== null) (fitMin = Math.min(fitMin, cap)), (fitMax = Math.min(fitMax, cap));
  min += fitMin;
  max += fitMax;
  for (const action of model.actions) {
    if (!action.kept) continue;
    if (action.points < 0) min += action.points;
    else max += action.points;
  }
  for (const extra of [model.decay?.inactivity?.points ?? 0, model.velocity?.points ?? 0]) {
    if (extra < 0) min += extra;
    else max += extra;
  }
  return { min, max };
}

/** A bound a model breaks, at a field path (`threshold.score`). */
export interface BoundProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * Bounds that span several fields, which JSON Schema cannot state: the
 * threshold lies within the reachable score range (else every lead or none
 * would be SDR-ready), and every half-life belongs to a kept action.
 */
export function crossFieldProblems(model: ScoreRangeInput): BoundProblem[] {
  const problems: BoundProblem[] = [];
  const threshold = model.threshold.score;
  if (threshold !== null) {
    const { min, max } = scoreRange(model);
    if (threshold < min || threshold > max) {
      problems.push({ path: "threshold.score", message: `expected a score this model can reach, between ${min} and ${max}, got ${threshold}` });
    }
  }
  const kept = new Set(model.actions.filter((a) => a.kept).map((a) => a.action));
  for (const action of Object.keys(model.decay?.halfLifeDays ?? {})) {
    // "__proto__" is refused even for a kept action of that name: a schema library cannot carry the key through.
    if (!kept.has(action) || action === "__proto__") problems.push({ path: `decay.halfLifeDays.${action}`, message: `expected the name of a kept action, got ${JSON.stringify(action)}` });
  }
  return problems;
}
