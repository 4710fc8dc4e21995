import type { z } from "zod";
import type {
  ActionWeightSchema,
  LiftStatsSchema,
  ModelSchema,
  ProfileFeatureSchema,
  ProfileRuleSchema,
  ThresholdSchema,
  CalibrationSchema,
  ValidationSchema,
  ReplayPointSchema,
  CloseProbabilitySchema,
  ProbabilityQualitySchema,
  ModeComparisonSchema,
  PruningSchema,
} from "./model-schema.js";

/** The exported model file (schema version 1). */
export type ModelV1 = z.output<typeof ModelSchema>;
export type ActionWeight = z.output<typeof ActionWeightSchema>;
export type ProfileFeature = z.output<typeof ProfileFeatureSchema>;
export type ProfileRule = z.output<typeof ProfileRuleSchema>;
export type Threshold = z.output<typeof ThresholdSchema>;
export type ModelLiftStats = z.output<typeof LiftStatsSchema>;
export type Calibration = z.output<typeof CalibrationSchema>;
export type Validation = z.output<typeof ValidationSchema>;
export type ModelReplayPoint = z.output<typeof ReplayPointSchema>;
export type CloseProbability = z.output<typeof CloseProbabilitySchema>;
export type ProbabilityQualityFigures = z.output<typeof ProbabilityQualitySchema>;
export type ModeComparison = z.output<typeof ModeComparisonSchema>;
export type Pruning = z.output<typeof PruningSchema>;
