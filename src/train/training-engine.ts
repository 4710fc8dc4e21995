import type { FeatureEngine, ActionIndicators } from "../features/action-indicators.js";
import type { StaticColumn } from "../features/landmark-design.js";
import type { LandmarkGrid } from "../features/landmarks.js";
import type { TrainingPopulation } from "../features/training-population.js";
import type { StackedPatternSource } from "../stats/fit-stacked-logistic.js";
import type { LandmarkGroups } from "../stats/landmark-lift.js";

/** The columns of the landmark regression, in design order: actions, profile values, lead-age bands. */
export interface DesignPlan {
  /** Every column's key (`action:…`, `profile:…`, `age:…d`). */
  readonly columns: readonly string[];
  /** The event store's action id of each action column (columns 0 … actionIds.length − 1). */
  readonly actionIds: Int32Array;
  /** When each population lead first did each action column's action before its cut-off (NaN: not done): the indicators' `firstAt`. */
  readonly actionFirstAt: ReadonlyArray<ArrayLike<number>>;
  /** The profile columns (they follow the actions). */
  readonly profile: readonly StaticColumn[];
  /** First landmark of each lead-age band after the first (the bands' columns come last). */
  readonly bandStarts: readonly number[];
}

/**
 * Where training's heavy counting happens. Besides the per-lead features
 * (`FeatureEngine`), an engine may count the estimators' sufficient
 * statistics itself — the landmark comparison of every action as groups of
 * leads, and the landmark regression's patterns and cluster meat — so that
 * no per-lead ranges are built in memory. An engine that does not is
 * completed by the in-memory code (the patterns are counted lead by lead
 * either way: `landmarkPatterns`).
 */
export interface TrainingEngine extends FeatureEngine {
  /** Each of `indicators`' actions' "did it before this landmark" comparison, as groups (same order as `indicators.actions`). */
  landmarkGroups?(population: TrainingPopulation, indicators: ActionIndicators, grid: LandmarkGrid): LandmarkGroups[];
  /** The landmark regression's patterns and cluster meat. */
  designPatterns?(population: TrainingPopulation, grid: LandmarkGrid, plan: DesignPlan): StackedPatternSource;
}
