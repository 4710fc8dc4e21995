import type { LeadliftConfig } from "../config/config-schema.js";
import { LeadliftError } from "../errors.js";
import { didAction, inMemoryFeatureEngine, type FeatureEngine } from "../features/action-indicators.js";
import { stratifyByExposure } from "../features/exposure-strata.js";
import { chooseProfileFeatures, deriveFeatureValues } from "../features/profile-features.js";
import { buildTrainingPopulation, type TrainingPopulation } from "../features/training-population.js";
import type { CrmData } from "../io/load-crm.js";
import { computeLift } from "../stats/lift.js";
import { decidePoints, type PointCandidate, type PointRules } from "../weights/decide-points.js";
import { liftAgainstReference } from "../weights/profile-lift.js";
import { estimateLogisticEffects, type ColumnEffect } from "../weights/logistic-effects.js";
import { learnDecay, learnInactivity } from "./learn-time-rules.js";
import { describeScoreDistribution } from "../weights/score-distribution.js";
import { scoreAtCutoff, type PopulationScores } from "./score-at-cutoff.js";
import { chooseThreshold, type ThresholdChoice } from "../calibrate/choose-threshold.js";
import { MODEL_SCHEMA_VERSION } from "./model-schema.js";
import type { ActionWeight, ModelV1, ProfileFeature, ProfileRule } from "./types.js";

/** Context a training run records in the model. */
export interface TrainContext {
  /** When the model was created (injected, so training is reproducible). */
  readonly now: Date;
  readonly toolVersion: string;
  readonly featureEngine?: FeatureEngine;
}

/** The model plus the per-lead figures behind it (for calibration, reports and tests). */
export interface TrainResult {
  readonly model: ModelV1;
  readonly population: TrainingPopulation;
  readonly scores: PopulationScores;
  readonly threshold: ThresholdChoice;
}

/** What a reference level's statistics compare it with (the other values are compared with it). */
export const ALL_OTHER_VALUES = "(all other values)";

/** Fewest won and lost leads training accepts at all (calibration asks for more: `calibration.minWonDeals`). */
export const MIN_CLASS_SIZE = 1;

/**
 * Trains a lift-mode model: point-in-time features → exposure-adjusted lift
 * per action and profile value → points, pruned → FIT + PAIN scores of the
 * training leads → in-sample SDR-ready threshold.
 * @throws LeadliftError "too-few-outcomes" when there are not enough won or lost leads.
 */
export function trainModel(crm: CrmData, config: LeadliftConfig, context: TrainContext): TrainResult {
  const options = config.training;
  const population = buildTrainingPopulation(crm, options.observationWindowDays);
  const { won: wonCount, lost: lostCount } = population.counts;
  if (wonCount < MIN_CLASS_SIZE || lostCount < MIN_CLASS_SIZE) {
    throw new LeadliftError(
      "too-few-outcomes",
      `Cannot train: ${wonCount} won and ${lostCount} lost leads (open leads excluded: ${population.counts.openExcluded}); need at least ${MIN_CLASS_SIZE} of each. Check the outcome mapping ("outcomes.values") or add history.`,
    );
  }
  const strata = stratifyByExposure(population.exposureDays, options.exposureStrata);
  const lift = (indicator: ArrayLike<number>) =>
    computeLift(population.won, indicator, strata.stratumOf, strata.count);

  const engine = context.featureEngine ?? inMemoryFeatureEngine;
  const indicators = engine.actionIndicators(population, crm.events);
  const did = indicators.counts.map(didAction);
  const vanityActions = new Set(options.vanityActions);
  const vanityCategories = new Set(options.vanityCategories);
  const negativeActions = new Set(options.negativeActions);
  const actionStats = indicators.actions.map((action, a) => ({
    key: action,
    stats: lift(did[a]),
    vanity: vanityActions.has(action) || vanityCategories.has(indicators.categories[a] ?? ""),
    negative: negativeActions.has(action),
  }));
  const actionRules: PointRules = {
    minLiftPoints: options.minLiftPoints,
    significanceLevel: options.significanceLevel,
    minLeads: options.minActionLeads,
    maxKept: options.maxActions,
  };
  const noStrata = new Uint8Array(population.leads.length);
  const { features: specs, skipped } = chooseProfileFeatures(population.leads, crm.profileColumns, config.profile, population.won);
  const featureValues = specs.map((spec) => deriveFeatureValues(spec, population.leads));
  // Each feature's most common value is its reference level (0 points), in both modes.
  const reference = specs.map((_, f) => mostFrequent(featureValues[f]));
  // One family for every profile value, so Holm's adjustment accounts for all of them being tested.
  // Profile is fixed at creation, so time to act does not confound it: one stratum (Fisher exact).
  const profileCandidates = specs.flatMap((spec, f) =>
    [...new Set(featureValues[f])].sort().map((value) => ({
      feature: spec.name,
      featureIndex: f,
      key: `${spec.name}=${value}`,
      value,
      comparedWith: value === reference[f] ? ALL_OTHER_VALUES : reference[f],
      reference: value === reference[f],
      stats:
        value === reference[f]
          ? computeLift(population.won, featureValues[f].map((v) => (v === value ? 1 : 0)), noStrata, 1)
          : liftAgainstReference(population.won, featureValues[f], value, reference[f]),
      vanity: false,
    })),
  );

  const candidateColumns = actionStats.filter((c) => c.stats.degenerate === null).length + profileCandidates.length;
  const wonPerColumn = candidateColumns > 0 ? wonCount / candidateColumns : 0;
  const mode = options.mode === "auto" ? (wonPerColumn >= 10 ? "logistic" : "lift") : options.mode;
  const modeReason =
    options.mode === "auto"
      ? `auto: ${wonPerColumn.toFixed(1)} won leads per candidate column ${mode === "logistic" ? "≥" : "<"} 10 (the events-per-variable rule, Peduzzi et al. 1996), so ${mode}.`
      : `${mode}, as requested.`;
  let actionEffects: Array<ColumnEffect | null> = actionStats.map(() => null);
  let profileEffects: Array<ColumnEffect | null> = profileCandidates.map(() => null);
  if (mode === "logistic") {
    const columns = [
      ...actionStats.map((c, a) => ({ key: `action:${c.key}`, values: did[a] })),
      ...profileCandidates
        .filter((c) => c.value !== reference[c.featureIndex])
        .map((c) => ({ key: `profile:${c.key}`, values: featureValues[c.featureIndex].map((v) => (v === c.value ? 1 : 0)) })),
    ];
    // Exposure strata enter as nuisance covariates (no points), so behaviour is compared among leads with as long to act.
    if (crm.timestamps.events) {
      for (let k = 1; k < strata.count; k++) {
        columns.push({ key: `exposure:${k}`, values: Array.from(strata.stratumOf, (s) => (s === k ? 1 : 0)) });
      }
    }
    const { effects } = estimateLogisticEffects(columns, population.won, { l2: options.l2, minLeads: options.minActionLeads });
    actionEffects = actionStats.map((c) => effects.get(`action:${c.key}`) ?? null);
    profileEffects = profileCandidates.map((c) => effects.get(`profile:${c.key}`) ?? null);
  }
  const asPoints = (effect: ColumnEffect | null): PointCandidate["effect"] =>
    mode === "lift"
      ? undefined
      : effect === null
        ? null
        : {
            value: options.pointsScale === "pdo" ? (effect.coefficient * options.pdo) / Math.LN2 / 100 : effect.averageMarginalEffect,
            pValue: effect.pValue,
          };
  const actionDecisions = decidePoints(
    actionStats.map((c, a) => ({ ...c, effect: asPoints(actionEffects[a]) })),
    actionRules,
  );
  const actions: ActionWeight[] = indicators.actions
    .map((action, a) => ({
      action,
      category: indicators.categories[a],
      vanity: actionStats[a].vanity,
      ...withoutKey(actionDecisions[a]),
      stats: actionStats[a].stats,
      effect: actionEffects[a],
    }))
    .sort(byPointsThenName((w) => w.action));

  const profileDecisions = decidePoints(
    profileCandidates.map((c, k) => ({ ...c, effect: asPoints(profileEffects[k]) })),
    { ...actionRules, maxKept: Infinity },
  );
  const profileRules: ProfileRule[] = profileCandidates.map((candidate, k) => ({
    feature: candidate.feature,
    value: candidate.value,
    comparedWith: candidate.comparedWith,
    ...withoutKey(profileDecisions[k]),
    stats: candidate.stats,
    effect: profileEffects[k],
  }));

  const features: ProfileFeature[] = specs.map((spec) => ({
    name: spec.name,
    column: spec.column,
    role: spec.role,
    transform: spec.transform as ProfileFeature["transform"],
  }));

  // Ages of occurrences track exposure closely, so decay is judged within finer exposure strata than lift.
  const decay = crm.timestamps.events
    ? {
        ...learnDecay(actions, indicators, population, stratifyByExposure(population.exposureDays, 2 * options.exposureStrata), config),
        ...learnInactivity(indicators.lastAt, population, strata, config, actionRules),
      }
    : null;

  const unscored: ModelV1 = {
    schemaVersion: MODEL_SCHEMA_VERSION,
    kind: "leadlift-model",
    toolVersion: context.toolVersion,
    createdAt: context.now.toISOString(),
    mode,
    modeSelection: { requested: options.mode, reason: modeReason, wonPerColumn, pointsScale: mode === "logistic" ? options.pointsScale : "probability" },
    actions,
    profile: { features, rules: profileRules.sort(byPointsThenName((r) => `${r.feature}=${r.value}`)), skippedColumns: skipped, fitCap: null },
    threshold: {
      status: "no-threshold",
      method: "static",
      score: null,
      closeRate: null,
      closeRateInterval: null,
      leadsAtOrAbove: 0,
      wonAtOrAbove: 0,
      targetBand: options.targetCloseRate,
      explanation: "not chosen yet",
    },
    probability: null,
    calibration: null,
    validation: null,
    comparison: null,
    decay,
    velocity: null,
    accounts: null,
    coldStart: null,
    training: {
      files: crm.files,
      issueCounts: crm.issueCounts,
      dateRange: dateRange(crm),
      leads: {
        won: wonCount,
        lost: lostCount,
        openExcluded: population.counts.openExcluded,
        missingOutcomes: crm.missingOutcomes.count,
        missingOutcomesTreatedAs: crm.missingOutcomes.treatedAs,
        cutoffUnknown: population.counts.cutoffUnknown,
        trimmedByWindow: population.counts.trimmedByWindow,
      },
      baseCloseRate: wonCount / (wonCount + lostCount),
      events: {
        counted: indicators.eventsCounted,
        afterCutoff: indicators.eventsAfterCutoff,
        ofUntrainedLeads: indicators.eventsOfUntrainedLeads,
      },
      checks: describeChecks(crm, population, strata.count),
      exposureStrataDays: strata.edgesDays,
      observationWindowDays: options.observationWindowDays,
      options: { ...options },
      distributions: null,
      warnings: trainingWarnings(crm, population),
    },
  };
  // Training scores come from the runtime scorer at each lead's cut-off: one implementation of the rules.
  const scores = scoreAtCutoff(crm, population, unscored);
  const threshold = chooseThreshold(scores.score, population.won, options.targetCloseRate);
  const model: ModelV1 = {
    ...unscored,
    threshold: {
      status: threshold.status,
      method: "static",
      score: threshold.score,
      closeRate: threshold.closeRate,
      closeRateInterval: threshold.closeRateInterval,
      leadsAtOrAbove: threshold.leadsAtOrAbove,
      wonAtOrAbove: threshold.wonAtOrAbove,
      targetBand: threshold.targetBand,
      explanation: threshold.explanation,
    },
    training: {
      ...unscored.training,
      distributions: {
        score: describeScoreDistribution(scores.score),
        actions: Object.fromEntries(indicators.actions.map((action, a) => [action, share(did[a])])),
        profile: Object.fromEntries(specs.map((spec, f) => [spec.name, valueShares(featureValues[f])])),
      },
    },
  };
  return { model, population, scores, threshold };
}

function share(indicator: ArrayLike<number>): number {
  let ones = 0;
  for (let i = 0; i < indicator.length; i++) ones += indicator[i] ? 1 : 0;
  return indicator.length > 0 ? ones / indicator.length : 0;
}

function valueShares(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  for (const v of Object.keys(counts)) counts[v] /= values.length;
  return counts;
}

function mostFrequent(values: readonly string[]): string {
  const counts = new Map<string, number>();
  let best = values[0];
  for (const v of values) {
    const c = (counts.get(v) ?? 0) + 1;
    counts.set(v, c);
    if (c > (counts.get(best) ?? 0) || (c === counts.get(best) && v < best)) best = v;
  }
  return best;
}

function withoutKey<T extends { key: string }>(decision: T): Omit<T, "key"> {
  const { key: _key, ...rest } = decision;
  return rest;
}

function byPointsThenName<T extends { points: number; kept: boolean }>(name: (item: T) => string) {
  return (a: T, b: T) =>
    Number(b.kept) - Number(a.kept) || Math.abs(b.points) - Math.abs(a.points) || (name(a) < name(b) ? -1 : 1);
}

function dateRange(crm: CrmData): { from: string; to: string } | null {
  let from = Infinity;
  let to = -Infinity;
  for (const lead of crm.leads) {
    if (lead.createdAt === null) continue;
    if (lead.createdAt < from) from = lead.createdAt;
    if (lead.createdAt > to) to = lead.createdAt;
  }
  return from === Infinity ? null : { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
}

function describeChecks(crm: CrmData, population: TrainingPopulation, strataCount: number) {
  const { timestamps } = crm;
  const pointInTime = !timestamps.events
    ? { status: "not-checked" as const, detail: "No events file: behaviour comes from aggregated lead columns, whose timing cannot be checked against hand-off. They may include activity after the lead reached sales." }
    : population.counts.cutoffUnknown > 0
      ? { status: "not-checked" as const, detail: `${population.counts.cutoffUnknown} leads have no created_at, handoff_at or closed_at to bound their events; all their events were counted.` }
      : { status: "checked" as const, detail: "Only events strictly before each lead's cut-off (hand-off, else close, and within the observation window) were counted." };
  const exposure =
    strataCount > 1 && timestamps.events
      ? { status: "checked" as const, detail: `Lift compared leads within ${strataCount} exposure-time strata (Mantel–Haenszel), so leads are compared with leads that had as long to act.` }
      : { status: "not-checked" as const, detail: timestamps.events ? "Exposure time (creation to cut-off) is unknown or uniform: lift is the crude difference in close rates." : "No events: there is no behaviour whose exposure time could bias lift." };
  return { pointInTime, exposure };
}

function trainingWarnings(crm: CrmData, population: TrainingPopulation): string[] {
  const warnings: string[] = [];
  const rejected = crm.files.reduce((sum, f) => sum + f.rejected, 0);
  if (rejected > 0) warnings.push(`${rejected} input rows were rejected; see the issues list.`);
  if (population.counts.won < 120) {
    warnings.push(`Only ${population.counts.won} won leads: points are noisy (Salesforce Einstein, for comparison, asks for 120 conversions).`);
  }
  if (!crm.timestamps.createdAt) warnings.push("No created_at column: the observation window and exposure adjustment were not applied.");
  return warnings;
}
