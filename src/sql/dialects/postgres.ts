import { quoteIdentifier, quoteTableName, stringLiteral } from "../sql-literals.js";
import type { SqlDialect } from "./sql-dialect.js";

/** 2^1024 − 2^970: decimal values at or above it round to Infinity (round half to even), below it to a finite DOUBLE. */
const OVERFLOW_AT = (2n ** 1024n - 2n ** 970n).toString();
/** 2^1074: the smallest subnormal is 2^-1074; a value of at most half of it rounds to zero. */
const TWO_TO_1074 = (2n ** 1074n).toString();

/**
 * PostgreSQL (tested against a real server): POSIX-style ARE regular
 * expressions with `~` and `regexp_replace`, text → NUMERIC to check a
 * number's range before reading it as DOUBLE PRECISION, bit strings for
 * `0x…`/`0b…`/`0o…`, `to_jsonb` for instants (ISO 8601 whatever the session's
 * DateStyle) and for optional columns the table may lack, and the
 * positional parameter `$1` for the moment. Every CTE is `MATERIALIZED`:
 * PostgreSQL 12+ would otherwise inline each one into the next and copy the
 * whole expression behind every column a later one refers to.
 *
 * Requires `standard_conforming_strings = on` (the default since 9.1), so
 * backslashes in literals are literal. PostgreSQL has no function that
 * raises an error, so a refused instant is reported by casting the message
 * to INTEGER: the error reads `invalid input syntax for type integer:
 * "lead.created_at: expected an ISO 8601 date …, got …"`. `lower` of
 * non-ASCII text follows the database's LC_CTYPE (use a UTF-8 locale such
 * as C.UTF-8).
 */
export const postgresDialect: SqlDialect = {
  name: "postgres",
  title: "PostgreSQL",
  identifier: quoteIdentifier,
  tableName: (name) => quoteTableName(name, quoteIdentifier),
  string: stringLiteral,
  types: { text: "TEXT", double: "DOUBLE PRECISION", bigint: "BIGINT", integer: "INTEGER" },
  regexChar: (codePoint) => (codePoint <= 0xffff ? `\\u${hex(codePoint, 4)}` : `\\U${hex(codePoint, 8)}`),
  regexFullMatch: (text, pattern) => `(${text} ~ ${stringLiteral(`^(?:${pattern})$`)})`,
  regexContains: (text, pattern) => `(${text} ~ ${stringLiteral(pattern)})`,
  regexRemoveAll: (text, pattern) => `regexp_replace(${text}, ${stringLiteral(pattern)}, '', 'g')`,
  char: (codePoint) => `chr(${codePoint})`,
  mod: (dividend, divisor) => `mod(${dividend}, ${divisor})`,
  power: (base, exponent) => `power(${base}, ${exponent})`,
  raiseError: (message) => `CAST(CAST(${message} AS INTEGER) AS TEXT)`,
  finiteDouble: (text) => {
    const number = `CAST(${text} AS NUMERIC)`;
    const signedZero = `CASE WHEN ${text} LIKE '-%' THEN CAST('-0' AS DOUBLE PRECISION) ELSE CAST('0' AS DOUBLE PRECISION) END`;
    // NUMERIC reads exponents up to 1000 only; beyond, a zero significand or a negative exponent is ±0, else not finite.
    // (Limit: a significand with hundreds of leading zeros, such as 0.000…1e1000, is taken by its exponent alone.)
    return [
      "CASE",
      `WHEN ${text} ~ '[eE][+-]?0*[1-9][0-9]{3,}$' THEN CASE WHEN ${text} ~ '^[+-]?[0.]*[eE]' OR ${text} ~ '[eE]-' THEN ${signedZero} END`,
      `WHEN abs(${number}) >= ${OVERFLOW_AT} THEN NULL`,
      // float8in refuses a value that underflows to zero; JavaScript reads it as ±0.
      `WHEN ${number} <> 0 AND abs(${number}) * ${TWO_TO_1074} <= 0.5 THEN ${signedZero}`,
      `ELSE CAST(${text} AS DOUBLE PRECISION) END`,
    ].join(" ");
  },
  // Digits (leading zeros removed) as a bit(64) string, read as a signed BIGINT and shifted back by 2^64 when negative.
  nonDecimalDouble: (text) => {
    const digits = `ltrim(substr(${text}, 3), '0')`;
    const octalAsBinary = ["000", "001", "010", "011", "100", "101", "110", "111"].reduce(
      (rewritten, bits, digit) => `replace(${rewritten}, '${"abcdefgh"[digit]}', '${bits}')`,
      `translate(${digits}, '01234567', 'abcdefgh')`,
    );
    const kind = `lower(substr(${text}, 2, 1))`;
    const bits = `CASE ${kind} WHEN 'x' THEN CAST('x' || lpad(${digits}, 16, '0') AS bit(64)) WHEN 'b' THEN CAST(lpad(${digits}, 64, '0') AS bit(64)) ELSE CAST(lpad(ltrim(${octalAsBinary}, '0'), 64, '0') AS bit(64)) END`;
    const signed = `CAST(${bits} AS BIGINT)`;
    return `CAST(CAST(${signed} AS NUMERIC) + CASE WHEN ${signed} < 0 THEN 18446744073709551616 ELSE 0 END AS DOUBLE PRECISION)`;
  },
  // to_jsonb writes DATE, TIMESTAMP and TIMESTAMPTZ as ISO 8601 whatever the DateStyle; text stays as it is.
  instantText: (value) => `(to_jsonb(${value}) #>> '{}')`,
  cellText: (value) => `CAST(${value} AS TEXT)`,
  readTable: (table, alias, optionalColumns) => ({
    from: `${quoteTableName(table)} AS ${alias}`,
    // A column the table lacks is a key the row's JSON lacks: NULL.
    column: (name) => (optionalColumns.includes(name) ? `(to_jsonb(${alias}) ->> ${stringLiteral(name)})` : `${alias}.${quoteIdentifier(name)}`),
  }),
  optionalColumnsMayBeAbsent: true,
  cteAs: "AS MATERIALIZED",
  unionDistinct: "UNION",
  sortedIntegerList: (column) => `coalesce(string_agg(CAST(${column} AS TEXT), ',' ORDER BY ${column}), '')`,
  momentParameter: { name: "$1", expression: "CAST($1 AS TEXT)", howToBind: "bind the parameter $1 (ISO 8601 text or a timestamptz)" },
};

function hex(codePoint: number, digits: number): string {
  return codePoint.toString(16).toUpperCase().padStart(digits, "0");
}
