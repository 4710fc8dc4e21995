import { backslashStringLiteral, quoteIdentifier, quoteTableName } from "../sql-literals.js";
import type { SqlDialect } from "./sql-dialect.js";

const string = (text: string) => backslashStringLiteral(text, "''");

/**
 * Snowflake, checked against golden files: double-quoted identifiers (case
 * kept: map the export's columns to upper-case names with the config's
 * `columns` when the table was created without quotes), backslash-escaped
 * string literals (`\uXXXX` for invisible characters), POSIX ERE regular
 * expressions (`REGEXP_LIKE`, which anchors at both ends, `REGEXP_INSTR`,
 * `REGEXP_REPLACE`, which replaces every match; no code-point escapes, so
 * characters are written into the pattern as themselves), `TRY_CAST`,
 * `UNION ALL BY NAME` for optional columns, and the session variable
 * `$scoring_at` (`SET scoring_at = '2025-03-01T00:00:00Z';`). Snowflake has no
 * function that raises an error: a refused instant is reported by casting
 * the message to INTEGER ("Numeric value 'lead.created_at: expected an ISO
 * 8601 date …' is not recognized"). Limit: `0x…`, `0b…` and `0o…` profile
 * numbers read as NULL (the missing band), where JavaScript reads them.
 */
export const snowflakeDialect: SqlDialect = {
  name: "snowflake",
  title: "Snowflake",
  identifier: quoteIdentifier,
  tableName: (name) => quoteTableName(name, quoteIdentifier),
  string,
  types: { text: "VARCHAR", double: "DOUBLE", bigint: "BIGINT", integer: "INTEGER" },
  regexChar: (codePoint) => String.fromCodePoint(codePoint),
  regexFullMatch: (text, pattern) => `REGEXP_LIKE(${text}, ${string(`^(${pattern})$`)})`,
  regexContains: (text, pattern) => `(REGEXP_INSTR(${text}, ${string(pattern)}) > 0)`,
  regexRemoveAll: (text, pattern) => `REGEXP_REPLACE(${text}, ${string(pattern)}, '')`,
  char: (codePoint) => `CHR(${codePoint})`,
  mod: (dividend, divisor) => `MOD(${dividend}, ${divisor})`,
  power: (base, exponent) => `POWER(${base}, ${exponent})`,
  raiseError: (message) => `CAST(CAST(${message} AS INTEGER) AS VARCHAR)`,
  finiteDouble: (text) => `CASE WHEN ABS(TRY_CAST(${text} AS DOUBLE)) <= ${MAX_DOUBLE} THEN TRY_CAST(${text} AS DOUBLE) END`,
  nonDecimalDouble: () => "CAST(NULL AS DOUBLE)",
  instantText: (value) => `CAST(${value} AS VARCHAR)`,
  cellText: (value) => `CAST(${value} AS VARCHAR)`,
  readTable: (table, alias, optionalColumns) => ({
    from:
      optionalColumns.length === 0
        ? `${quoteTableName(table)} AS ${alias}`
        : `(SELECT * FROM ${quoteTableName(table)}\n    UNION ALL BY NAME (SELECT ${optionalColumns.map((name) => `NULL AS ${quoteIdentifier(name)}`).join(", ")} LIMIT 0)) AS ${alias}`,
    column: (name) => `${alias}.${quoteIdentifier(name)}`,
  }),
  optionalColumnsMayBeAbsent: true,
  cteAs: "AS",
  unionDistinct: "UNION",
  sortedIntegerList: (column) => `COALESCE(LISTAGG(CAST(${column} AS VARCHAR), ',') WITHIN GROUP (ORDER BY ${column}), '')`,
  momentParameter: { name: "$scoring_at", expression: "$scoring_at", howToBind: "set the session variable scoring_at (SET scoring_at = 'ISO 8601 text')" },
};

const MAX_DOUBLE = "CAST('1.7976931348623157e308' AS DOUBLE)";
