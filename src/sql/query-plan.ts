import { LeadliftError } from "../errors.js";
import { assertModel, ScoringError, type ScoringModel } from "leadlift-runtime";
import { DAY_MS, parseInstant } from "leadlift-runtime/internal";
import { sqlDialect, type SqlDialect, type SqlDialectName } from "./dialects/index.js";
import { profileValueSql } from "./profile-sql.js";

/** Contract columns of the leads and events tables, which `columns` may rename. */
export type SqlLeadColumn = "lead_id" | "created_at" | "account_id" | "as_of";
export type SqlEventColumn = "lead_id" | "action" | "occurred_at";

/** Options for `modelToSql`. */
export interface ModelToSqlOptions {
  /**
   * The SQL dialect to write: "duckdb" (default), "postgres", "bigquery",
   * "snowflake" or "spark" (`SQL_DIALECT_NAMES`). The query plan is the same
   * in each; only the spellings differ (`src/sql/dialects/`).
   */
  readonly dialect?: SqlDialectName;
  /**
   * The scoring moment as ISO 8601 text (read by the runtime's own parser and
   * written into the query as epoch milliseconds). Default: a parameter
   * bound when the query runs — `$at` in DuckDB, `$1` in PostgreSQL,
   * `@scoring_at` in BigQuery, `$scoring_at` in Snowflake, `:scoring_at` in Spark.
   */
  readonly at?: string;
  /** Score each lead at its `as_of` when that cell is set, else at `at` (as `leadlift score` does). Default false. */
  readonly asOf?: boolean;
  /** Table or view names, optionally schema-qualified (`crm.leads`). Default "leads" and "events". */
  readonly leadsTable?: string;
  readonly eventsTable?: string;
  /** Contract column → the table's own column, as in the config file's `columns` (`{ leads: { lead_id: "Prospect ID" } }`). Default: the contract names. */
  readonly columns?: {
    readonly leads?: Readonly<Partial<Record<SqlLeadColumn, string>>>;
    readonly events?: Readonly<Partial<Record<SqlEventColumn, string>>>;
  };
  /**
   * Profile placeholders read as empty, case-insensitively (the config's
   * `profile.missingValues`, which `leadlift score` applies when loading
   * leads). Default none: cells are read as the runtime scorer reads them.
   */
  readonly missingValues?: readonly string[];
}

/** A kept action with non-zero points, in the runtime's slot order (model order). */
export interface ActionSlot {
  readonly action: string;
  readonly points: number;
  /** Only positive points fade; undefined: no half-life. */
  readonly halfLifeDays: number | undefined;
  /** Column prefix: `action_1`, `action_2`, … */
  readonly column: string;
}

/** A profile feature with at least one non-zero rule. */
export interface FeatureSlot {
  readonly name: string;
  readonly sourceColumn: string;
  readonly role: "fit" | "pain";
  readonly column: string;
  readonly sql: ReturnType<typeof profileValueSql>;
  readonly pointsByValue: ReadonlyMap<string, number>;
  /** Placeholders apply to profile columns, not to the account id (as `loadLeads` does). */
  readonly isProfileColumn: boolean;
}

/** Everything the CTEs of one query need: names, moments, action and feature slots, which rules apply. */
export interface QueryPlan {
  readonly dialect: SqlDialect;
  readonly model: ScoringModel;
  readonly leadsTable: string;
  readonly eventsTable: string;
  readonly leads: Readonly<Record<SqlLeadColumn, string>>;
  readonly events: Readonly<Record<SqlEventColumn, string>>;
  readonly atMs: number | null;
  readonly asOf: boolean;
  readonly missingValues: readonly string[];
  readonly features: readonly FeatureSlot[];
  readonly slots: readonly ActionSlot[];
  readonly exitMs: number | null;
  /** Whether events of any action matter (as activity for the exit or inactivity rule), not only kept ones. */
  readonly usesActivity: boolean;
  readonly usesEvents: boolean;
}

/**
 * The model, checked as the runtime checks it: the SQL generator accepts
 * exactly the models the runtime scores.
 * @throws LeadliftError "invalid-model" naming the first field that is wrong.
 */
export function trustedModel(modelJson: unknown): ScoringModel {
  try {
    return assertModel(modelJson);
  } catch (error) {
    if (error instanceof ScoringError) throw new LeadliftError("invalid-model", `Cannot generate SQL for this model. ${error.message}`);
    throw error;
  }
}

/** Everything the CTEs need, computed once and the way the runtime's `createScorer` computes it. */
export function planQuery(model: ScoringModel, options: ModelToSqlOptions): QueryPlan {
  const dialect = sqlDialect(options.dialect ?? "duckdb");
  const leads = { lead_id: "lead_id", created_at: "created_at", account_id: "account_id", as_of: "as_of", ...options.columns?.leads };
  const events = { lead_id: "lead_id", action: "action", occurred_at: "occurred_at", ...options.columns?.events };
  const atMs = options.at === undefined ? null : parseInstant(options.at);
  if (options.at !== undefined && atMs === null) {
    throw new LeadliftError("bad-option", `Option "at" must be an ISO 8601 date such as 2025-03-01T00:00:00Z. Got ${JSON.stringify(options.at)}.`);
  }
  const decay = model.decay ?? null;
  const halfLives = decay?.halfLifeDays ?? {};
  const slots = model.actions
    .filter((action) => action.kept && action.points !== 0)
    .map((action, i) => ({
      action: action.action,
      points: action.points,
      // Own properties only: an action named "constructor" has no half-life.
      halfLifeDays: action.points > 0 && Object.hasOwn(halfLives, action.action) ? halfLives[action.action] : undefined,
      column: `action_${i + 1}`,
    }));
  const features = model.profile.features
    .map((feature, i): FeatureSlot => {
      const column = `profile_${i + 1}`;
      const isAccount = feature.column === "account_id";
      return {
        name: feature.name,
        sourceColumn: isAccount ? leads.account_id : feature.column,
        role: feature.role,
        column,
        sql: profileValueSql(dialect, feature.transform, `${column}_cell`, column),
        // As the runtime builds it: kept rules of this feature, the last one winning for a repeated value.
        pointsByValue: new Map(model.profile.rules.filter((r) => r.feature === feature.name && r.kept).map((r) => [r.value, r.points] as const)),
        isProfileColumn: !isAccount,
      };
    })
    .filter((feature) => [...feature.pointsByValue.values()].some((points) => points !== 0));
  const exitMs = decay?.exitAfterDays != null ? decay.exitAfterDays * DAY_MS : null;
  const usesActivity = exitMs !== null || (decay?.inactivity ?? null) !== null;
  return {
    dialect,
    model,
    leadsTable: options.leadsTable ?? "leads",
    eventsTable: options.eventsTable ?? "events",
    leads,
    events,
    atMs,
    asOf: options.asOf ?? false,
    missingValues: options.missingValues ?? [],
    features,
    slots,
    exitMs,
    usesActivity,
    usesEvents: slots.length > 0 || usesActivity,
  };
}
