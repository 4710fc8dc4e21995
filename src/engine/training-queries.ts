import { MAX_LANDMARK_STEP_DAYS } from "../config/config-schema.js";
import { LeadliftError } from "../errors.js";
import { sqlDialect, type SqlDialect } from "../sql/dialects/index.js";
import {
  actionCategoriesSql, actionOrderSql, atRiskTotalsSql, clusterMeatSql, designPatternsSql, designSegmentsSql, designTotalsSql, eventTotalsSql, landmarkGroupsSql,
  leadActionFeaturesSql, segmentPatternsSql, type DesignTables,
} from "./training-sql.js";

const DAY_MS = 86_400_000;

/** When a query can run: on the tables made from the export, after the caller uploads the design tables, or after the fit. */
export type TrainingQueryStage = "export" | "design" | "fit";

/** One statement of the training statistics, in the order they run. */
export interface TrainingQuery {
  /** Short snake_case name, also the file stem `leadlift train-sql` writes (with its position). */
  readonly name: string;
  /** What it returns or builds, in one sentence. */
  readonly purpose: string;
  readonly stage: TrainingQueryStage;
  /** The table it creates (its rows stay in the warehouse), or null when its result is exported. */
  readonly creates: string | null;
  /** The complete statement, ending with ";". */
  readonly sql: string;
}

/** Options for `trainingQueries`. */
export interface TrainingQueriesOptions {
  /** SQL dialect. Default "duckdb". */
  readonly dialect?: string;
  /** Days between landmarks (config `training.landmarkStepDays`). Default 1. */
  readonly landmarkStepDays?: number;
  /** Prefix of every table read or created (a schema may lead: "crm.ll_"). Default "ll_". */
  readonly tablePrefix?: string;
}

/** A table prefix the statements accept: a plain name's start, optionally after one or two qualifiers and a dot ("crm.ll_", "project.crm.ll_"). */
export const TABLE_PREFIX_PATTERN = /^(?:[A-Za-z_][A-Za-z0-9_]*\.){0,2}(?:[A-Za-z_][A-Za-z0-9_]*)?$/;

/** `TABLE_PREFIX_PATTERN` in words, for the messages of the API and the CLI. */
export const TABLE_PREFIX_RULE = 'letters, digits and underscores, optionally after a schema and a dot ("crm.ll_", at most two qualifiers)';

/** The tables the statements read and create, by role, without the prefix (docs/training-sql.md describes each). */
export const TRAINING_TABLE_NAMES = {
  events: "events",
  population: "population",
  scope: "scope",
  features: "features",
  designActions: "design_actions",
  leadProfile: "lead_profile",
  bands: "bands",
  segments: "design_segments",
  patterns: "design_patterns",
  segmentPatterns: "segment_patterns",
  residuals: "residuals",
  patternColumns: "pattern_columns",
} as const;

/**
 * The training statistics as an ordered list of statements for `dialect`:
 * the query functions the DuckDB engine runs (`training-sql.ts`; it
 * counts `at_risk_totals` in JavaScript and reads its tables itself instead
 * of the plain SELECT wrappers), over tables
 * named `<prefix>events`, `<prefix>population`, … (see
 * docs/training-sql.md for their columns and what each result feeds).
 * Statements of stage "export" need only the tables made from the export;
 * "design" ones also the design tables the caller uploads once it has
 * chosen the regression's columns; "fit" ones the residuals of the fitted
 * regression. The cluster meat is computed with scale 1: multiply each `m`
 * by scale² (scale = clusters / weight of `design_totals`) to get the
 * engine's.
 * @throws LeadliftError "bad-option" for an unknown dialect, a step outside (0, MAX_LANDMARK_STEP_DAYS] or a prefix not matching `TABLE_PREFIX_PATTERN`.
 * @example trainingQueries({ dialect: "postgres" }).map((q) => q.name)[0] // "action_order"
 */
export function trainingQueries(options: TrainingQueriesOptions = {}): TrainingQuery[] {
  const dialect = sqlDialect(options.dialect ?? "duckdb");
  const stepDays = options.landmarkStepDays ?? 1;
  if (!(typeof stepDays === "number" && stepDays > 0 && stepDays <= MAX_LANDMARK_STEP_DAYS)) {
    throw new LeadliftError("bad-option", `Option "landmarkStepDays" must be a number in (0, ${MAX_LANDMARK_STEP_DAYS}]. Got ${JSON.stringify(stepDays)}.`);
  }
  const prefix = options.tablePrefix ?? "ll_";
  if (!TABLE_PREFIX_PATTERN.test(prefix)) {
    throw new LeadliftError("bad-option", `Option "tablePrefix" must be ${TABLE_PREFIX_RULE}. Got ${JSON.stringify(prefix)}.`);
  }
  const name = (role: keyof typeof TRAINING_TABLE_NAMES) => `${prefix}${TRAINING_TABLE_NAMES[role]}`;
  return buildQueries(dialect, stepDays * DAY_MS, name);
}

function buildQueries(dialect: SqlDialect, stepMs: number, name: (role: keyof typeof TRAINING_TABLE_NAMES) => string): TrainingQuery[] {
  const tables: DesignTables = {
    events: name("events"),
    population: name("population"),
    scope: name("scope"),
    features: name("features"),
    designActions: name("designActions"),
    leadProfile: name("leadProfile"),
    bands: name("bands"),
  };
  const create = (table: string, select: string) => `CREATE TABLE ${table} AS\n${select};`;
  const exported = (select: string) => `${select};`;
  return [
    { name: "action_order", stage: "export", creates: null, purpose: "Each action's first appearance (smallest seq) among the scope's events: the order of the actions.", sql: exported(actionOrderSql(tables)) },
    { name: "action_categories", stage: "export", creates: null, purpose: "Count and first appearance of each (action, category): an action's category is its most frequent (ties: seen first).", sql: exported(actionCategoriesSql(tables)) },
    { name: "features", stage: "export", creates: tables.features, purpose: "Per population lead and action done before its cut-off: count, first and last time.", sql: create(tables.features, leadActionFeaturesSql(tables)) },
    { name: "lead_action_features", stage: "export", creates: null, purpose: "The features table's rows (per lead: the input of the indicators, drift shares and estimability).", sql: exported(`SELECT i, action, n, first_at, last_at FROM ${tables.features}`) },
    { name: "event_totals", stage: "export", creates: null, purpose: "Events counted (before the cut-off), after it, and of leads outside the population.", sql: exported(eventTotalsSql(tables)) },
    { name: "at_risk_totals", stage: "export", creates: null, purpose: "Population leads at risk by (at_risk, won): those that never did an action are these minus its landmark groups.", sql: exported(atRiskTotalsSql(tables)) },
    { name: "landmark_groups", stage: "export", creates: null, purpose: "Leads per (action, switch landmark, at-risk landmarks, won): the landmark lift's sufficient statistic.", sql: exported(landmarkGroupsSql(tables, stepMs, dialect)) },
    { name: "design_segments", stage: "design", creates: name("segments"), purpose: "The stacked landmark design cut into segments where a column changes.", sql: create(name("segments"), designSegmentsSql(tables, stepMs, dialect)) },
    { name: "design_patterns", stage: "design", creates: name("patterns"), purpose: "The design's distinct patterns with summed weights, numbered in first-appearance order.", sql: create(name("patterns"), designPatternsSql(name("segments"), dialect)) },
    { name: "patterns", stage: "design", creates: null, purpose: "The patterns, for the weighted fit (in order of p).", sql: exported(`SELECT p, won, action_cols, signature, band, weight FROM ${name("patterns")} ORDER BY p`) },
    { name: "design_totals", stage: "design", creates: null, purpose: "Leads with a landmark (clusters) and landmarks (weight): scale = clusters / weight.", sql: exported(designTotalsSql(name("segments"))) },
    { name: "segment_patterns", stage: "design", creates: name("segmentPatterns"), purpose: "Each segment's pattern, for the cluster meat.", sql: create(name("segmentPatterns"), segmentPatternsSql(name("segments"), name("patterns"))) },
    { name: "cluster_meat", stage: "fit", creates: null, purpose: "The lead-clustered meat M at scale 1 (multiply by scale²), given residuals(p, rho) and pattern_columns(p, j).", sql: exported(clusterMeatSql(name("segmentPatterns"), name("residuals"), name("patternColumns"), 1)) },
  ];
}
