import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { sql } from "../../src/api/sql.js";
import type { ModelV1 } from "../../src/model/types.js";
import { SQL_DIALECT_NAMES, type SqlDialectName } from "../../src/sql/dialects/index.js";
import { everyRuleModel } from "../helpers/sql-parity-cases.js";

/**
 * The exact query text per dialect, for BigQuery, Snowflake and Spark SQL
 * (which do not run here) and for DuckDB and PostgreSQL (which the parity
 * tests run): a change to the generator shows up as a reviewed diff of
 * test/sql/golden/*.sql. The sample model is a frozen copy
 * (test/fixtures/sql/sample-model.json), so retraining the bundled one does
 * not move these files. Regenerate after an intended change with
 * `npx vitest run test/sql/dialect-golden.test.ts -u` and read the diff.
 */
const FROZEN_SAMPLE = JSON.parse(readFileSync("test/fixtures/sql/sample-model.json", "utf8")) as ModelV1;

const CASES: ReadonlyArray<readonly [string, ModelV1, Parameters<typeof sql>[1]]> = [
  ["sample", FROZEN_SAMPLE, {}],
  // Every rule and profile transform, renamed columns, placeholders, schema-qualified tables, each lead's own as_of.
  [
    "every-rule",
    everyRuleModel(),
    {
      asOf: true,
      leadsTable: "crm.CRM Leads",
      eventsTable: "crm.activity",
      config: { columns: { leads: { lead_id: "Prospect ID" }, events: { occurred_at: "when" } }, profile: { missingValues: ["Select", "N/A"] } },
    },
  ],
];

describe.each(SQL_DIALECT_NAMES)("the %s scoring query", (dialect) => {
  it.each(CASES)("is the reviewed text for the %s model", async (name, model, options) => {
    const text = sql(model, { ...options, dialect, modelName: `${name}.json` });
    await expect(text).toMatchFileSnapshot(`golden/${dialect}-${name}.sql`);
  });

  it.each(CASES)("is well-formed for the %s model: literals and quoted names closed, parentheses balanced, only this dialect's quoting", (_, model, options) => {
    const text = sql(model, { ...options, dialect, modelName: "m.json" });
    const tokens = lex(text, dialect);
    expect(tokens.depth).toBe(0);
    expect(tokens.strings.length).toBeGreaterThan(20);
    const backticks = dialect === "bigquery" || dialect === "spark";
    expect(tokens.quotedNames.every((q) => q.startsWith(backticks ? "`" : '"'))).toBe(true);
    if (dialect === "bigquery" || dialect === "snowflake" || dialect === "spark") {
      // Backslash-escaped literals: no raw control character may appear inside one.
      expect(tokens.strings.filter((s) => /[\u0000-\u001f]/.test(s.raw))).toEqual([]);
    }
  });
});

describe("dialect spellings in the every-rule query", () => {
  const text = (dialect: SqlDialectName) => sql(everyRuleModel(), { dialect, modelName: "m.json" });

  it.each([
    ["duckdb", ["regexp_full_match(", "regexp_matches(", "error(", "UNION ALL BY NAME", "$at", "TRY_CAST("]],
    ["postgres", [" ~ '^(?:", "regexp_replace(", "AS INTEGER) AS TEXT)", "to_jsonb(leads_read) ->>", "CAST($1 AS TEXT)", "AS MATERIALIZED ("]],
    ["bigquery", ["REGEXP_CONTAINS(", "REGEXP_REPLACE(", "ERROR(", "SAFE_CAST(", "@scoring_at", "CODE_POINTS_TO_STRING([8490])", "FLOAT64", "MOD("]],
    ["snowflake", ["REGEXP_LIKE(", "REGEXP_INSTR(", "TRY_CAST(", "UNION ALL BY NAME (SELECT NULL AS", "$scoring_at", "CHR(8490)", "AS INTEGER) AS VARCHAR)"]],
    ["spark", [" RLIKE '", "regexp_replace(", "raise_error(", "try_cast(", ":scoring_at", "'\\u212A'", "conv("]],
  ] as const)("%s uses its own functions and parameter", (dialect, expected) => {
    const query = text(dialect);
    for (const fragment of expected) expect(query, fragment).toContain(fragment);
  });

  it.each(["postgres", "bigquery", "snowflake", "spark"] as const)("%s uses none of DuckDB's own spellings", (dialect) => {
    const query = text(dialect);
    for (const fragment of ["regexp_full_match", "regexp_matches", "error(", "isfinite", "UBIGINT", "$at", "\\x{"].filter((f) => !(f === "\\x{" && (dialect === "bigquery" || dialect === "spark")))) {
      expect(query.replace(/raise_error\(/g, "").replace(/ERROR\(/g, ""), fragment).not.toContain(fragment);
    }
  });
});

interface Lexed {
  readonly depth: number;
  readonly strings: Array<{ raw: string }>;
  readonly quotedNames: string[];
}

/** A small lexer for the generated text: comments, string literals (each dialect's escaping), quoted names and parentheses. */
function lex(text: string, dialect: SqlDialectName): Lexed {
  const backslashEscapes = dialect === "bigquery" || dialect === "snowflake" || dialect === "spark";
  const strings: Array<{ raw: string }> = [];
  const quotedNames: string[] = [];
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "-" && text[i + 1] === "-") {
      i = text.indexOf("\n", i) === -1 ? text.length : text.indexOf("\n", i) + 1;
    } else if (c === "'") {
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new Error(`unclosed string literal at ${i}: ${text.slice(i, i + 60)}`);
        if (backslashEscapes && text[j] === "\\") j += 2;
        else if (text[j] === "'" && text[j + 1] === "'") j += 2;
        else if (text[j] === "'") break;
        else j++;
      }
      strings.push({ raw: text.slice(i + 1, j) });
      i = j + 1;
    } else if (c === '"' || c === "`") {
      let j = i + 1;
      for (;;) {
        if (j >= text.length) throw new Error(`unclosed quoted name at ${i}`);
        if (c === "`" && dialect === "bigquery" && text[j] === "\\") j += 2;
        else if (text[j] === c && text[j + 1] === c) j += 2;
        else if (text[j] === c) break;
        else j++;
      }
      quotedNames.push(text.slice(i, j + 1));
      i = j + 1;
    } else {
      if (c === "(") depth++;
      if (c === ")") depth--;
      if (depth < 0) throw new Error(`unbalanced ) at ${i}`);
      i++;
    }
  }
  return { depth, strings, quotedNames };
}
