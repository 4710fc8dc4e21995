import type { ModelV1 } from "../model/types.js";
import { sqlInputs, type ModelToSqlOptions } from "./model-to-sql.js";
import { sqlDialect } from "./dialects/index.js";

/**
 * SQL comment lines to put above a generated query: which model it applies
 * (its name, creation, leadlift version, schema version, mode, threshold),
 * which tables and columns it reads, how to give the scoring moment, and
 * what it returns — so a `.sql` file in a warehouse repository still says
 * where it came from. Names are written as SQL identifiers, and line breaks
 * in them as spaces, so that nothing can end a comment line early.
 * @param modelName how to name the model: typically its file name.
 * @example
 * const model = {
 *   kind: "leadlift-model", schemaVersion: 1, createdAt: "2025-01-01T00:00:00.000Z", toolVersion: "0.1.0", mode: "lift",
 *   threshold: { score: 20 }, actions: [{ action: "demo_request", points: 20, kept: true }], profile: { features: [], rules: [] },
 * };
 * const header = sqlHeader(model, "sample-model.json", { at: "2025-03-01T00:00:00Z" });
 * header[0] // "-- leadlift scoring query (DuckDB) for model sample-model.json"
 * header[1] // "-- model created 2025-01-01T00:00:00.000Z by leadlift 0.1.0, schema version 1, lift mode, SDR-ready threshold 20"
 * header[5] // "-- Scoring moment: 2025-03-01T00:00:00Z."
 */
export function sqlHeader(model: ModelV1, modelName: string, options: ModelToSqlOptions = {}): string[] {
  const inputs = sqlInputs(model, options);
  const dialect = sqlDialect(options.dialect ?? "duckdb");
  const optional = inputs.optionalColumnsMayBeAbsent ? "NULL or absent" : "NULL (the columns must exist)";
  const threshold = model.threshold.score === null ? "none (sdr_ready is always false)" : String(model.threshold.score);
  const lines = [
    `leadlift scoring query (${inputs.dialectTitle}) for model ${modelName}`,
    `model created ${model.createdAt} by leadlift ${model.toolVersion}, schema version ${model.schemaVersion}, ${model.mode} mode, SDR-ready threshold ${threshold}`,
    "It scores each lead exactly as the runtime scorer (leadlift/runtime) does; see README, \"Scoring in SQL\".",
    `Reads ${dialect.tableName(inputs.leadsTable)}: ${inputs.leadColumns.map(dialect.identifier).join(", ")} (profile columns as text; created_at, account_id may be ${optional})`,
    inputs.eventsTable === null
      ? "Reads no events: this model has no behaviour rule."
      : `Reads ${dialect.tableName(inputs.eventsTable)}: ${inputs.eventColumns.map(dialect.identifier).join(", ")}`,
    inputs.atParameter
      ? `Scoring moment: ${inputs.howToBindMoment}${options.asOf ? " for leads without as_of" : ""}.`
      : `Scoring moment: ${options.at}${options.asOf ? ", or the lead's as_of when set" : ""}.`,
    ...(options.missingValues?.length ? [`Profile placeholders read as empty: ${options.missingValues.map((v) => JSON.stringify(v)).join(", ")}.`] : []),
    "Returns one row per lead: lead_id, account_id, score, fit, pain, probability, sdr_ready.",
  ];
  return lines.map((line) => `-- ${line.replace(/[\r\n\u2028\u2029]/g, " ")}`);
}
