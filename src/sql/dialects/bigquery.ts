import { backslashStringLiteral, backtickIdentifier, quoteTableName } from "../sql-literals.js";
import type { SqlDialect } from "./sql-dialect.js";

const identifier = (name: string) => backtickIdentifier(name, "\\`");
const string = (text: string) => backslashStringLiteral(text, "\\'");

/**
 * BigQuery (GoogleSQL), checked against golden files: backtick identifiers,
 * backslash-escaped string literals, RE2 regular expressions
 * (`REGEXP_CONTAINS`, `REGEXP_REPLACE`, which replaces every match),
 * `SAFE_CAST`, `ERROR()`, `MOD`, `CODE_POINTS_TO_STRING`, and the named query
 * parameter `@scoring_at`. Optional lead columns (`created_at`, `account_id`,
 * `as_of`) must exist (as NULL columns of a view when the export lacks them).
 * Limit: `0x…` text reads only below 2^63 (SAFE_CAST to INT64), `0b…` and
 * `0o…` not at all (NULL: the missing band), where JavaScript reads them.
 */
export const bigqueryDialect: SqlDialect = {
  name: "bigquery",
  title: "BigQuery",
  identifier,
  tableName: (name) => quoteTableName(name, identifier),
  string,
  types: { text: "STRING", double: "FLOAT64", bigint: "INT64", integer: "INT64" },
  regexChar: (codePoint) => `\\x{${codePoint.toString(16).toUpperCase().padStart(2, "0")}}`,
  regexFullMatch: (text, pattern) => `REGEXP_CONTAINS(${text}, ${string(`^(?:${pattern})$`)})`,
  regexContains: (text, pattern) => `REGEXP_CONTAINS(${text}, ${string(pattern)})`,
  regexRemoveAll: (text, pattern) => `REGEXP_REPLACE(${text}, ${string(pattern)}, '')`,
  char: (codePoint) => `CODE_POINTS_TO_STRING([${codePoint}])`,
  mod: (dividend, divisor) => `MOD(${dividend}, ${divisor})`,
  power: (base, exponent) => `POW(${base}, ${exponent})`,
  raiseError: (message) => `ERROR(${message})`,
  finiteDouble: (text) => `CASE WHEN ABS(SAFE_CAST(${text} AS FLOAT64)) <= ${MAX_DOUBLE} THEN SAFE_CAST(${text} AS FLOAT64) END`,
  nonDecimalDouble: (text) => `CASE WHEN LOWER(SUBSTR(${text}, 2, 1)) = 'x' THEN CAST(SAFE_CAST(CONCAT('0x', SUBSTR(${text}, 3)) AS INT64) AS FLOAT64) END`,
  instantText: (value) => `CAST(${value} AS STRING)`,
  cellText: (value) => `CAST(${value} AS STRING)`,
  readTable: (table, alias) => ({ from: `${quoteTableName(table, identifier)} AS ${alias}`, column: (name) => `${alias}.${identifier(name)}` }),
  optionalColumnsMayBeAbsent: false,
  cteAs: "AS",
  unionDistinct: "UNION DISTINCT",
  sortedIntegerList: (column) => `COALESCE(STRING_AGG(CAST(${column} AS STRING), ',' ORDER BY ${column}), '')`,
  momentParameter: { name: "@scoring_at", expression: "@scoring_at", howToBind: "bind the query parameter @scoring_at (ISO 8601 STRING)" },
};

const MAX_DOUBLE = "CAST('1.7976931348623157e308' AS FLOAT64)";
