import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DuckDbClient } from "../../src/engine/duckdb-client.js";
import type { DuckDbTrainingEngine } from "../../src/engine/duckdb-engine.js";
import { engineOf } from "../../src/engine/engine-registry.js";
import { trainingQueries, type TrainingQuery } from "../../src/engine/training-queries.js";
import { closeCrm, loadCrm, parseConfig, simulateCrm, trainAndCalibrate, writeSimulatedCrm } from "../../src/index.js";
import { captureDesigns, someCoefficients, writeClusterMeatInputs } from "../helpers/cluster-meat-inputs.js";
import { temporaryFolder } from "../helpers/packed-packages.js";
import { openTestPostgres, type TestPostgres } from "../helpers/postgres.js";

/**
 * The training statistics queries for PostgreSQL (`leadlift train-sql
 * --dialect postgres`) on a real server (`npm run test:postgres`), against
 * the same queries for DuckDB and against the DuckDB engine's own tables:
 * the DuckDB engine trains a model (logistic mode, so that every statistic
 * is asked for, the cluster meat included); its input tables — events,
 * population, scope, the design tables, and residuals and pattern columns
 * built for the last fit's patterns as train-sql's README says — are
 * copied to PostgreSQL; every statement then runs on both engines, and
 * every exported result must be equal (counts and times exactly, the meat's
 * floating-point sums to 1e-12 relative: the engines add them in different
 * orders). This checks the PostgreSQL spelling against DuckDB's, not the
 * statistics themselves: those are checked by the DuckDB engine training
 * the same model as the in-process engine (duckdb-engine.test.ts).
 */
const SAMPLE = join(import.meta.dirname, "../../data/sample");
const NOW = new Date("2026-01-01T00:00:00Z");
const PREFIX = "ll_";
/** The input tables and their columns with PostgreSQL types (as the DuckDB engine creates them). */
const INPUTS: ReadonlyArray<readonly [string, ReadonlyArray<readonly [string, "integer" | "double precision" | "bigint"]>]> = [
  ["events", [["lead", "integer"], ["t", "double precision"], ["action", "integer"], ["category", "integer"], ["seq", "bigint"]]],
  ["population", [["lead", "integer"], ["i", "integer"], ["cutoff", "double precision"], ["won", "integer"], ["created", "double precision"], ["at_risk", "integer"]]],
  ["scope", [["lead", "integer"]]],
  ["design_actions", [["action", "integer"], ["col", "integer"]]],
  ["lead_profile", [["i", "integer"], ["signature", "integer"]]],
  ["bands", [["first_k", "integer"], ["col", "integer"]]],
  ["residuals", [["p", "integer"], ["rho", "double precision"]]],
  ["pattern_columns", [["p", "integer"], ["j", "integer"]]],
];

let db: TestPostgres;
const compared: string[] = [];
beforeAll(async () => {
  db = await openTestPostgres();
});
afterAll(async () => {
  console.log(`Training SQL parity (PostgreSQL = DuckDB):\n  ${compared.join("\n  ")}`);
  await db.close();
});

type Row = ReadonlyArray<string | number | null>;

/** Rows of a DuckDB result as arrays of numbers/text, in the result's column order. */
function duckRows(client: DuckDbClient, sql: string): { columns: string[]; rows: Row[] } {
  const result = client.query(sql);
  const columns = Object.keys(result);
  const length = columns.length === 0 ? 0 : result[columns[0]].length;
  const rows: Row[] = [];
  for (let r = 0; r < length; r++) rows.push(columns.map((c) => normalise(result[c][r] as number | string | null)));
  return { columns, rows };
}

/** NULL, NaN (the DuckDB client's NULL) and numbers as text (PostgreSQL's BIGINT and NUMERIC) made comparable. */
function normalise(value: unknown): string | number | null {
  if (value === null || value === undefined || (typeof value === "number" && Number.isNaN(value))) return null;
  if (typeof value === "string" && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return value as string | number;
}

const byAllColumns = (a: Row, b: Row) => {
  for (let c = 0; c < a.length; c++) {
    if (a[c] === b[c]) continue;
    if (a[c] === null) return -1;
    if (b[c] === null) return 1;
    return a[c]! < b[c]! ? -1 : 1;
  }
  return 0;
};

/** Copies an input table of the engine's DuckDB database to PostgreSQL, typed, in one statement (arrays unnested). */
async function copyToPostgres(client: DuckDbClient, table: string, columns: ReadonlyArray<readonly [string, string]>): Promise<number> {
  const { rows } = duckRows(client, `SELECT ${columns.map(([c]) => c).join(", ")} FROM ${PREFIX}${table}`);
  await db.query(`DROP TABLE IF EXISTS ${PREFIX}${table} CASCADE`);
  await db.query(`CREATE TABLE ${PREFIX}${table} (${columns.map(([c, type]) => `${c} ${type}`).join(", ")})`);
  const arrays = columns.map((_, c) => rows.map((row) => row[c]));
  await db.query(`INSERT INTO ${PREFIX}${table} SELECT * FROM unnest(${columns.map(([, type], c) => `$${c + 1}::${type}[]`).join(", ")})`, arrays);
  return rows.length;
}

/** Trains with the DuckDB engine in logistic mode and returns the engine, still open (the caller closes the export). */
async function trainWithDuckDb(paths: { leads: string; events: string; outcomes: string }) {
  const config = parseConfig({ engine: "duckdb", training: { mode: "logistic" } });
  const crm = await loadCrm(paths, config);
  const designs = captureDesigns();
  try {
    trainAndCalibrate(crm, config, { now: NOW, toolVersion: "test" });
  } finally {
    vi.restoreAllMocks();
  }
  const engine = engineOf(crm.events) as unknown as DuckDbTrainingEngine;
  // The engine counts the design in JavaScript; the design statements' inputs are its tables for the last fit, and the fit
  // statement's are built as a warehouse user would.
  const { args, source } = designs.at(-1)!;
  engine.writeDesignTables(...args);
  writeClusterMeatInputs(engine.client, source, someCoefficients(source));
  return { crm, engine };
}

/** Runs every statement on both engines and compares every result; returns a line for the log. */
async function expectSameStatistics(label: string, client: DuckDbClient, queries: readonly TrainingQuery[], postgresQueries: readonly TrainingQuery[]): Promise<void> {
  let equal = 0;
  const sizes: string[] = [];
  for (let q = 0; q < queries.length; q++) {
    const duck = queries[q];
    const pg = postgresQueries[q];
    expect(pg.name).toBe(duck.name);
    const statement = (text: string) => text.replace(/;\s*$/, "");
    if (duck.creates !== null) {
      client.run(statement(duck.sql));
      // The previous export's tables (the server is shared by both cases).
      await db.query(`DROP TABLE IF EXISTS ${pg.creates}`);
      await db.query(statement(pg.sql));
    }
    const select = duck.creates === null ? statement(duck.sql) : `SELECT * FROM ${duck.creates}`;
    const pgSelect = pg.creates === null ? statement(pg.sql) : `SELECT * FROM ${pg.creates}`;
    const fromDuck = duckRows(client, select);
    const pgResult = await db.query(pgSelect);
    expect(pgResult.length, duck.name).toBe(fromDuck.rows.length);
    expect(fromDuck.rows.length, `${duck.name} returns rows`).toBeGreaterThan(0);
    const fromPg = pgResult.map((row) => fromDuck.columns.map((c) => normalise(row[c])));
    const sorted = duck.name === "patterns" ? (rows: Row[]) => rows : (rows: Row[]) => [...rows].sort(byAllColumns);
    const [left, right] = [sorted(fromDuck.rows), sorted(fromPg)];
    if (duck.name === "cluster_meat") {
      const m = fromDuck.columns.indexOf("m");
      for (let r = 0; r < left.length; r++) {
        expect(right[r].slice(0, m), `cluster_meat row ${r}`).toEqual(left[r].slice(0, m));
        const [a, b] = [left[r][m] as number, right[r][m] as number];
        expect(Math.abs(a - b) / Math.max(Math.abs(a), 1e-300), `cluster_meat m row ${r}`).toBeLessThan(1e-12);
      }
    } else {
      expect(right, duck.name).toEqual(left);
    }
    equal += 1;
    sizes.push(`${duck.name} ${left.length}`);
  }
  compared.push(`${label}: ${equal}/${queries.length} statements equal (rows: ${sizes.join(", ")})`);
}

/**
 * The landmark statements on copies of the tables with the epoch-millisecond columns as BIGINT (docs/training-sql.md allows
 * it): PostgreSQL's integer division truncates, which equals floor because the division only happens when first_at ≥ created,
 * so the landmark groups and design segments are the DOUBLE tables' ones.
 */
async function expectSameWithBigintTimes(pgQueries: readonly TrainingQuery[]): Promise<void> {
  const count = async (sql: string) => Number((await db.query(`SELECT count(*) AS n FROM (${sql}) x`))[0].n);
  expect(await count(`SELECT 1 FROM ${PREFIX}events WHERE t <> round(t)`), "whole milliseconds").toBe(0);
  expect(await count(`SELECT 1 FROM ${PREFIX}population WHERE cutoff <> round(cutoff) OR created <> round(created)`), "whole milliseconds").toBe(0);
  const INT = "li_";
  await db.query(`DROP TABLE IF EXISTS ${["events", "population", "scope", "features", "design_actions", "lead_profile", "bands", "design_segments"].map((t) => INT + t).join(", ")} CASCADE`);
  await db.query(`CREATE TABLE ${INT}events AS SELECT lead, CAST(t AS bigint) AS t, action, category, seq FROM ${PREFIX}events`);
  await db.query(`CREATE TABLE ${INT}population AS SELECT lead, i, CAST(cutoff AS bigint) AS cutoff, won, CAST(created AS bigint) AS created, at_risk FROM ${PREFIX}population`);
  for (const table of ["scope", "design_actions", "lead_profile", "bands"]) await db.query(`CREATE TABLE ${INT}${table} AS SELECT * FROM ${PREFIX}${table}`);
  const intQueries = trainingQueries({ dialect: "postgres", tablePrefix: INT });
  const run = async (queries: readonly TrainingQuery[], name: string) => db.query(queries.find((q) => q.name === name)!.sql.replace(/;\s*$/, ""));
  await run(intQueries, "features");
  await run(intQueries, "design_segments");
  const groups = async (queries: readonly TrainingQuery[]) => (await run(queries, "landmark_groups")).map((row) => JSON.stringify(row)).sort();
  const bigintGroups = await groups(intQueries);
  expect(bigintGroups.length).toBeGreaterThan(0);
  expect(bigintGroups).toEqual(await groups(pgQueries));
  const segments = "i, from_k, weight, won, action_cols, signature, band";
  expect(await count(`SELECT ${segments} FROM ${INT}design_segments`)).toBeGreaterThan(0);
  expect(await count(`SELECT ${segments} FROM ${INT}design_segments EXCEPT ALL SELECT ${segments} FROM ${PREFIX}design_segments`)).toBe(0);
  expect(await count(`SELECT ${segments} FROM ${PREFIX}design_segments EXCEPT ALL SELECT ${segments} FROM ${INT}design_segments`)).toBe(0);
  compared.push("landmark_groups and design_segments equal with BIGINT epoch milliseconds");
}

describe.each([
  ["the bundled sample (data/sample)", null],
  ["a simulated exposure regime (4000 leads, seed 21)", "exposure"],
] as const)("the training statistics for PostgreSQL on %s", (label, regime) => {
  const temp = temporaryFolder("leadlift-train-sql-");
  afterAll(() => temp.remove());

  it("equal those of the same queries in DuckDB and the DuckDB engine's own tables", async () => {
    let paths = { leads: join(SAMPLE, "leads.csv"), events: join(SAMPLE, "events.csv"), outcomes: join(SAMPLE, "outcomes.csv") };
    if (regime !== null) {
      await writeSimulatedCrm(simulateCrm({ leads: 4000, seed: 21, regime }), temp.dir);
      paths = { leads: join(temp.dir, "leads.csv"), events: join(temp.dir, "events.csv"), outcomes: join(temp.dir, "outcomes.csv") };
    }
    const { crm, engine } = await trainWithDuckDb(paths);
    try {
      const client = engine.client;
      for (const [table, columns] of INPUTS) expect(await copyToPostgres(client, table, columns), table).toBeGreaterThan(0);
      // DuckDB runs the statements in a schema of its own, over views of the engine's input tables.
      client.run("CREATE SCHEMA q");
      for (const [table] of INPUTS) client.run(`CREATE VIEW q.${PREFIX}${table} AS SELECT * FROM main.${PREFIX}${table}`);
      const duckQueries = trainingQueries({ dialect: "duckdb", tablePrefix: `q.${PREFIX}` });
      const pgQueries = trainingQueries({ dialect: "postgres", tablePrefix: PREFIX });
      await expectSameStatistics(label, client, duckQueries, pgQueries);
      await expectSameWithBigintTimes(pgQueries);
      // The statements as train-sql writes them (prefix, dialect layer, CREATE TABLE) rebuild the features the engine counted.
      // Not an independent check: the engine built that table with the same function of training-sql.ts; it shows that
      // trainingQueries' wiring (table names, order, arguments) matches the engine's. The engine counts the design in
      // JavaScript: duckdb-engine.test.ts compares its patterns, totals and meat with the design statements'.
      expect(duckRows(client, `SELECT * FROM q.${PREFIX}features ORDER BY i, action`).rows).toEqual(duckRows(client, `SELECT * FROM ${PREFIX}features ORDER BY i, action`).rows);
    } finally {
      closeCrm(crm);
    }
  }, 300_000);
});
