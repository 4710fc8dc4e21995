import { didAction, inMemoryFeatureEngine } from "../features/action-indicators.js";
import { profileCell } from "../features/profile-features.js";
import type { TrainingPopulation } from "../features/training-population.js";
import type { EventStore } from "../io/event-store.js";
import type { ModelV1, ProfileFeature } from "../model/types.js";
import { compileProfileTransform } from "leadlift-runtime/internal";
import { populationStabilityIndex, psiBand } from "../stats/population-stability-index.js";

/** How far one feature's distribution moved since training. */
export interface FeatureDrift {
  readonly kind: "action" | "profile";
  /** Action name, or profile feature name (e.g. "seniority"). */
  readonly feature: string;
  /** Population stability index against the training share(s). */
  readonly psi: number;
  readonly band: "stable" | "some shift" | "major shift";
  /** The value whose share moved most: "done" for an action (share of leads that did it), else a profile value. */
  readonly value: string;
  readonly expectedShare: number;
  readonly actualShare: number;
}

/** The training shares a drift check compares with (`model.training.distributions`). */
export type DriftBaseline = NonNullable<ModelV1["training"]["distributions"]>;

/**
 * Population stability index between two categorical distributions given
 * as value → share, over the union of their values (a value one side never
 * saw has share 0 there, floored as PSI floors empty bins — a new category
 * is drift). Shares are renormalised, so counts work too.
 * @example
 * // 0.25·ln 1.5 + 0.25·ln 2
 * categoricalPsi({ a: 0.5, b: 0.5 }, { a: 0.75, b: 0.25 }) // 0.2747
 */
export function categoricalPsi(expected: Readonly<Record<string, number>>, actual: Readonly<Record<string, number>>): number {
  const values = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return populationStabilityIndex(values.map((v) => expected[v] ?? 0), values.map((v) => actual[v] ?? 0));
}

/** Share of each value among `values` (value → share). */
export function valueShares(values: readonly string[]): Record<string, number> {
  const shares: Record<string, number> = {};
  for (const v of values) shares[v] = (shares[v] ?? 0) + 1;
  for (const v of Object.keys(shares)) shares[v] /= values.length;
  return shares;
}

/**
 * Share of the population's leads with each derived value of a profile
 * feature, derived by the runtime's own transform (`compileProfileTransform`)
 * — the values the model's FIT rules were learned on.
 */
export function profileValueShares(feature: Pick<ProfileFeature, "column" | "transform">, population: Pick<TrainingPopulation, "leads">): Record<string, number> {
  const derive = compileProfileTransform(feature.transform);
  return valueShares(population.leads.map((lead) => derive(profileCell(lead, feature.column))));
}

/**
 * Share of the population's leads that did each action at least once
 * strictly before their cut-off — the same feature engine and leakage rule
 * as training, so the shares compare with `distributions.actions`.
 */
export function actionShares(population: TrainingPopulation, events: EventStore): Record<string, number> {
  const indicators = inMemoryFeatureEngine.actionIndicators(population, events);
  const shares: Record<string, number> = {};
  indicators.counts.forEach((counts, a) => {
    const did = didAction(counts);
    let ones = 0;
    for (let i = 0; i < did.length; i++) ones += did[i];
    shares[indicators.actions[a]] = did.length > 0 ? ones / did.length : 0;
  });
  return shares;
}

/**
 * PSI of every action (did it before the cut-off: a two-bin distribution)
 * and every profile feature (its derived values) against the training
 * baseline, largest first. Actions seen only now are compared with a
 * training share of 0. Read with the credit-scoring bands: under 0.10
 * stable, 0.10–0.25 some shift, above 0.25 major shift (Siddiqi 2006).
 */
export function measureFeatureDrift(
  baseline: DriftBaseline,
  profileFeatures: readonly ProfileFeature[],
  population: TrainingPopulation,
  events: EventStore,
): FeatureDrift[] {
  const rows: FeatureDrift[] = [];
  const actual = actionShares(population, events);
  const actions = [...new Set([...Object.keys(baseline.actions), ...Object.keys(actual)])].sort();
  for (const action of actions) {
    const expectedShare = baseline.actions[action] ?? 0;
    const actualShare = actual[action] ?? 0;
    const psi = populationStabilityIndex([expectedShare, 1 - expectedShare], [actualShare, 1 - actualShare]);
    rows.push({ kind: "action", feature: action, psi, band: psiBand(psi), value: "done", expectedShare, actualShare });
  }
  for (const feature of profileFeatures) {
    const expected = baseline.profile[feature.name];
    if (!expected) continue;
    const shares = profileValueShares(feature, population);
    const psi = categoricalPsi(expected, shares);
    const values = [...new Set([...Object.keys(expected), ...Object.keys(shares)])].sort();
    const moved = values.reduce((best, v) =>
      Math.abs((shares[v] ?? 0) - (expected[v] ?? 0)) > Math.abs((shares[best] ?? 0) - (expected[best] ?? 0)) ? v : best,
    );
    rows.push({ kind: "profile", feature: feature.name, psi, band: psiBand(psi), value: moved, expectedShare: expected[moved] ?? 0, actualShare: shares[moved] ?? 0 });
  }
  return rows.sort((a, b) => b.psi - a.psi || a.feature.localeCompare(b.feature));
}
