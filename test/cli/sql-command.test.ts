import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { createScorer } from "../../src/runtime/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/duckdb.js";
import { writeTempFiles } from "../helpers/temp-files.js";
import { captureOutput } from "../helpers/capture-output.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
  await db.connection.run("CREATE VIEW leads AS SELECT * FROM read_csv('data/sample/leads.csv', all_varchar = true)");
  await db.connection.run("CREATE VIEW events AS SELECT * FROM read_csv('data/sample/events.csv', all_varchar = true)");
});
afterAll(() => db.close());
afterEach(() => vi.restoreAllMocks());

/** Lead columns the model's kept profile rules read (what the query must read besides ids and dates). */
function profileColumnsUsed(model: { profile: { features: Array<{ name: string; column: string }>; rules: Array<{ feature: string; kept: boolean; points: number }> } }): string[] {
  const used = new Set(model.profile.rules.filter((r) => r.kept && r.points !== 0).map((r) => r.feature));
  return model.profile.features.filter((f) => used.has(f.name)).map((f) => f.column);
}

describe("leadlift sql", () => {
  it("prints a query, headed by the model and the tables it reads, that scores every sample lead", async () => {
    const io = captureOutput();
    expect(await runCli(["sql", "--model", "models/sample-model.json"])).toBe(0);
    const text = io.out.join("\n");
    const sample = JSON.parse(readFileSync("models/sample-model.json", "utf8"));
    expect(text).toMatch(
      new RegExp(`^-- leadlift scoring query \\(DuckDB\\) for model sample-model\\.json\n-- model created .* by leadlift .*, schema version 1, ${sample.mode} mode, SDR-ready threshold ${sample.threshold.score}\n`),
    );
    expect(text).toMatch(/-- Reads "leads": "lead_id", "created_at", "account_id"/);
    for (const column of profileColumnsUsed(sample)) expect(text).toMatch(new RegExp(`-- Reads "leads": .*"${column}"`));
    expect(text).toContain('-- Reads "events": "lead_id", "action", "occurred_at"');
    expect(text).toContain("-- Scoring moment: bind the parameter $at");
    const rows = await db.query(text, { at: "2025-01-15T00:00:00Z" });
    expect(rows).toHaveLength(6000);
    // Spot check against the runtime: the first lead.
    const model = JSON.parse(readFileSync("models/sample-model.json", "utf8"));
    const [lead] = await db.query("SELECT * FROM leads WHERE lead_id = 'L000001'");
    const events = await db.query("SELECT action, occurred_at FROM events WHERE lead_id = 'L000001'");
    const expected = createScorer(model).score(lead, events as Array<{ action: string; occurred_at: string }>, "2025-01-15T00:00:00Z");
    expect(rows.find((row) => row.lead_id === "L000001")).toMatchObject({ score: expected.score, fit: expected.fit, pain: expected.pain, sdr_ready: expected.sdrReady });
  });

  it("writes the query to --out with the moment given by --at, and says so", async () => {
    const io = captureOutput();
    const { dir } = writeTempFiles({});
    const out = join(dir, "score.sql");
    expect(await runCli(["sql", "--model", "models/sample-model.json", "--out", out, "--at", "2025-01-15T00:00:00Z"])).toBe(0);
    expect(io.out.join("\n")).toBe(`Wrote the DuckDB scoring query for sample-model.json to ${out}.`);
    const text = readFileSync(out, "utf8");
    expect(text).toContain("-- Scoring moment: 2025-01-15T00:00:00Z.");
    expect(text).not.toContain("$at");
    // Rows come in no particular order.
    const byLead = (rows: Record<string, unknown>[]) => rows.sort((a, b) => String(a.lead_id).localeCompare(String(b.lead_id)));
    const printed = byLead(await db.query(text));
    expect(printed).toEqual(byLead(await db.query(text.replace(/^--.*\n/gm, ""))));
    expect(printed).toHaveLength(6000);
  });

  it("reads the column names and placeholders of --config, as leadlift score does", async () => {
    const io = captureOutput();
    const files = writeTempFiles({ "config.json": JSON.stringify({ columns: { leads: { lead_id: "Prospect ID" } }, profile: { missingValues: ["Select", "--none--"] } }) });
    expect(await runCli(["sql", "--model", "models/sample-model.json", "--config", files["config.json"], "--as-of", "--leads-table", "crm.leads"])).toBe(0);
    const text = io.out.join("\n");
    expect(text).toMatch(/-- Reads "crm"\."leads": "Prospect ID", "created_at", "account_id", "as_of"/);
    expect(text).toContain('-- Profile placeholders read as empty: "Select", "--none--".');
    expect(text).toContain('"Prospect ID" AS lead_id');
    expect(text).toContain("'--none--'");
  });

  it("writes the query in the dialect --dialect names, and says which parameter to bind", async () => {
    const io = captureOutput();
    const { dir } = writeTempFiles({});
    const out = join(dir, "score-postgres.sql");
    expect(await runCli(["sql", "--model", "models/sample-model.json", "--dialect", "postgres", "--out", out])).toBe(0);
    expect(io.out.join("\n")).toBe(`Wrote the PostgreSQL scoring query for sample-model.json to ${out} (bind $1 when running it).`);
    const text = readFileSync(out, "utf8");
    expect(text).toMatch(/^-- leadlift scoring query \(PostgreSQL\) for model sample-model\.json\n/);
    expect(text).toContain("-- Scoring moment: bind the parameter $1 (ISO 8601 text or a timestamptz).");
    expect(text).toContain("lead_cells AS MATERIALIZED (");
    expect(text).not.toContain("$at");
  });

  it("exits 2 (usage) naming an unknown --dialect and the dialects there are", async () => {
    const io = captureOutput();
    expect(await runCli(["sql", "--model", "models/sample-model.json", "--dialect", "mysql"])).toBe(2);
    expect(io.err.join("\n")).toBe('leadlift: Option "--dialect" must be one of duckdb, postgres, bigquery, snowflake, spark. Got "mysql".');
  });

  it("exits 2 (usage) naming a bad --at, and 1 naming a model file it cannot read", async () => {
    const io = captureOutput();
    expect(await runCli(["sql", "--model", "models/sample-model.json", "--at", "31/02/2024"])).toBe(2);
    expect(io.err.join("\n")).toBe('leadlift: Option "--at" must be an ISO 8601 date such as 2025-03-01T00:00:00Z. Got "31/02/2024".');
    expect(await runCli(["sql", "--model", "no-such-model.json"])).toBe(1);
    expect(io.err.join("\n")).toMatch(/Cannot read model no-such-model\.json/);
  });
});
