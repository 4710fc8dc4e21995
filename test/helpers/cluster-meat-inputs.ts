import { vi } from "vitest";
import type { DuckDbClient } from "../../src/engine/duckdb-client.js";
import { DuckDbTrainingEngine } from "../../src/engine/duckdb-engine.js";
import type { StackedPatternSource } from "../../src/stats/fit-stacked-logistic.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";

/** Keeps every pattern source the DuckDB engine builds from now on (the last is the final fit's). */
export function capturePatternSources(): StackedPatternSource[] {
  const sources: StackedPatternSource[] = [];
  const original = DuckDbTrainingEngine.prototype.designPatterns;
  vi.spyOn(DuckDbTrainingEngine.prototype, "designPatterns").mockImplementation(function (this: DuckDbTrainingEngine, ...args) {
    const source = original.apply(this, args);
    sources.push(source);
    return source;
  });
  return sources;
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
