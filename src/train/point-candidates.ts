import type { LeadliftConfig } from "../config/config-schema.js";
import { didAction, inMemoryFeatureEngine, type ActionIndicators } from "../features/action-indicators.js";
import { ageBandStarts, buildCutoffDesign, type StackedDesign } from "../features/landmark-design.js";
import { didByLandmarkRanges, landmarkGrid, type LandmarkGrid } from "../features/landmarks.js";
import { chooseProfileFeatures, deriveFeatureValues, type ProfileFeatureSpec, type SkippedColumn } from "../features/profile-features.js";
import type { TrainingPopulation } from "../features/training-population.js";
import type { CrmData } from "../io/load-crm.js";
import { chiSquareIndependence } from "../stats/chi-square-independence.js";
import { landmarkLift } from "../stats/landmark-lift.js";
import { computeLift, type LiftStats } from "../stats/lift.js";
import type { StackedLogisticFit, StackedPatternSource } from "../stats/fit-stacked-logistic.js";
import type { DesignPlan, TrainingEngine } from "./training-engine.js";
import { landmarkPatterns, profileSignatures } from "../engine/landmark-patterns.js";
import { estimateLogisticEffects, type ColumnEffect } from "../weights/logistic-effects.js";
import { liftAgainstReference } from "../weights/profile-lift.js";

/** No ranges: the comparison comes from the engine's groups. */
const NO_RANGES = { lead: new Int32Array(0), start: new Int32Array(0), end: new Int32Array(0), group: new Uint8Array(0), length: 0 };

/** What a reference level's statistics compare it with (the other values are compared with it). */
export const ALL_OTHER_VALUES = "(all other values)";

/** An action before points are decided. */
export interface ActionCandidate {
  readonly key: string;
  readonly category: string | null;
  readonly vanity: boolean;
  readonly negative: boolean;
  readonly stats: LiftStats;
  /** Logistic mode: the regression's estimate (null when the column was left out); lift mode: null. */
  readonly effect: ColumnEffect | null;
}

/** A profile value before points are decided. */
export interface ProfileCandidate {
  readonly key: string;
  readonly feature: string;
  readonly featureIndex: number;
  readonly value: string;
  readonly comparedWith: string;
  readonly reference: boolean;
  readonly stats: LiftStats;
  readonly effect: ColumnEffect | null;
}

/** Everything a training run estimates before it decides points: the expensive part, done once per mode. */
export interface PointCandidates {
  readonly mode: "lift" | "logistic";
  readonly indicators: ActionIndicators;
  /** did[a][i] = 1 when lead i did action a before its cut-off. */
  readonly did: Uint8Array[];
  /** Landmarks the comparisons ran at; null without creation dates (then leads are compared at their cut-off). */
  readonly grid: LandmarkGrid | null;
  readonly actions: ActionCandidate[];
  readonly profile: ProfileCandidate[];
  readonly specs: ProfileFeatureSpec[];
  readonly skipped: SkippedColumn[];
  readonly featureValues: string[][];
  /** Each profile feature's χ² test of independence from winning (all its levels at once). */
  readonly featureTests: ReadonlyArray<{ readonly feature: string; readonly pValue: number | null }>;
  /** The regression behind logistic mode (null in lift mode). */
  readonly regression: Pick<StackedLogisticFit, "patterns" | "clusters" | "converged" | "warnings"> | null;
  /** Columns in the regression (logistic mode), with the lead-age bands. */
  readonly regressionColumns: readonly string[];
}

/**
 * What both modes estimate alike on one population: the features, each
 * action's landmark lift and each profile value's lift against its
 * feature's reference, and the profile features' χ² tests. The held-out
 * check learns both modes on the same split and computes this once for both.
 */
export interface CandidateBase {
  readonly indicators: ActionIndicators;
  readonly did: Uint8Array[];
  readonly grid: LandmarkGrid | null;
  readonly actionStats: LiftStats[];
  readonly specs: ProfileFeatureSpec[];
  readonly skipped: SkippedColumn[];
  readonly featureValues: string[][];
  /** Profile candidates without their regression effect. */
  readonly profileBase: ReadonlyArray<Omit<ProfileCandidate, "effect">>;
  readonly featureTests: PointCandidates["featureTests"];
}

/**
 * The mode-independent part of `learnPointCandidates`: actions are compared
 * at landmarks — lead ages at which leads still with marketing are scored —
 * so neither exposure time nor a hand-off that an action itself triggers
 * biases the comparison (see stats/landmark-risk-difference.ts); without
 * creation dates, at the cut-off. Profile values are compared with their
 * feature's reference level (the most common value), once per lead: a
 * profile is fixed at creation.
 */
export function learnCandidateBase(crm: CrmData, population: TrainingPopulation, config: LeadliftConfig, engine: TrainingEngine = inMemoryFeatureEngine): CandidateBase {
  const options = config.training;
  const won = population.won;
  const grid = crm.timestamps.events ? landmarkGrid(population, options.landmarkStepDays, options.observationWindowDays) : null;
  const indicators = engine.actionIndicators(population, crm.events, grid);
  const did = indicators.counts.map(didAction);
  const noStrata = new Uint8Array(population.leads.length);
  const groups = grid !== null && engine.landmarkGroups ? engine.landmarkGroups(population, indicators, grid) : null;
  const actionStats = indicators.actions.map((action, a) =>
    grid === null
      ? computeLift(won, did[a], noStrata, 1)
      : groups
        ? landmarkLift(won, did[a], NO_RANGES, grid.count, 0.95, groups[a])
        : landmarkLift(won, did[a], didByLandmarkRanges(grid, population, indicators.firstAt[a]), grid.count),
  );

  const { features: specs, skipped } = chooseProfileFeatures(population.leads, crm.profileColumns, config.profile, won);
  const featureValues = specs.map((spec) => deriveFeatureValues(spec, population.leads));
  const references = featureValues.map(mostFrequent);
  const profileBase = specs.flatMap((spec, f) =>
    [...new Set(featureValues[f])].sort().map((value) => {
      const reference = value === references[f];
      return {
        key: `${spec.name}=${value}`,
        feature: spec.name,
        featureIndex: f,
        value,
        comparedWith: reference ? ALL_OTHER_VALUES : references[f],
        reference,
        stats: reference
          ? computeLift(won, indicatorOf(featureValues[f], value), noStrata, 1)
          : liftAgainstReference(won, featureValues[f], value, references[f]),
      };
    }),
  );
  const featureTests = specs.map((spec, f) => ({ feature: spec.name, pValue: chiSquareIndependence(levelTable(featureValues[f], won))?.pValue ?? null }));
  return { indicators, did, grid, actionStats, specs, skipped, featureValues, profileBase, featureTests };
}

/**
 * Estimates every action's and profile value's effect on winning, before
 * any pruning (`learnCandidateBase`). In logistic mode, one landmark
 * regression over all of them gives the effects points are made of.
 * @param base `learnCandidateBase` of the same export, population, config and engine (computed when not given).
 */
export function learnPointCandidates(
  crm: CrmData,
  population: TrainingPopulation,
  config: LeadliftConfig,
  mode: "lift" | "logistic",
  engine: TrainingEngine = inMemoryFeatureEngine,
  base: CandidateBase = learnCandidateBase(crm, population, config, engine),
): PointCandidates {
  const options = config.training;
  const won = population.won;
  const { indicators, did, grid, actionStats, specs, skipped, featureValues, profileBase, featureTests } = base;
  const vanityActions = new Set(options.vanityActions);
  const vanityCategories = new Set(options.vanityCategories);
  const negativeActions = new Set(options.negativeActions);

  let effects = new Map<string, ColumnEffect>();
  let regression: PointCandidates["regression"] = null;
  let regressionColumns: readonly string[] = [];
  if (mode === "logistic") {
    const design = regressionDesign(population, indicators, did, grid, profileBase, featureValues, options, engine);
    const estimated = estimateLogisticEffects(design, won, { l2: options.l2, targetRate: bandMiddle(options.targetCloseRate) });
    effects = estimated.effects;
    regression = { patterns: estimated.fit.patterns, clusters: estimated.fit.clusters, converged: estimated.fit.converged, warnings: estimated.fit.warnings };
    regressionColumns = design.columns;
  }
  const actions: ActionCandidate[] = indicators.actions.map((action, a) => {
    const negative = negativeActions.has(action);
    return {
      key: action,
      category: indicators.categories[a],
      // A negative signal is never silenced by its category (an unsubscribe logged as "email").
      vanity: !negative && (vanityActions.has(action) || vanityCategories.has(indicators.categories[a] ?? "")),
      negative,
      stats: actionStats[a],
      effect: effects.get(`action:${action}`) ?? null,
    };
  });
  const profile: ProfileCandidate[] = profileBase.map((c) => ({ ...c, effect: effects.get(`profile:${c.key}`) ?? null }));
  return { mode, indicators, did, grid, actions, profile, specs, skipped, featureValues, featureTests, regression, regressionColumns };
}

/** The middle of the target close-rate band: the "lead near the target" whose slope turns coefficients into points. */
export function bandMiddle(band: { min: number; max: number }): number {
  return (band.min + band.max) / 2;
}

/**
 * The regression's design: every action and non-reference profile value
 * with at least `minActionLeads` leads on each side (rarer columns cannot be
 * estimated), plus lead-age bands as nuisance columns when there are
 * landmarks — built in memory, or counted by the engine when it can.
 */
function regressionDesign(
  population: TrainingPopulation,
  indicators: ActionIndicators,
  did: Uint8Array[],
  grid: LandmarkGrid | null,
  profileBase: ReadonlyArray<{ key: string; featureIndex: number; value: string; reference: boolean }>,
  featureValues: string[][],
  options: LeadliftConfig["training"],
  engine: TrainingEngine,
): StackedDesign | StackedPatternSource {
  const size = population.leads.length;
  const estimable = (values: ArrayLike<number>) => {
    let ones = 0;
    for (let i = 0; i < values.length; i++) ones += values[i] ? 1 : 0;
    return ones >= options.minActionLeads && size - ones >= options.minActionLeads;
  };
  const actionIndexes = indicators.actions.map((_, a) => a).filter((a) => estimable(did[a]));
  const profileColumns = profileBase
    .filter((c) => !c.reference)
    .map((c) => ({ key: `profile:${c.key}`, values: indicatorOf(featureValues[c.featureIndex], c.value) }))
    .filter((c) => estimable(c.values));
  if (grid === null) {
    return buildCutoffDesign(size, actionIndexes.map((a) => ({ key: `action:${indicators.actions[a]}`, values: did[a] })), profileColumns);
  }
  const bandStarts = ageBandStarts(grid, options.exposureStrata);
  const plan: DesignPlan = {
    columns: [...actionIndexes.map((a) => `action:${indicators.actions[a]}`), ...profileColumns.map((p) => p.key), ...bandStarts.map((start) => `age:${start * grid.stepDays}d`)],
    actionIds: Int32Array.from(actionIndexes, (a) => indicators.actionIds[a]),
    actionFirstAt: actionIndexes.map((a) => indicators.firstAt[a]),
    profile: profileColumns,
    bandStarts,
  };
  // The distinct patterns, counted lead by lead without stacking a row per lead and landmark.
  return engine.designPatterns ? engine.designPatterns(population, grid, plan) : landmarkPatterns(population, grid, plan, profileSignatures(size, plan));
}

/** 1 where `values` holds `value`, else 0. */
function indicatorOf(values: readonly string[], value: string): Uint8Array {
  const indicator = new Uint8Array(values.length);
  for (let i = 0; i < values.length; i++) if (values[i] === value) indicator[i] = 1;
  return indicator;
}

/** Won and lost leads per level of a feature. */
function levelTable(values: readonly string[], won: ArrayLike<number>): Array<[number, number]> {
  const counts = new Map<string, [number, number]>();
  values.forEach((v, i) => {
    const row = counts.get(v) ?? [0, 0];
    row[won[i] ? 0 : 1] += 1;
    counts.set(v, row);
  });
  return [...counts.values()];
}

/**
 * The most frequent value, the smallest of those tied — as counted so far at
 * each step, so a value reaching the lead first keeps it. The leader's count
 * is kept aside (`bestCount` is always its count in `counts`): two of the
 * four map lookups per lead were for it.
 */
export function mostFrequent(values: readonly string[]): string {
  const counts = new Map<string, number>();
  let best = values[0];
  let bestCount = 0;
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (v === best) bestCount = c;
    else if (c > bestCount || (c === bestCount && v < best)) {
      best = v;
      bestCount = c;
    }
  }
  return best;
}
