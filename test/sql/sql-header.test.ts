import { describe, expect, it } from "vitest";
import { sqlHeader } from "../../src/sql/sql-header.js";
import { actionsModel, handModel } from "../helpers/model-fixture.js";

describe("sqlHeader", () => {
  it("names the model, the tables and columns read, the moment and the result", () => {
    expect(sqlHeader(handModel(), "hand.json", { at: "2025-03-01T00:00:00Z", asOf: true })).toEqual([
      "-- leadlift scoring query (DuckDB SQL) for model hand.json",
      "-- model created 2025-01-01T00:00:00.000Z by leadlift test, schema version 1, lift mode, SDR-ready threshold 30",
      '-- It scores each lead exactly as the runtime scorer (leadlift/runtime) does; see README, "Scoring in SQL".',
      '-- Reads "leads": "lead_id", "created_at", "account_id", "as_of", "title", "email", "visits" (profile columns as text; created_at, account_id may be NULL)',
      '-- Reads "events": "lead_id", "action", "occurred_at"',
      "-- Scoring moment: 2025-03-01T00:00:00Z, or the lead's as_of when set.",
      "-- Returns one row per lead: lead_id, account_id, score, fit, pain, probability, sdr_ready.",
    ]);
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
