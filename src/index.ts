/**
 * leadlift: the public library API. The CLI is a thin shell over it: each
 * command calls one of `train`, `score`, `report` (+ `renderReport`) and
 * `sql` with the same inputs and settings, so a notebook or script gets what
 * the command gives. The steps beneath them are exported for finer control.
 * Named re-exports only. The scorer itself is the zero-dependency
 * `leadlift-runtime` package (also re-exported as `leadlift/runtime`).
 */

// The four commands as functions.
export { train, closeCrm, type CloseCrmOptions, type CrmInput, type TrainOptions } from "./api/train.js";
export { score, accountRollUpOptions, type ScoreOptions, type ScoreResult } from "./api/score.js";
export { ACCOUNT_METHODS, type AccountMethod } from "./api/account-methods.js";
export { report, renderReport, REPORT_FORMATS, type ReportFormat, type ReportOptions } from "./api/report.js";
export { sql, type SqlOptions } from "./api/sql.js";
export { trainingSqlFiles, type TrainingSqlOptions, type TrainingSqlFile } from "./api/train-sql.js";
export { trainingQueries, TRAINING_TABLE_NAMES, type TrainingQuery, type TrainingQueriesOptions, type TrainingQueryStage } from "./engine/training-queries.js";
export type { ConfigInput } from "./api/config-input.js";
export { summariseActionTiming, type ActionTiming } from "./api/action-timing.js";

// Errors and version.
export { LeadliftError, UsageError } from "./errors.js";
export { TOOL_VERSION } from "./version.js";

// Config.
export { ConfigSchema, ENGINES, type EngineName, type LeadliftConfig, type LeadliftConfigInput, type TrainingOptions, type CalibrationOptions, type ProfileOptions } from "./config/config-schema.js";
export { parseConfig, loadConfig, withOverrides } from "./config/load-config.js";

// Reading an export.
export { loadCrm, chooseEngine, type CrmData, type CrmPaths, type LoadCrmOptions } from "./io/load-crm.js";
export { eventStoreFromRecords, selectEventLeads, type EventStore } from "./io/event-store.js";
export { readTable, type RawTable } from "./io/read-table.js";
export type { IssueListener } from "./io/issue-log.js";
export type { LeadRecord, EventRecord, OutcomeRecord, RowIssue, FileSummary } from "./io/records.js";

// Training steps.
export { trainAndCalibrate } from "./train/train-and-calibrate.js";
export { trainModel, type TrainResult, type TrainContext } from "./train/train-model.js";
export { buildTrainingPopulation, type TrainingPopulation } from "./features/training-population.js";
export { inMemoryFeatureEngine, type FeatureEngine, type ActionIndicators } from "./features/action-indicators.js";
export type { TrainingEngine, DesignPlan } from "./train/training-engine.js";
export { computeLift, type LiftStats } from "./stats/lift.js";
export { decidePoints, type PointDecision } from "./weights/decide-points.js";
export { chooseThreshold, thresholdCurve, type ThresholdChoice } from "./calibrate/choose-threshold.js";

// The model file.
export { exportModel, readModel, validateModel } from "./model/export-model.js";
export { ModelSchema, modelJsonSchema, MODEL_SCHEMA_VERSION } from "./model/model-schema.js";
export type { ModelV1, ActionWeight, ProfileRule, ProfileFeature, Threshold, Calibration, Validation, CloseProbability } from "./model/types.js";
export { renderTrainingSummary } from "./report/render-training-summary.js";

// Scoring files.
export { scoreFiles, type ScoreFilesOptions, type ScoreFilesResult } from "./batch/score-files.js";
export { scoreBatch, SCORED_ROW_COLUMNS, type ScoredRow } from "./batch/score-batch.js";
export { createProgress, type Progress } from "./batch/progress.js";

// Reports.
export { reportData, type ReportData } from "./report/report-data.js";
export { renderHtml } from "./report/render-html.js";
export { renderMarkdown } from "./report/render-markdown.js";
export { buildCharts, renderChartSvg, type ChartSpec } from "./report/charts.js";

// SQL.
export { modelToSql, sqlInputs, type ModelToSqlOptions, type SqlInputs } from "./sql/model-to-sql.js";
export { sqlHeader } from "./sql/sql-header.js";
export { SQL_DIALECT_NAMES, sqlDialect, type SqlDialect, type SqlDialectName, type TableRead } from "./sql/dialects/index.js";

// The HTTP service and simulated exports.
export { createScoringServer, type ScoringServer, type ScoringServerOptions } from "./serve/create-server.js";
export {
  simulateCrm, writeSimulatedCrm, SIMULATION_REGIMES, type SimulateOptions, type SimulatedCrm, type SimulationRegime,
} from "./simulate/index.js";
