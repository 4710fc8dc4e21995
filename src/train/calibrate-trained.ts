import type { LeadliftConfig } from "../config/config-schema.js";
import { calibrateByReplay, type ReplayCalibration } from "../calibrate/calibrate-by-replay.js";
import { probabilityAt, fitCloseProbability, type CloseProbabilityMap } from "../calibrate/close-probability.js";
import { evaluateProbabilitiesRankedBy, type ProbabilityQuality } from "../calibrate/evaluate-probabilities.js";
import type { PopulationScores } from "../calibrate/score-at-cutoff.js";
import type { CrmData } from "../io/load-crm.js";
import type { Calibration, ModelV1 } from "../model/types.js";
import { describeScoreDistribution } from "../weights/score-distribution.js";
import type { TrainResult } from "./train-model.js";

/**
 * A trained model with its threshold, close probability and calibration
 * report: by replay when leads have creation dates, else the in-sample
 * static threshold of training with a probability map on final scores.
 */
export function calibrateTrained(crm: CrmData, trained: TrainResult, config: LeadliftConfig): { model: ModelV1; scores: PopulationScores } {
  const band = config.training.targetCloseRate;
  const rules = {
    minLiftPoints: config.training.minLiftPoints,
    significanceLevel: config.training.significanceLevel,
    exposureStrata: config.training.exposureStrata,
  };
  const replay = calibrateByReplay(crm, trained.population, trained.model, band, config.calibration, rules);
  if (!replay) {
    const probability = fitCloseProbability(trained.scores.score, trained.population.won);
    return { model: { ...trained.model, probability, calibration: staticCalibration(trained, probability) }, scores: trained.scores };
  }
  const { calibration, scores } = replay;
  const { chosen } = calibration.run;
  const point = chosen.point;
  const distributions = replay.model.training.distributions;
  return {
    model: {
      ...replay.model,
      // Calibration may add velocity points or a FIT cap: the drift baseline must be the final scores.
      training: { ...replay.model.training, distributions: distributions && { ...distributions, score: describeScoreDistribution(scores.score) } },
      threshold: {
        status: chosen.status,
        method: "replay",
        score: chosen.threshold,
        closeRate: point?.closeRate ?? null,
        closeRateInterval: point?.closeRateInterval ?? null,
        leadsAtOrAbove: point?.reached ?? 0,
        wonAtOrAbove: point?.successes ?? 0,
        targetBand: band,
        explanation: chosen.explanation,
      },
      probability: calibration.probability,
      calibration: toModelCalibration(calibration, scores, trained.population.won),
    },
    scores,
  };
}

function toModelCalibration(calibration: ReplayCalibration, scores: PopulationScores, won: ArrayLike<number>): Calibration {
  return {
    method: "replay",
    salesCycle: calibration.salesCycle,
    windowDays: calibration.windowDays,
    windowSource: calibration.windowSource,
    maturityDays: calibration.maturityDays,
    dataEndAt: new Date(calibration.dataEndAt).toISOString(),
    replayedLeads: calibration.run.replayed.leads.length,
    notReplayable: calibration.run.replayed.notReplayable,
    curve: calibration.run.curve.filter((p) => p.reached > 0),
    capacity: calibration.capacity,
    profileOnly: calibration.profileOnly,
    quadrants: calibration.quadrants,
    velocity: calibration.velocity,
    inSampleQuality: probabilityQuality(scores.score, calibration.probability, won),
    warnings: calibration.warnings,
  };
}

function staticCalibration(trained: TrainResult, probability: CloseProbabilityMap): Calibration {
  return {
    method: "static",
    salesCycle: null,
    windowDays: null,
    windowSource: null,
    maturityDays: null,
    dataEndAt: null,
    replayedLeads: 0,
    notReplayable: trained.population.leads.length,
    curve: [],
    capacity: null,
    profileOnly: null,
    quadrants: null,
    velocity: null,
    inSampleQuality: probabilityQuality(trained.scores.score, probability, trained.population.won),
    warnings: ["No created_at dates: scores could not be replayed over time; the threshold uses final scores of closed leads, in-sample."],
  };
}

/**
 * Brier, log-loss, ECE and reliability of the close probabilities, with the
 * AUC of the scores themselves: ranking is the score's job, and the
 * probability map's flat steps would only add ties.
 */
export function probabilityQuality(scores: ArrayLike<number>, map: CloseProbabilityMap, won: ArrayLike<number>): ProbabilityQuality {
  const probabilities = new Float64Array(scores.length);
  for (let i = 0; i < scores.length; i++) probabilities[i] = probabilityAt(map, scores[i]);
  return evaluateProbabilitiesRankedBy(probabilities, won, scores);
}
