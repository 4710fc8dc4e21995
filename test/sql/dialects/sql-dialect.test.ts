import { describe, expect, it } from "vitest";
import { LeadliftError } from "../../../src/errors.js";
import { SQL_DIALECT_NAMES, sqlDialect } from "../../../src/sql/dialects/index.js";

const TRICKY = ["o'reilly", "back\\slash", "tab\there", "line\nbreak", "nbsp\u00a0kelvin\u212a", "quote\"and`tick", "emoji 🚀", "\\x{41}\\1$1", ""];

/** What a backslash-escaping dialect's lexer reads from the inside of a '…' literal (BigQuery, Snowflake, Spark SQL). */
function unescapeBackslashed(inside: string): string {
  return inside.replace(/\\u([0-9A-F]{4})|\\(.)|''/gs, (_, hex: string | undefined, c: string | undefined) => (hex ? String.fromCharCode(parseInt(hex, 16)) : c ?? "'"));
}

describe("sqlDialect", () => {
  it("finds each dialect by its name, DuckDB first (the default)", () => {
    expect(SQL_DIALECT_NAMES[0]).toBe("duckdb");
    for (const name of SQL_DIALECT_NAMES) expect(sqlDialect(name).name).toBe(name);
  });

  it("names the dialects there are when given another", () => {
    expect(() => sqlDialect("mysql")).toThrowError(LeadliftError);
    expect(() => sqlDialect("mysql")).toThrowError('Option "dialect" must be one of duckdb, postgres, bigquery, snowflake, spark. Got "mysql".');
  });
});

describe.each(SQL_DIALECT_NAMES)("the %s dialect's literals and names", (name) => {
  const dialect = sqlDialect(name);
  const backslashes = name === "bigquery" || name === "snowflake" || name === "spark";

  it("writes string literals that read back as the text, with nothing raw that the lexer would take as an escape or an end", () => {
    for (const text of TRICKY) {
      const literal = dialect.string(text);
      expect(literal.startsWith("'") && literal.endsWith("'"), literal).toBe(true);
      const inside = literal.slice(1, -1);
      expect(backslashes ? unescapeBackslashed(inside) : inside.replaceAll("''", "'"), literal).toBe(text);
      if (backslashes) expect(/[\u0000-\u001f]/.test(literal), literal).toBe(false);
    }
  });

  it("quotes identifiers and schema-qualified table names in its own way", () => {
    const quote = name === "bigquery" || name === "spark" ? "`" : '"';
    expect(dialect.identifier("Prospect ID")).toBe(`${quote}Prospect ID${quote}`);
    expect(dialect.tableName("crm.leads")).toBe(`${quote}crm${quote}.${quote}leads${quote}`);
    const doubled = dialect.identifier(`a${quote}b`);
    expect(doubled).toBe(name === "bigquery" ? "`a\\`b`" : `${quote}a${quote}${quote}b${quote}`);
  });

  it("refuses names and text SQL cannot hold", () => {
    expect(() => dialect.identifier("")).toThrowError("Cannot write an empty identifier in SQL.");
    expect(() => dialect.string("a\u0000b")).toThrowError(/Cannot write the string "a\\u0000b" in SQL: it holds a NUL character/);
  });
});
