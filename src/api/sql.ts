import type { ModelV1 } from "../model/types.js";
import { modelToSql, type ModelToSqlOptions } from "../sql/model-to-sql.js";
import { sqlHeader } from "../sql/sql-header.js";
import { resolveConfig, type ConfigInput } from "./config-input.js";

/** Options for `sql`. */
export interface SqlOptions extends Pick<ModelToSqlOptions, "dialect" | "at" | "asOf" | "leadsTable" | "eventsTable"> {
  /** Column mapping and profile placeholders used in training (`columns.leads`, `columns.events`, `profile.missingValues`). Default: all defaults. */
  readonly config?: ConfigInput;
  /** How the header comment names the model: typically its file name. Default "model.json". */
  readonly modelName?: string;
}

/**
 * What `leadlift sql` writes: a header comment naming the model, the tables
 * and columns read and how to give the moment, then the query that scores
 * every lead exactly as the runtime does (`modelToSql`), in `options.dialect`
 * (default "duckdb"; also "postgres", "bigquery", "snowflake", "spark").
 * With no `at`, bind the moment parameter the header names when running it.
 * @throws LeadliftError "invalid-model", "bad-option" or "sql-unexpressible" (see `modelToSql`).
 */
export function sql(model: ModelV1, options: SqlOptions = {}): string {
  const config = resolveConfig(options.config);
  const queryOptions: ModelToSqlOptions = {
    dialect: options.dialect ?? "duckdb",
    at: options.at,
    asOf: options.asOf === true,
    leadsTable: options.leadsTable ?? "leads",
    eventsTable: options.eventsTable ?? "events",
    columns: { leads: config.columns.leads, events: config.columns.events },
    missingValues: config.profile.missingValues,
  };
  return `${sqlHeader(model, options.modelName ?? "model.json", queryOptions).join("\n")}\n${modelToSql(model, queryOptions)}`;
}
