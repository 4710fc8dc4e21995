import { quoteIdentifier, quoteTableName, stringLiteral } from "../sql-literals.js";
import type { SqlDialect } from "./sql-dialect.js";

/**
 * DuckDB (the default, and the dialect the parity tests run most): RE2
 * regular expressions, `error()`, TRY_CAST, UBIGINT (which reads `0x…` and
 * `0b…` text), `UNION ALL BY NAME` to let the leads table lack its optional
 * columns, and the `$at` parameter.
 */
export const duckdbDialect: SqlDialect = {
  name: "duckdb",
  title: "DuckDB",
  identifier: quoteIdentifier,
  tableName: (name) => quoteTableName(name, quoteIdentifier),
  string: stringLiteral,
  types: { text: "VARCHAR", double: "DOUBLE", bigint: "BIGINT", integer: "INTEGER" },
  regexChar: (codePoint) => `\\x{${codePoint.toString(16).toUpperCase().padStart(2, "0")}}`,
  regexFullMatch: (text, pattern) => `regexp_full_match(${text}, ${stringLiteral(pattern)})`,
  regexContains: (text, pattern) => `regexp_matches(${text}, ${stringLiteral(pattern)})`,
  regexRemoveAll: (text, pattern) => `regexp_replace(${text}, ${stringLiteral(pattern)}, '', 'g')`,
  char: (codePoint) => `chr(${codePoint})`,
  mod: (dividend, divisor) => `((${dividend}) % (${divisor}))`,
  power: (base, exponent) => `power(${base}, ${exponent})`,
  raiseError: (message) => `error(${message})`,
  finiteDouble: (text) => `CASE WHEN isfinite(TRY_CAST(${text} AS DOUBLE)) THEN TRY_CAST(${text} AS DOUBLE) END`,
  // UBIGINT reads 0x and 0b text (NULL from 2^64 on); octal digits are rewritten as binary first.
  nonDecimalDouble: (text) => {
    const octalAsBinary = ["000", "001", "010", "011", "100", "101", "110", "111"].reduce(
      (rewritten, bits, digit) => `replace(${rewritten}, '${"abcdefgh"[digit]}', '${bits}')`,
      `translate(substr(${text}, 3), '01234567', 'abcdefgh')`,
    );
    return `CAST(TRY_CAST(CASE WHEN lower(substr(${text}, 2, 1)) = 'o' THEN '0b' || ${octalAsBinary} ELSE ${text} END AS UBIGINT) AS DOUBLE)`;
  },
  instantText: (value) => `CAST(${value} AS VARCHAR)`,
  cellText: (value) => `CAST(${value} AS VARCHAR)`,
  readTable: (table, alias, optionalColumns) => ({
    // UNION ALL BY NAME with an empty row set that has the optional columns adds each missing one as NULL.
    from:
      optionalColumns.length === 0
        ? `${quoteTableName(table)} AS ${alias}`
        : `(SELECT * FROM ${quoteTableName(table)}\n    UNION ALL BY NAME SELECT ${optionalColumns.map((name) => `CAST(NULL AS VARCHAR) AS ${quoteIdentifier(name)}`).join(", ")} WHERE false) AS ${alias}`,
    column: quoteIdentifier,
  }),
  optionalColumnsMayBeAbsent: true,
  cteAs: "AS",
  unionDistinct: "UNION",
  // An unordered list sorted afterwards, not string_agg(… ORDER BY …): DuckDB buffers an ordered aggregate's
  // rows per group, and at 1M leads / 50M events the design segments then ran out of its 1.5 GB memory limit
  // (at 200k leads / 9.9M events with a 250 MB limit: out of memory with string_agg, trains with this).
  // The NULL of a lead with no action column yet is left out by array_to_string, as string_agg leaves it out.
  sortedIntegerList: (column) => `coalesce(array_to_string(list_sort(array_agg(${column})), ','), '')`,
  momentParameter: { name: "$at", expression: "$at", howToBind: "bind the parameter $at (ISO 8601 text or a TIMESTAMP)" },
};
