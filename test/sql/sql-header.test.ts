import { describe, expect, it } from "vitest";
import { sqlHeader } from "../../src/sql/sql-header.js";
import { actionsModel, handModel } from "../helpers/model-fixture.js";

describe("sqlHeader", () => {
  it("names the model, the tables and columns read, the moment and the result", () => {
    expect(sqlHeader(handModel(), "hand.json", { at: "2025-03-01T00:00:00Z", asOf: true })).toEqual([
      "-- leadlift scoring query (DuckDB) for model hand.json",
      "-- model created 2025-01-01T00:00:00.000Z by leadlift test, schema version 1, lift mode, SDR-ready threshold 30",
      '-- It scores each lead exactly as the runtime scorer (leadlift/runtime) does; see README, "Scoring in SQL".',
      '-- Reads "leads": "lead_id", "created_at", "account_id", "as_of", "title", "email", "visits" (profile columns as text; created_at, account_id may be NULL or absent)',
      '-- Reads "events": "lead_id", "action", "occurred_at"',
      "-- Scoring moment: 2025-03-01T00:00:00Z, or the lead's as_of when set.",
      "-- Returns one row per lead: lead_id, account_id, score, fit, pain, probability, sdr_ready.",
    ]);
  });

  it.each([
    ["postgres", "PostgreSQL", '"leads": "lead_id"', "bind the parameter $1 (ISO 8601 text or a timestamptz)", "NULL or absent"],
    ["bigquery", "BigQuery", "`leads`: `lead_id`", "bind the query parameter @scoring_at (ISO 8601 STRING)", "NULL (the columns must exist)"],
    ["snowflake", "Snowflake", '"leads": "lead_id"', "set the session variable scoring_at (SET scoring_at = 'ISO 8601 text')", "NULL or absent"],
    ["spark", "Spark SQL", "`leads`: `lead_id`", "bind the named parameter :scoring_at (ISO 8601 STRING)", "NULL (the columns must exist)"],
  ] as const)("names the %s dialect, quotes names its way and says how to bind the moment", (dialect, title, reads, bind, optional) => {
    const lines = sqlHeader(handModel(), "hand.json", { dialect });
    expect(lines[0]).toBe(`-- leadlift scoring query (${title}) for model hand.json`);
    expect(lines[3]).toContain(`-- Reads ${reads}`);
    expect(lines[3]).toContain(`created_at, account_id may be ${optional})`);
    expect(lines[5]).toBe(`-- Scoring moment: ${bind}.`);
  });

  it("keeps every name on its comment line, however the columns are called", () => {
    const model = { ...handModel(), profile: { ...handModel().profile, features: [{ name: "x", column: "Job\nTitle; DROP TABLE leads", role: "fit" as const, transform: { kind: "seniority" as const } }] } };
    model.profile.rules = [{ ...model.profile.rules[0], feature: "x" }];
    const lines = sqlHeader(model, "model\nname.json");
    expect(lines.every((line) => line.startsWith("-- ") && !/[\r\n]/.test(line))).toBe(true);
    expect(lines[3]).toContain('"Job Title; DROP TABLE leads"');
  });

  it("says when no events are read and when there is no threshold", () => {
    const model = { ...actionsModel({}), threshold: { ...handModel().threshold, score: null } };
    const lines = sqlHeader(model, "m.json");
    expect(lines).toContain("-- Reads no events: this model has no behaviour rule.");
    expect(lines[1]).toMatch(/SDR-ready threshold none \(sdr_ready is always false\)$/);
  });
});
