import { LeadliftError } from "../errors.js";

/**
 * Identifiers and literals for generated SQL. Every name and value taken
 * from a model or an option goes through these (through a dialect's
 * `identifier` and `string`), so a column called `Prospect ID` or an
 * action called `o'reilly_download` cannot break (or inject into) the query.
 */

/**
 * `name` as an ANSI delimited identifier: `"Prospect ID"`, embedded quotes
 * doubled (DuckDB, PostgreSQL and Snowflake read it the same way).
 * @throws LeadliftError "sql-unexpressible" for an empty name or text SQL cannot hold.
 * @example quoteIdentifier('Prospect "ID"') // '"Prospect ""ID"""'
 */
export function quoteIdentifier(name: string): string {
  assertIdentifier(name);
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * `name` between backticks (BigQuery, Spark SQL), an embedded backtick
 * written as `escapedBacktick`.
 * @throws LeadliftError "sql-unexpressible" for an empty name or text SQL cannot hold.
 */
export function backtickIdentifier(name: string, escapedBacktick: string): string {
  assertIdentifier(name);
  return `\`${name.replaceAll("\\", "\\\\").replaceAll("`", escapedBacktick)}\``;
}

/**
 * A table or view name, optionally schema-qualified: each dot-separated part
 * quoted by `identifier` (`crm.leads` → `"crm"."leads"`).
 * @example quoteTableName("crm.leads", quoteIdentifier) // '"crm"."leads"'
 */
export function quoteTableName(name: string, identifier: (part: string) => string = quoteIdentifier): string {
  return name.split(".").map(identifier).join(".");
}

/**
 * `text` as an ANSI string literal, embedded single quotes doubled. DuckDB
 * and PostgreSQL (with `standard_conforming_strings`, on by default) read
 * backslashes in such literals literally, so regular expressions pass through
 * unchanged.
 * @throws LeadliftError "sql-unexpressible" for text SQL cannot hold.
 * @example stringLiteral("o'reilly") // "'o''reilly'"
 */
export function stringLiteral(text: string): string {
  assertSqlText(text, "string");
  return `'${text.replaceAll("'", "''")}'`;
}

/** Characters written as `\uXXXX` in backslash-escaped literals: controls, and invisible or ambiguous spaces. */
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u00a0\u00ad\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff\u212a\u0130]/g;

/**
 * `text` as a string literal of a dialect whose literals read backslash
 * escapes (BigQuery, Snowflake, Spark SQL): backslash doubled, the quote as
 * `escapedQuote`, control and invisible characters (and the look-alikes
 * U+212A KELVIN SIGN and U+0130) as `\uXXXX`, so the query text shows them.
 * @throws LeadliftError "sql-unexpressible" for text SQL cannot hold.
 * @example backslashStringLiteral("it's", "\\'") // "'it\\'s'"
 */
export function backslashStringLiteral(text: string, escapedQuote: string): string {
  assertSqlText(text, "string");
  const escaped = text
    .replaceAll("\\", "\\\\")
    .replaceAll("'", escapedQuote)
    .replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`);
  return `'${escaped}'`;
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
 * `CAST('0.1' AS DOUBLE)`. A bare `0.1` is a DECIMAL (NUMERIC) in most
 * engines, and DECIMAL → DOUBLE (integer over a power of ten) can land one
 * ulp away from the number JavaScript holds, which would break bit-for-bit
 * parity; text → DOUBLE is correctly rounded, and `String(value)` is the
 * shortest text that reads back as `value`.
 * @example doubleLiteral({ types: { double: "DOUBLE" } }, 0.1) // "CAST('0.1' AS DOUBLE)"
 */
export function doubleLiteral(dialect: { readonly types: { readonly double: string } }, value: number): string {
  if (!Number.isFinite(value)) {
    throw new LeadliftError("sql-unexpressible", `Cannot write ${String(value)} as a SQL number: expected a finite number.`);
  }
  return `CAST('${String(value)}' AS ${dialect.types.double})`;
}

/** Lone UTF-16 surrogates: JavaScript strings may hold them, UTF-8 SQL text cannot. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function assertIdentifier(name: string): void {
  if (name === "") throw new LeadliftError("sql-unexpressible", "Cannot write an empty identifier in SQL.");
  assertSqlText(name, "identifier");
}

/**
 * Refuses text no SQL text can hold: a NUL character or an unpaired surrogate.
 * @throws LeadliftError "sql-unexpressible" naming the text.
 */
export function assertSqlText(text: string, what: "identifier" | "string"): void {
  if (text.includes("\u0000") || LONE_SURROGATE.test(text)) {
    throw new LeadliftError(
      "sql-unexpressible",
      `Cannot write the ${what} ${JSON.stringify(text)} in SQL: it holds a NUL character or an unpaired UTF-16 surrogate. Rename it in the model or the data.`,
    );
  }
}
