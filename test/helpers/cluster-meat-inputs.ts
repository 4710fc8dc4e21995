import { vi } from "vitest";
import type { DuckDbClient } from "../../src/engine/duckdb-client.js";
import { DuckDbTrainingEngine } from "../../src/engine/duckdb-engine.js";
import { profileSignatures } from "../../src/engine/landmark-patterns.js";
import { trainingQueries } from "../../src/engine/training-queries.js";
import { segmentPatternsSql } from "../../src/engine/training-sql.js";
import { ClusterMeat, type StackedPatternSource } from "../../src/stats/fit-stacked-logistic.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";

/** One call of the DuckDB engine's `designPatterns`: its arguments and the pattern source it returned. */
export interface CapturedDesign {
  readonly args: Parameters<DuckDbTrainingEngine["designPatterns"]>;
  readonly source: StackedPatternSource;
}

/** Keeps every call of the DuckDB engine's `designPatterns` from now on (the last is the final fit's). */
export function captureDesigns(): CapturedDesign[] {
  const designs: CapturedDesign[] = [];
  const original = DuckDbTrainingEngine.prototype.designPatterns;
  vi.spyOn(DuckDbTrainingEngine.prototype, "designPatterns").mockImplementation(function (this: DuckDbTrainingEngine, ...args) {
    const source = original.apply(this, args);
    designs.push({ args, source });
    return source;
  });
  return designs;
}

/** Coefficients to evaluate a meat at: seeded, spread like fitted ones (intercept and columns in ±1.5). */
export function someCoefficients(source: StackedPatternSource, seed = 7): Float64Array {
  const random = mulberry32(seed);
  return Float64Array.from({ length: source.columns.length + 1 }, () => 3 * random() - 1.5);
}

/**
 * Writes the "fit" stage's input tables as train-sql's README says a
 * warehouse user builds them, in the DuckDB database of `client`:
 * ll_residuals(p, rho = won − p̂) at `beta`, and ll_pattern_columns(p, j)
 * with j = 0 the intercept (every pattern) and j = c + 1 design column c.
 */
export function writeClusterMeatInputs(client: DuckDbClient, source: StackedPatternSource, beta: Float64Array): void {
  const { columnsOf, labels } = source.patterns;
  const rho = Float64Array.from(columnsOf, (columns, p) => {
    let e = beta[0];
    for (const c of columns) e += beta[c + 1];
    return labels[p] - 1 / (1 + Math.exp(-e));
  });
  const patternOf: number[] = [];
  const column: number[] = [];
  columnsOf.forEach((columns, p) => {
    for (const j of [0, ...Array.from(columns, (c) => c + 1)]) {
      patternOf.push(p);
      column.push(j);
    }
  });
  client.createTable("ll_residuals", { p: { type: "INTEGER", values: Int32Array.from(rho.keys()) }, rho: { type: "DOUBLE", values: rho } });
  client.createTable("ll_pattern_columns", { p: { type: "INTEGER", values: Int32Array.from(patternOf) }, j: { type: "INTEGER", values: Int32Array.from(column) } });
}

/**
 * Runs train-sql's design statements (design_segments, design_patterns,
 * segment_patterns; DuckDB dialect, prefix ll_, the design's landmark step)
 * on the engine's database, after writing their input tables for `design`'s plan.
 */
export function runDesignStatements(engine: DuckDbTrainingEngine, design: CapturedDesign): void {
  engine.writeDesignTables(...design.args);
  const queries = trainingQueries({ landmarkStepDays: design.args[1].stepDays });
  for (const name of ["design_segments", "design_patterns", "segment_patterns"]) {
    engine.client.run(queries.find((q) => q.name === name)!.sql.replace(/^CREATE TABLE/, "CREATE OR REPLACE TABLE").replace(/;\s*$/, ""));
  }
}

/**
 * The patterns of train-sql's ll_design_patterns table as a pattern source
 * holds them: each pattern's design columns (its actions, its profile
 * signature's columns, its age band's column), outcome and weight, in order of p.
 */
export function statementPatterns(client: DuckDbClient, design: CapturedDesign): { columnsOf: number[][]; labels: number[]; weight: number[] } {
  const [population, , plan] = design.args;
  const signatures = profileSignatures(population.leads.length, plan);
  const rows = client.query("SELECT p, won, action_cols, signature, band, weight FROM ll_design_patterns ORDER BY p", ["p", "won", "signature", "band"]);
  const actionCols = rows.action_cols as Array<string | null>;
  const bandColumn = plan.actionIds.length + plan.profile.length - 1;
  return {
    columnsOf: actionCols.map((text, r) => [
      ...(text ? text.split(",").map(Number) : []),
      ...signatures.columns[(rows.signature as Int32Array)[r]],
      ...((rows.band as Int32Array)[r] > 0 ? [bandColumn + (rows.band as Int32Array)[r]] : []),
    ]),
    labels: Array.from(rows.won as Int32Array),
    weight: Array.from(rows.weight as ArrayLike<number>, Number),
  };
}

/**
 * The cluster meat as the DuckDB engine summed it before it counted the
 * design in JavaScript: train-sql's segment rows read in (lead, landmark)
 * order from its tables, each adding weight·scale·(won − p̂) to its lead's
 * score for its pattern's columns.
 */
export function statementMeat(client: DuckDbClient, source: StackedPatternSource, beta: Float64Array, scale: number): Float64Array {
  const { columnsOf, labels } = source.patterns;
  const rows = client.query(`${segmentPatternsSql("ll_design_segments", "ll_design_patterns")} ORDER BY s.i, s.from_k`, ["i", "p"]);
  const rho = Float64Array.from(columnsOf, (columns, p) => {
    let e = beta[0];
    for (const c of columns) e += beta[c + 1];
    return labels[p] - 1 / (1 + Math.exp(-e));
  });
  const meat = new ClusterMeat(source.columns.length + 1);
  const [lead, pattern, weight] = [rows.i as Int32Array, rows.p as Int32Array, rows.weight as ArrayLike<number>];
  for (let r = 0; r < lead.length; r++) meat.add(lead[r], weight[r] * scale * rho[pattern[r]], columnsOf[pattern[r]]);
  return meat.result();
}
