import { max, min, quantile } from "simple-statistics";
import type { LeadliftConfig } from "../config/config-schema.js";
import { probabilityAt } from "../calibrate/close-probability.js";
import { evaluateProbabilities, type ProbabilityQuality } from "../calibrate/evaluate-probabilities.js";
import type { ReplayPoint } from "../calibrate/replay-curve.js";
import type { ReplayContext } from "../calibrate/replay-run.js";
import { measureVelocity } from "../calibrate/velocity.js";
import { buildTrainingPopulation, type TrainingPopulation } from "../features/training-population.js";
import type { CrmData } from "../io/load-crm.js";
import { evaluateByReplay, type ReplayCalibration, type ReplayEvaluation } from "../calibrate/calibrate-by-replay.js";
import { scoreAtCutoff } from "../calibrate/score-at-cutoff.js";
import type { ModelV1 } from "../model/types.js";
import { areaUnderRoc } from "../stats/auc.js";
import { populationStabilityIndex, psiBand } from "../stats/population-stability-index.js";
import { wilsonInterval } from "../stats/wilson-interval.js";
import { shareByBin } from "../weights/score-distribution.js";
import { compareModels, sharedReplayOptions, type ModelComparison } from "./compare-models.js";
import { cumulativeGains, type GainsPoint } from "./cumulative-gains.js";
import { dateRangesOf, overlapWith, type DateRange } from "./export-dates.js";
import { measureFeatureDrift, type FeatureDrift } from "./feature-drift.js";
import { summariseTimeRules, summariseVelocity, type TimeRulesSummary, type VelocitySummary } from "./time-rules-summary.js";
import { composeVerdict, type Verdict } from "./verdict.js";

export type { DateRange } from "./export-dates.js";

/** Everything a calibration report shows, as numbers; renderers only format it. */
export interface ReportData {
  readonly generatedAt: string;
  readonly model: {
    readonly createdAt: string;
    readonly toolVersion: string;
    readonly mode: string;
    readonly threshold: number | null;
    readonly targetBand: { min: number; max: number };
    /** When the model's training leads were created. */
    readonly trainingPeriod: DateRange;
  };
  readonly verdict: Verdict;
  readonly data: {
    readonly files: CrmData["files"];
    readonly issueCounts: Record<string, number>;
    /** Lead rows loaded. */
    readonly leads: number;
    readonly won: number;
    readonly lost: number;
    readonly openExcluded: number;
    readonly dateRanges: { readonly created: DateRange; readonly events: DateRange; readonly closed: DateRange };
    /** Leads replayed over time, and leads that could not be (no creation date). */
    readonly replayed: number;
    readonly notReplayable: number;
    /** Share of leads (with a creation date) created within the model's training period; null when either has no dates. */
    readonly trainingOverlap: number | null;
    readonly timestamps: CrmData["timestamps"];
  };
  /** Fewest decided leads for a close rate to count (calibration.minDecidedLeads): curve points with fewer are left out. */
  readonly minDecided: number;
  /** Replay of this data under the model: close rate within the sales cycle at each threshold with enough decided leads. */
  readonly thresholdCurve: Array<{ threshold: number; closeRate: number | null; lower: number | null; upper: number | null; reached: number; decided: number; perDay: number; wonCaptured: number }>;
  /** The model's threshold applied to this data. */
  readonly atThreshold: ReplayPoint | null;
  /** The model's out-of-time check from training: threshold chosen on the earlier leads, replayed unchanged on the latest. */
  readonly outOfTime: {
    readonly threshold: number | null;
    readonly closeRate: number | null;
    readonly lower: number | null;
    readonly upper: number | null;
    readonly decided: number;
    readonly trainLeads: number;
    readonly holdoutLeads: number;
    readonly splitAt: string | null;
  } | null;
  /** The in-band threshold most likely to stay in the band on this data (null when none lands in the band). */
  readonly bestOnData: { readonly threshold: number; readonly closeRate: number; readonly decided: number } | null;
  readonly salesCycleDays: number | null;
  /** No won deal in this data has a close date: the replay counted wins whenever they came (no sales-cycle window). */
  readonly noCloseDates: boolean;
  readonly scoreBands: Array<{ band: string; from: number; to: number; leads: number; won: number; closeRate: number; lower: number; upper: number }>;
  readonly gains: GainsPoint[];
  /** AUC of the score at the cut-off, won vs lost closed leads (null with one class only). */
  readonly scoreAuc: number | null;
  readonly reliability: ProbabilityQuality | null;
  /** The probability map's fit on the leads held out at training (null when the model has none): the fair figure when this data overlaps training. */
  readonly heldOutReliability: { readonly leads: number; readonly brier: number; readonly ece: number } | null;
  readonly distributions: Array<{ outcome: "won" | "lost"; from: number; to: number; leads: number }>;
  /** Quartiles of the score at the cut-off of won and of lost leads (null when none). */
  readonly scoreQuartiles: { readonly won: Quartiles | null; readonly lost: Quartiles | null };
  readonly actions: Array<{
    action: string; category: string | null; points: number; lift: number | null; lower: number | null; upper: number | null;
    leads: number; shareOfWon: number | null; pValue: number | null; adjustedPValue: number | null; kept: boolean; reason: string | null;
  }>;
  /** The FIT side: every profile value with its points and its lift against its feature's reference level. */
  readonly profile: Array<{
    feature: string; value: string; comparedWith: string; role: "fit" | "pain"; points: number; lift: number | null; lower: number | null; upper: number | null;
    leads: number; pValue: number | null; kept: boolean; reason: string | null;
  }>;
  /** How the points were learned, for the notes above the action and profile tables. */
  readonly pointsBasis: { readonly mode: "lift" | "logistic"; readonly pointsScale: "probability" | "pdo"; readonly targetRate: number };
  readonly quadrants: ReplayCalibration["quadrants"];
  readonly capacity: ReplayCalibration["capacity"];
  readonly profileOnly: ReplayEvaluation["profileOnly"];
  /** Velocity: the rule the model applies, the evidence from training, and the same comparison on this data. */
  readonly velocity: {
    readonly rule: { readonly minPointsPerDay: number; readonly points: number } | null;
    readonly atTraining: VelocitySummary | null;
    readonly onData: VelocitySummary | null;
  };
  /** Decay, inactivity, exit, FIT-cap and maturity rules of the model, with their evidence. */
  readonly timeRules: TimeRulesSummary;
  readonly drift: DriftData | null;
  readonly warnings: string[];
}

/** Lower quartile, median and upper quartile (simple-statistics `quantile`, R type 7 interpolation). */
export interface Quartiles {
  readonly q1: number;
  readonly median: number;
  readonly q3: number;
}

/** Drift against the model's training data, and changes against a previous model. */
export interface DriftData {
  /** PSI of the score at the cut-off against the training deciles (null when the model has no baseline). */
  readonly scorePsi: number | null;
  readonly scorePsiBand: "stable" | "some shift" | "major shift" | null;
  /** The score bins behind `scorePsi`: (from, to], open-ended where null. */
  readonly scoreBins: Array<{ from: number | null; to: number | null; expected: number; actual: number }>;
  /** PSI of every action and profile feature, largest first. */
  readonly features: FeatureDrift[];
  readonly previous: ModelComparison | null;
}

/**
 * Computes the calibration report for `model` on an export (typically the
 * latest month's): the verdict, the replayed threshold curve on this data,
 * close rate by score band, cumulative gains, reliability, score
 * distributions of won and lost leads, the action table, FIT/PAIN quadrants,
 * capacity, velocity and the other time rules, the data summary, and drift
 * against the training data (PSI of the score and of each feature) and
 * against a previous model (changes, and both models replayed on this data).
 * The sales-cycle window and maturity are the model's unless configured;
 * capacity is the configured one, else the one the model was calibrated with.
 */
export function reportData(model: ModelV1, crm: CrmData, config: LeadliftConfig, options: { now: Date; previous?: ModelV1 }): ReportData {
  const population = buildTrainingPopulation(crm, model.training.observationWindowDays);
  const scores = scoreAtCutoff(crm, population, model).score;
  const band = model.threshold.targetBand;
  const calibration = {
    ...sharedReplayOptions(model, config.calibration),
    sdrCapacityPerDay: config.calibration.sdrCapacityPerDay ?? model.calibration?.capacity?.capacityPerDay ?? undefined,
  };
  const replay = evaluateByReplay(crm, model, calibration);
  const threshold = model.threshold.score;
  const atThreshold = replay?.atThreshold ?? null;
  const won = population.won;
  // Without creation dates nothing can be replayed: the threshold is judged on scores at the cut-off, as training chose it.
  const staticAtThreshold = replay === null && threshold !== null ? closeRateAtOrAbove(scores, won, threshold) : null;
  const hasBoth = population.counts.won > 0 && population.counts.lost > 0;
  const probabilities = model.probability ? Array.from(scores, (s) => probabilityAt(model.probability!, s)) : null;
  const minDecided = config.calibration.minDecidedLeads;
  const chosen = replay?.run.chosen;
  const bestOnData = chosen?.threshold != null && chosen.point?.closeRate != null
    ? { threshold: chosen.threshold, closeRate: chosen.point.closeRate, decided: chosen.point.successes + chosen.point.failures }
    : null;
  const trainingOverlap = overlapWith(crm, model.training.dateRange);
  const drift = driftOf(model, crm, population, scores, options.previous, calibration, replay);
  const oot = model.validation?.outOfTime;
  const verdict = composeVerdict({
    threshold,
    noThresholdReason: model.threshold.explanation,
    band,
    windowDays: windowDaysApplied(replay?.context),
    noCloseDates: replay?.context.windowSource === "no-close-dates",
    onData: atThreshold
      ? { decided: atThreshold.successes + atThreshold.failures, won: atThreshold.successes, closeRate: atThreshold.closeRate, lower: atThreshold.closeRateInterval?.lower ?? null, upper: atThreshold.closeRateInterval?.upper ?? null }
      : staticAtThreshold,
    method: replay === null ? "static" : "replay",
    minDecided,
    bestOnData,
    outOfTime: oot?.status === "checked" && oot.heldOut
      ? {
          closeRate: oot.heldOut.closeRate,
          threshold: oot.threshold,
          trainLeads: oot.trainLeads,
          holdoutLeads: oot.holdoutLeads,
          decided: oot.heldOut.successes + oot.heldOut.failures,
          won: oot.heldOut.successes,
        }
      : null,
    trainingOverlap,
    scorePsi: drift?.scorePsi ?? null,
    capacity: replay?.capacity?.capacityPerDay != null ? { perDay: replay.capacity.perDay, capacityPerDay: replay.capacity.capacityPerDay } : null,
  });
  const velocityOnData = replay && threshold !== null
    ? measureVelocity(replay.run.replayed, threshold, replay.context, {
        minLiftPoints: config.training.minLiftPoints,
        significanceLevel: config.training.significanceLevel,
        exposureStrata: config.training.exposureStrata,
      }, false)
    : null;
  return {
    generatedAt: options.now.toISOString(),
    model: { createdAt: model.createdAt, toolVersion: model.toolVersion, mode: model.mode, threshold, targetBand: band, trainingPeriod: model.training.dateRange },
    verdict,
    data: {
      files: crm.files,
      issueCounts: crm.issueCounts,
      leads: crm.leads.length,
      won: population.counts.won,
      lost: population.counts.lost,
      openExcluded: population.counts.openExcluded,
      dateRanges: dateRangesOf(crm),
      replayed: replay?.run.replayed.leads.length ?? 0,
      notReplayable: replay?.run.replayed.notReplayable ?? crm.leads.filter((l) => l.createdAt === null).length,
      trainingOverlap,
      timestamps: crm.timestamps,
    },
    minDecided,
    thresholdCurve: (replay?.run.curve ?? [])
      .filter((p) => p.closeRate !== null && p.successes + p.failures >= minDecided)
      .map((p) => ({
        threshold: p.threshold,
        closeRate: p.closeRate,
        lower: p.closeRateInterval?.lower ?? null,
        upper: p.closeRateInterval?.upper ?? null,
        reached: p.reached,
        decided: p.successes + p.failures,
        perDay: p.perDay,
        wonCaptured: p.wonCaptured,
      })),
    atThreshold,
    outOfTime: oot?.status === "checked" && oot.heldOut
      ? {
          threshold: oot.threshold,
          closeRate: oot.heldOut.closeRate,
          lower: oot.heldOut.closeRateInterval?.lower ?? null,
          upper: oot.heldOut.closeRateInterval?.upper ?? null,
          decided: oot.heldOut.successes + oot.heldOut.failures,
          trainLeads: oot.trainLeads,
          holdoutLeads: oot.holdoutLeads,
          splitAt: oot.splitAt,
        }
      : null,
    bestOnData,
    salesCycleDays: windowDaysApplied(replay?.context),
    noCloseDates: replay?.context.windowSource === "no-close-dates",
    scoreBands: scoreBands(scores, won),
    gains: cumulativeGains(scores, won),
    scoreAuc: hasBoth ? areaUnderRoc(scores, won) : null,
    reliability: probabilities && hasBoth ? evaluateProbabilities(probabilities, won) : null,
    heldOutReliability: oot?.heldOutQuality ? { leads: oot.heldOutQuality.leads, brier: oot.heldOutQuality.brier, ece: oot.heldOutQuality.ece } : null,
    distributions: distributions(scores, won),
    scoreQuartiles: { won: quartilesOf(scores, won, 1), lost: quartilesOf(scores, won, 0) },
    actions: model.actions.map((a) => ({
      action: a.action,
      category: a.category,
      points: a.points,
      lift: a.stats.adjustedLift,
      lower: a.stats.adjustedLiftInterval?.lower ?? null,
      upper: a.stats.adjustedLiftInterval?.upper ?? null,
      leads: a.stats.leadsWith,
      shareOfWon: a.stats.shareOfWon,
      pValue: a.stats.pValue,
      adjustedPValue: a.adjustedPValue,
      kept: a.kept,
      reason: a.dropReason,
    })),
    profile: model.profile.rules.map((r) => ({
      feature: r.feature,
      value: r.value,
      comparedWith: r.comparedWith,
      role: model.profile.features.find((f) => f.name === r.feature)?.role ?? "fit",
      points: r.points,
      lift: r.stats.adjustedLift,
      lower: r.stats.adjustedLiftInterval?.lower ?? null,
      upper: r.stats.adjustedLiftInterval?.upper ?? null,
      leads: r.stats.leadsWith,
      pValue: r.stats.pValue,
      kept: r.kept,
      reason: r.dropReason,
    })),
    pointsBasis: { mode: model.mode, pointsScale: model.modeSelection.pointsScale, targetRate: (band.min + band.max) / 2 },
    quadrants: replay?.quadrants ?? null,
    capacity: replay?.capacity ?? null,
    profileOnly: replay?.profileOnly ?? null,
    velocity: { rule: model.velocity, atTraining: summariseVelocity(model.calibration?.velocity ?? null), onData: summariseVelocity(velocityOnData) },
    timeRules: summariseTimeRules(model, replay),
    drift,
    warnings: replay?.warnings ?? [],
  };
}

/** Closed leads scoring `threshold` or more at their cut-off, and their close rate with its Wilson interval. */
function closeRateAtOrAbove(scores: Float64Array, won: Uint8Array, threshold: number) {
  let decided = 0;
  let wonCount = 0;
  for (let i = 0; i < scores.length; i++) {
    if (scores[i] < threshold) continue;
    decided += 1;
    wonCount += won[i];
  }
  const ci = decided > 0 ? wilsonInterval(wonCount, decided) : null;
  return { decided, won: wonCount, closeRate: decided > 0 ? wonCount / decided : null, lower: ci?.lower ?? null, upper: ci?.upper ?? null };
}

/** Close rate of closed leads in equal-width bands of the score at the cut-off (width a multiple of 5, about 8 bands), with Wilson intervals. */
function scoreBands(scores: Float64Array, won: Uint8Array): ReportData["scoreBands"] {
  if (scores.length === 0) return [];
  const low = min(Array.from(scores));
  const high = max(Array.from(scores));
  const width = Math.max(5, Math.ceil((high - low + 1) / 8 / 5) * 5);
  const start = Math.floor(low / width) * width;
  const bands: ReportData["scoreBands"] = [];
  for (let from = start; from <= high; from += width) {
    const to = from + width;
    let leads = 0;
    let wonCount = 0;
    for (let i = 0; i < scores.length; i++) if (scores[i] >= from && scores[i] < to) { leads++; wonCount += won[i]; }
    if (leads === 0) continue;
    const ci = wilsonInterval(wonCount, leads);
    bands.push({ band: `${from} to ${to - 1}`, from, to, leads, won: wonCount, closeRate: wonCount / leads, lower: ci.lower, upper: ci.upper });
  }
  return bands;
}

/** Won and lost leads per score bin (about 20 bins of equal width). */
function distributions(scores: Float64Array, won: Uint8Array): ReportData["distributions"] {
  if (scores.length === 0) return [];
  const low = min(Array.from(scores));
  const high = max(Array.from(scores));
  const width = Math.max(1, Math.ceil((high - low + 1) / 20));
  const rows: ReportData["distributions"] = [];
  for (const outcome of ["won", "lost"] as const) {
    for (let from = low; from <= high; from += width) {
      let leads = 0;
      for (let i = 0; i < scores.length; i++) if ((won[i] === 1) === (outcome === "won") && scores[i] >= from && scores[i] < from + width) leads++;
      rows.push({ outcome, from, to: from + width, leads });
    }
  }
  return rows;
}

function quartilesOf(scores: Float64Array, won: Uint8Array, outcome: 0 | 1): Quartiles | null {
  const values = Array.from(scores).filter((_, i) => won[i] === outcome);
  if (values.length === 0) return null;
  const [q1, median, q3] = quantile(values, [0.25, 0.5, 0.75]);
  return { q1, median, q3 };
}

function driftOf(
  model: ModelV1,
  crm: CrmData,
  population: TrainingPopulation,
  scores: Float64Array,
  previous: ModelV1 | undefined,
  calibration: LeadliftConfig["calibration"],
  replay: ReplayEvaluation | null,
): DriftData | null {
  const baseline = model.training.distributions;
  if (!baseline && !previous) return null;
  let scorePsi: number | null = null;
  let scoreBins: DriftData["scoreBins"] = [];
  let features: FeatureDrift[] = [];
  if (baseline) {
    const { edges, shares } = baseline.score;
    const actual = shareByBin(edges, scores);
    scorePsi = populationStabilityIndex(shares, actual);
    scoreBins = shares.map((expected, b) => ({ from: b === 0 ? null : edges[b - 1], to: b === edges.length ? null : edges[b], expected, actual: actual[b] }));
    features = measureFeatureDrift(baseline, model.profile.features, population, crm.events);
  }
  return {
    scorePsi,
    scorePsiBand: scorePsi === null ? null : psiBand(scorePsi),
    scoreBins,
    features,
    previous: previous ? compareModels(model, previous, crm, population, calibration, replay) : null,
  };
}

/** The sales-cycle window the replay applied, or null without replay or when the export has no close dates (no window applied). */
function windowDaysApplied(context: ReplayContext | undefined): number | null {
  return context && context.windowSource !== "no-close-dates" ? context.windowDays : null;
}
