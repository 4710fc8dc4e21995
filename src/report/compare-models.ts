import type { CalibrationOptions } from "../config/config-schema.js";
import { probabilityAt } from "../calibrate/close-probability.js";
import { evaluateProbabilities } from "../calibrate/evaluate-probabilities.js";
import type { TrainingPopulation } from "../features/training-population.js";
import type { CrmData } from "../io/load-crm.js";
import { evaluateByReplay, type ReplayEvaluation } from "../calibrate/calibrate-by-replay.js";
import { scoreAtCutoff } from "../calibrate/score-at-cutoff.js";
import type { ModelV1 } from "../model/types.js";
import { areaUnderRoc } from "../stats/auc.js";

/** One model judged on the report's data. */
export interface ModelMetrics {
  readonly model: "current" | "previous";
  readonly createdAt: string;
  readonly threshold: number | null;
  /** Leads whose replayed score reached the threshold. */
  readonly reached: number;
  /** Of those, won or failed (outcome known within the sales cycle): the close rate's denominator. */
  readonly decided: number;
  readonly wonInCycle: number;
  /** Won within the sales cycle after reaching the threshold (replay), with its Wilson 95% interval. */
  readonly closeRate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly inBand: boolean | null;
  readonly perDay: number | null;
  /** AUC of the score at the cut-off (won vs lost); null with one class only. */
  readonly auc: number | null;
  /** Brier score and ECE of the model's close probability at the cut-off; null when it has none. */
  readonly brier: number | null;
  readonly ece: number | null;
}

/** How the points of one action or profile value changed between two models. */
export interface PointsChange {
  readonly kind: "action" | "profile";
  /** Action name, or "feature = value" for a profile value. */
  readonly name: string;
  /** Points before (null: not scored by the previous model). */
  readonly from: number | null;
  /** Points now (null: no longer scored). */
  readonly to: number | null;
}

/** Two models on the same data: what changed and how each performs there. */
export interface ModelComparison {
  readonly previousCreatedAt: string;
  readonly added: PointsChange[];
  readonly dropped: PointsChange[];
  readonly reweighted: PointsChange[];
  readonly thresholdFrom: number | null;
  readonly thresholdTo: number | null;
  /** The sales-cycle window both close rates were measured in (the current model's). */
  readonly windowDays: number;
  readonly metrics: [ModelMetrics, ModelMetrics];
}

/** Options of the replay both models share: one sales-cycle window and maturity, the current model's unless configured. */
export function sharedReplayOptions(model: ModelV1, options: CalibrationOptions): CalibrationOptions {
  return {
    ...options,
    salesCycleDays: options.salesCycleDays ?? model.calibration?.windowDays ?? undefined,
    maturityDays: options.maturityDays ?? model.calibration?.maturityDays ?? undefined,
  };
}

/**
 * The current and previous model on the same data: actions and profile
 * values added, dropped and re-weighted, the threshold change, and for each
 * model the replayed close rate at its own threshold — won within the same
 * sales-cycle window after first reaching it, the figure the threshold
 * promises — with AUC of the score and Brier/ECE of the close probability.
 * `currentReplay`, when given, is the current model's replay with
 * `sharedReplayOptions` (so the report replays it once).
 */
export function compareModels(
  current: ModelV1,
  previous: ModelV1,
  crm: CrmData,
  population: TrainingPopulation,
  options: CalibrationOptions,
  currentReplay?: ReplayEvaluation | null,
): ModelComparison {
  const shared = sharedReplayOptions(current, options);
  const replay = currentReplay === undefined ? evaluateByReplay(crm, current, shared) : currentReplay;
  const metricsOf = (model: ModelV1, label: ModelMetrics["model"], replay: ReplayEvaluation | null): ModelMetrics => {
    const scores = scoreAtCutoff(crm, population, model).score;
    const bothClasses = population.counts.won > 0 && population.counts.lost > 0;
    const quality = bothClasses && model.probability
      ? evaluateProbabilities(Array.from(scores, (s) => probabilityAt(model.probability!, s)), population.won)
      : null;
    const point = replay?.atThreshold ?? null;
    const band = model.threshold.targetBand;
    return {
      model: label,
      createdAt: model.createdAt,
      threshold: model.threshold.score,
      reached: point?.reached ?? 0,
      decided: point ? point.successes + point.failures : 0,
      wonInCycle: point?.successes ?? 0,
      closeRate: point?.closeRate ?? null,
      lower: point?.closeRateInterval?.lower ?? null,
      upper: point?.closeRateInterval?.upper ?? null,
      inBand: point?.closeRate == null ? null : point.closeRate >= band.min && point.closeRate <= band.max,
      perDay: point?.perDay ?? null,
      auc: bothClasses ? areaUnderRoc(scores, population.won) : null,
      brier: quality?.brier ?? null,
      ece: quality?.ece ?? null,
    };
  };
  const changes = pointsChanges(previous, current);
  const windowDays = replay?.context.windowDays ?? shared.salesCycleDays ?? 90;
  return {
    previousCreatedAt: previous.createdAt,
    added: changes.filter((c) => c.from === null),
    dropped: changes.filter((c) => c.to === null),
    reweighted: changes.filter((c) => c.from !== null && c.to !== null),
    thresholdFrom: previous.threshold.score,
    thresholdTo: current.threshold.score,
    windowDays,
    metrics: [metricsOf(current, "current", replay), metricsOf(previous, "previous", evaluateByReplay(crm, previous, shared))],
  };
}

/** Points of kept actions and profile values that differ between two models (added, dropped or re-weighted), actions first. */
export function pointsChanges(before: ModelV1, after: ModelV1): PointsChange[] {
  const pointsOf = (model: ModelV1) => {
    const points = new Map<string, { kind: PointsChange["kind"]; points: number }>();
    for (const a of model.actions) if (a.kept && a.points !== 0) points.set(`action:${a.action}`, { kind: "action", points: a.points });
    for (const r of model.profile.rules) if (r.kept && r.points !== 0) points.set(`profile:${r.feature} = ${r.value}`, { kind: "profile", points: r.points });
    return points;
  };
  const from = pointsOf(before);
  const to = pointsOf(after);
  const changes: PointsChange[] = [];
  for (const key of [...new Set([...from.keys(), ...to.keys()])]) {
    const a = from.get(key);
    const b = to.get(key);
    if (a?.points === b?.points) continue;
    changes.push({ kind: (a ?? b)!.kind, name: key.slice(key.indexOf(":") + 1), from: a?.points ?? null, to: b?.points ?? null });
  }
  return changes.sort((x, y) => (x.kind === y.kind ? x.name.localeCompare(y.name) : x.kind === "action" ? -1 : 1));
}
