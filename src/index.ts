/**
 * leadlift training API: load a CRM export, train a model, export it.
 * Named re-exports only; `leadlift/runtime` is the separate scoring entry.
 */
export { LeadliftError } from "./errors.js";
export { ConfigSchema, type LeadliftConfig, type LeadliftConfigInput, type TrainingOptions } from "./config/config-schema.js";
export { parseConfig, loadConfig, withOverrides } from "./config/load-config.js";
export { loadCrm, type CrmData, type CrmPaths } from "./io/load-crm.js";
export { readTable, type RawTable } from "./io/read-table.js";
export type { LeadRecord, EventRecord, OutcomeRecord, RowIssue, FileSummary } from "./io/records.js";
export { buildTrainingPopulation, type TrainingPopulation } from "./features/training-population.js";
export { inMemoryFeatureEngine, type FeatureEngine, type ActionIndicators } from "./features/action-indicators.js";
export { computeLift, type LiftStats } from "./stats/lift.js";
export { decidePoints, type PointDecision } from "./weights/decide-points.js";
export { chooseThreshold, thresholdCurve, type ThresholdChoice } from "./calibrate/choose-threshold.js";
export { trainModel, type TrainResult } from "./model/train-model.js";
export { exportModel, readModel, validateModel } from "./model/export-model.js";
export { ModelSchema, modelJsonSchema, MODEL_SCHEMA_VERSION } from "./model/model-schema.js";
export type { ModelV1, ActionWeight, ProfileRule, ProfileFeature } from "./model/types.js";
export { scoreBatch, type ScoredRow } from "./batch/score-batch.js";
export { modelToSql, sqlInputs, type ModelToSqlOptions, type SqlInputs } from "./sql/model-to-sql.js";
