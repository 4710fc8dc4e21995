import { LeadliftError } from "../errors.js";

/**
 * Identifiers and literals for generated SQL. Every name and value taken
 * from a model or an option goes through these, so a column called
 * `Prospect ID` or an action called `o'reilly_download` cannot break (or
 * inject into) the query.
 */

/**
 * `name` as a delimited identifier: `"Prospect ID"`, embedded quotes doubled
 * (ANSI SQL; DuckDB, PostgreSQL and Snowflake read it the same way).
 * @throws LeadliftError "sql-unexpressible" for an empty name or text SQL cannot hold.
 * @example quoteIdentifier('Prospect "ID"') // '"Prospect ""ID"""'
 */
export function quoteIdentifier(name: string): string {
  if (name === "") throw new LeadliftError("sql-unexpressible", "Cannot write an empty identifier in SQL.");
  assertSqlText(name, "identifier");
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A table or view name, optionally schema-qualified: each dot-separated part
 * is quoted (`crm.leads` → `"crm"."leads"`).
 * @example quoteTableName("crm.leads") // '"crm"."leads"'
 */
export function quoteTableName(name: string): string {
  return name.split(".").map(quoteIdentifier).join(".");
}

/**
 * `text` as a string literal, embedded single quotes doubled (ANSI). DuckDB
 * reads backslashes in such literals literally, so regular expressions pass
 * through unchanged.
 * @throws LeadliftError "sql-unexpressible" for text SQL cannot hold.
 * @example stringLiteral("o'reilly") // "'o''reilly'"
 */
export function stringLiteral(text: string): string {
  assertSqlText(text, "string");
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * An integer literal; negatives in parentheses, so that no `- -8` (a
 * comment start) can ever be generated.
 * @example integerLiteral(-8) // "(-8)"
 */
export function integerLiteral(value: number): string {
  if (!Number.isSafeInteger(value)) {
    throw new LeadliftError("sql-unexpressible", `Cannot write ${JSON.stringify(value)} as a SQL integer: expected a safe integer.`);
  }
  return value < 0 ? `(${value})` : String(value);
}

/**
 * A DOUBLE holding exactly the JavaScript number `value`:
 * `CAST('0.1' AS DOUBLE)`. A bare `0.1` is a DECIMAL in DuckDB, and
 * DECIMAL → DOUBLE (integer over a power of ten) can land one ulp away
 * from the number JavaScript holds, which would break bit-for-bit parity;
 * text → DOUBLE is correctly rounded, and `String(value)` is the shortest
 * text that reads back as `value`.
 * @example doubleLiteral(0.1) // "CAST('0.1' AS DOUBLE)"
 */
export function doubleLiteral(value: number): string {
  if (!Number.isFinite(value)) {
    throw new LeadliftError("sql-unexpressible", `Cannot write ${String(value)} as a SQL number: expected a finite number.`);
  }
  return `CAST('${String(value)}' AS DOUBLE)`;
}

/** Lone UTF-16 surrogates: JavaScript strings may hold them, UTF-8 SQL text cannot. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function assertSqlText(text: string, what: "identifier" | "string"): void {
  if (text.includes("\u0000") || LONE_SURROGATE.test(text)) {
    throw new LeadliftError(
      "sql-unexpressible",
      `Cannot write the ${what} ${JSON.stringify(text)} in SQL: it holds a NUL character or an unpaired UTF-16 surrogate. Rename it in the model or the data.`,
    );
  }
}
