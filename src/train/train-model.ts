import type { LeadliftConfig } from "../config/config-schema.js";
import { LeadliftError } from "../errors.js";
import { inMemoryFeatureEngine } from "../features/action-indicators.js";
import { engineOf } from "../engine/engine-registry.js";
import type { TrainingEngine } from "./training-engine.js";
import { buildTrainingPopulation, type TrainingPopulation } from "../features/training-population.js";
import type { CrmData } from "../io/load-crm.js";
import type { PointRules } from "../weights/decide-points.js";
import { describeScoreDistribution } from "../weights/score-distribution.js";
import { chooseThreshold, type ThresholdChoice } from "../calibrate/choose-threshold.js";
import { decideModelPoints } from "./decide-model-points.js";
import { learnDecay, learnInactivity, type DecayEstimates } from "./learn-time-rules.js";
import { MODEL_SCHEMA_VERSION } from "../model/model-schema.js";
import { learnPointCandidates, type PointCandidates } from "./point-candidates.js";
import { dateRange, describeChecks, share, trainingWarnings, valueShares } from "./training-metadata.js";
import { scoreAtCutoff, type PopulationScores } from "../calibrate/score-at-cutoff.js";
import type { ModelV1, ProfileFeature, Pruning } from "../model/types.js";

export { ALL_OTHER_VALUES } from "./point-candidates.js";

/** Context a training run records in the model. */
export interface TrainContext {
  /** When the model was created (injected, so training is reproducible). */
  readonly now: Date;
  readonly toolVersion: string;
  /** Where features and statistics are counted. Default: the engine the export was loaded with (`engine` config), else in-process. */
  readonly featureEngine?: TrainingEngine;
}

/** The engine a training run on `crm` uses: the context's, else the one that loaded its events, else in-process. */
export function engineFor(crm: CrmData, context: TrainContext): TrainingEngine {
  return context.featureEngine ?? engineOf(crm.events) ?? inMemoryFeatureEngine;
}

/** The model plus the per-lead figures behind it (for calibration, reports and tests). */
export interface TrainResult {
  readonly model: ModelV1;
  readonly population: TrainingPopulation;
  readonly scores: PopulationScores;
  readonly threshold: ThresholdChoice;
  /** The estimates points were decided from (reused to try other pruning rules without refitting). */
  readonly candidates: PointCandidates;
}

/** Decisions a caller (the held-out selection in train-and-calibrate) makes for a training run. */
export interface TrainChoices {
  readonly mode: "lift" | "logistic";
  readonly modeReason: string;
  readonly rules: PointRules;
  /** How the rules were chosen, recorded in the model. */
  readonly pruning: Pruning;
  /** Estimates already computed for this population and mode. */
  readonly candidates: PointCandidates;
  /** `buildTrainingPopulation` of `crm` with the configured window, when the caller has built it already (0.3–0.5 s a build at 200k leads). */
  readonly population: TrainingPopulation;
  /** Decay estimates made on this population with the same candidates' statistics (the held-out check trains both modes on one split); new ones are added. */
  readonly decayEstimates: DecayEstimates;
}

/** Fewest won and lost leads training accepts at all (calibration asks for more: `calibration.minWonDeals`). */
export const MIN_CLASS_SIZE = 1;

/**
 * Trains a model: point-in-time features → each action's and profile
 * value's effect (landmark lift, or the landmark regression in logistic
 * mode) → points, pruned by `choices.rules` → time rules → FIT + PAIN
 * scores of the training leads → in-sample SDR-ready threshold (replaced by
 * the replay calibration in `trainAndCalibrate`).
 * @throws LeadliftError "too-few-outcomes" when there are not enough won or lost leads.
 */
export function trainModel(crm: CrmData, config: LeadliftConfig, context: TrainContext, choices: Partial<TrainChoices> = {}): TrainResult {
  const options = config.training;
  const population = choices.population ?? buildTrainingPopulation(crm, options.observationWindowDays);
  const { won: wonCount, lost: lostCount } = population.counts;
  if (wonCount < MIN_CLASS_SIZE || lostCount < MIN_CLASS_SIZE) {
    throw new LeadliftError(
      "too-few-outcomes",
      `Cannot train: ${wonCount} won and ${lostCount} lost leads (open leads excluded: ${population.counts.openExcluded}); need at least ${MIN_CLASS_SIZE} of each. Check the outcome mapping ("outcomes.values") or add history.`,
    );
  }
  const mode = choices.mode ?? modeWithoutEvidence(options.mode);
  const candidates = choices.candidates ?? learnPointCandidates(crm, population, config, mode, engineFor(crm, context));
  const rules = choices.rules ?? configuredRules(options);
  const { actions, profileRules } = decideModelPoints(candidates, rules, options);
  const { indicators, did, grid, specs, skipped, featureValues } = candidates;
  const features: ProfileFeature[] = specs.map((spec) => ({
    name: spec.name,
    column: spec.column,
    role: spec.role,
    transform: spec.transform as ProfileFeature["transform"],
  }));
  const decay = grid !== null
    ? {
        ...learnDecay(actions, indicators, population, grid, config, choices.decayEstimates),
        ...learnInactivity(indicators, population, grid, config, rules),
      }
    : null;
  const candidateColumns = candidates.actions.filter((c) => c.stats.degenerate === null).length + candidates.profile.length;

  const unscored: ModelV1 = {
    schemaVersion: MODEL_SCHEMA_VERSION,
    kind: "leadlift-model",
    toolVersion: context.toolVersion,
    createdAt: context.now.toISOString(),
    mode,
    modeSelection: {
      requested: options.mode,
      reason: choices.modeReason ?? (options.mode === "auto" ? `auto without held-out evidence: ${mode}, the default.` : `${mode}, as configured.`),
      wonPerColumn: candidateColumns > 0 ? wonCount / candidateColumns : 0,
      pointsScale: mode === "logistic" ? options.pointsScale : "probability",
    },
    actions,
    profile: { features, rules: profileRules, skippedColumns: skipped, fitCap: null },
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
      checks: describeChecks(crm, population, grid),
      exposureStrataDays: [],
      landmarks: grid === null ? null : { stepDays: grid.stepDays, count: grid.count, datedLeads: grid.datedLeads },
      pruning: choices.pruning ?? fixedPruning(rules, "the configured rules, not checked against held-out data"),
      regression: candidates.regression,
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
  return { model, population, scores, threshold, candidates };
}

/** The pruning rules as configured (no held-out relaxation). */
export function configuredRules(options: LeadliftConfig["training"]): PointRules {
  return {
    minLiftPoints: options.minLiftPoints,
    significanceLevel: options.significanceLevel,
    minLeads: options.minActionLeads,
    maxKept: options.maxActions,
  };
}

/** The mode `auto` means when no held-out comparison is available. */
export function modeWithoutEvidence(requested: "lift" | "logistic" | "auto"): "lift" | "logistic" {
  return requested === "auto" ? AUTO_FALLBACK_MODE : requested;
}

/** What `auto` falls back to when the held-out comparison cannot tell the modes apart (see README). */
export const AUTO_FALLBACK_MODE = "logistic" as const;

function fixedPruning(rules: PointRules, explanation: string): Pruning {
  return {
    policy: "fixed",
    rules: {
      minLiftPoints: rules.minLiftPoints,
      significanceLevel: rules.significanceLevel,
      profileSignificance: rules.profileSignificance ?? "value",
      maxKept: Number.isFinite(rules.maxKept) ? rules.maxKept : null,
    },
    heldOut: null,
    explanation,
  };
}
