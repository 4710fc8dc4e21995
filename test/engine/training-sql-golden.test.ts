import { describe, expect, it } from "vitest";
import { trainingSqlFiles } from "../../src/api/train-sql.js";
import { SQL_DIALECT_NAMES } from "../../src/sql/dialects/index.js";

/**
 * The exact training statistics statements per dialect (what `leadlift
 * train-sql` writes, the .sql files in order): BigQuery, Snowflake and
 * Spark SQL cannot run here, so a change to the generator shows up as a
 * reviewed diff of test/engine/golden/training-*.sql (DuckDB and PostgreSQL
 * also run: the DuckDB engine's tests and training-sql.pg.test.ts).
 * Regenerate after an intended change with
 * `npx vitest run test/engine/training-sql-golden.test.ts -u` and read the diff.
 */
const script = (dialect: string) =>
  trainingSqlFiles({ dialect })
    .filter((file) => file.name.endsWith(".sql"))
    .map((file) => file.text)
    .join("\n");

/** DuckDB's own syntax that the statements must not use, in any dialect (the DuckDB engine runs the portable text too). */
const DUCKDB_ONLY = [/FILTER \(/i, /GROUP BY ALL/i, /SEMI JOIN/i, /\blist\(/i, /::/, /USING \(/i, /\[\]/];

describe.each(SQL_DIALECT_NAMES)("the %s training statistics statements", (dialect) => {
  it("are the reviewed text", async () => {
    await expect(script(dialect)).toMatchFileSnapshot(`golden/training-${dialect}.sql`);
  });

  it("use no DuckDB-only syntax nor scalar subqueries, balance their parentheses and end each statement once", () => {
    const files = trainingSqlFiles({ dialect }).filter((file) => file.name.endsWith(".sql"));
    for (const { name, text } of files) {
      const code = text.replace(/^--.*$/gm, "").replace(/'[^']*'/g, "''");
      for (const pattern of DUCKDB_ONLY) expect(code, `${name}: ${pattern}`).not.toMatch(pattern);
      let depth = 0;
      for (const c of code) {
        depth += c === "(" ? 1 : c === ")" ? -1 : 0;
        expect(depth, name).toBeGreaterThanOrEqual(0);
      }
      expect(depth, name).toBe(0);
      // Subqueries only after IN, FROM, JOIN or a CTE's AS: a scalar one (the age band once was a correlated count(*)) BigQuery cannot de-correlate.
      for (const [, before] of code.matchAll(/([^\s(]+)\s*\(\s*SELECT\b/gi)) expect(before.toUpperCase(), `${name}: a subquery after ${before}`).toMatch(/^(IN|FROM|JOIN|AS)$/);
      expect(code.trimEnd().endsWith(";") && code.indexOf(";") === code.trimEnd().length - 1, name).toBe(true);
    }
  });
});

describe("dialect spellings in the training statistics", () => {
  it.each([
    ["duckdb", ["array_to_string(list_sort(array_agg(s.col)), ',')", "\n  UNION SELECT", "AS INTEGER) AS p"]],
    ["postgres", ["string_agg(CAST(s.col AS TEXT), ',' ORDER BY s.col)", "\n  UNION SELECT", "AS INTEGER) AS p"]],
    ["bigquery", ["STRING_AGG(CAST(s.col AS STRING), ',' ORDER BY s.col)", "\n  UNION DISTINCT SELECT", "CAST(i AS INT64)", "AS INT64) AS p"]],
    ["snowflake", ["LISTAGG(CAST(s.col AS VARCHAR), ',') WITHIN GROUP (ORDER BY s.col)", "\n  UNION SELECT"]],
    ["spark", ["array_join(transform(array_sort(collect_list(s.col)), x -> CAST(x AS STRING)), ',')", "\n  UNION SELECT", "AS INT) AS p"]],
  ] as const)("%s uses its own aggregate, union and types", (dialect, fragments) => {
    const text = script(dialect);
    for (const fragment of fragments) expect(text, fragment).toContain(fragment);
  });
});
