import { backslashStringLiteral, backtickIdentifier, quoteTableName } from "../sql-literals.js";
import type { SqlDialect } from "./sql-dialect.js";

const identifier = (name: string) => backtickIdentifier(name, "``");
const string = (text: string) => backslashStringLiteral(text, "\\'");

/**
 * Spark SQL (3.4 or later), checked against golden files: backtick
 * identifiers, backslash-escaped string literals (with the default
 * `spark.sql.parser.escapedStringLiterals = false`), Java regular expressions
 * (`RLIKE`, which finds a match anywhere, and `regexp_replace`),
 * `try_cast`, `raise_error`, `conv` for `0x…`/`0b…`/`0o…`,
 * and the named parameter marker `:scoring_at`
 * (`spark.sql(query, args={"scoring_at": "2025-03-01T00:00:00Z"})`).
 * Optional lead columns must exist (as NULL columns of a view when the
 * export lacks them). A TIMESTAMP column is read as text in the session time
 * zone, without offset, and then as UTC: read instants as ISO text or run
 * with `spark.sql.session.timeZone = UTC`.
 */
export const sparkDialect: SqlDialect = {
  name: "spark",
  title: "Spark SQL",
  identifier,
  tableName: (name) => quoteTableName(name, identifier),
  string,
  types: { text: "STRING", double: "DOUBLE", bigint: "BIGINT", integer: "INT" },
  regexChar: (codePoint) => `\\x{${codePoint.toString(16).toUpperCase().padStart(2, "0")}}`,
  regexFullMatch: (text, pattern) => `(${text} RLIKE ${string(`^(?:${pattern})$`)})`,
  regexContains: (text, pattern) => `(${text} RLIKE ${string(pattern)})`,
  regexRemoveAll: (text, pattern) => `regexp_replace(${text}, ${string(pattern)}, '')`,
  // Spark's chr() reads its argument modulo 256: a literal with a \u escape instead.
  char: (codePoint) => `'\\u${codePoint.toString(16).toUpperCase().padStart(4, "0")}'`,
  mod: (dividend, divisor) => `((${dividend}) % (${divisor}))`,
  power: (base, exponent) => `power(${base}, ${exponent})`,
  raiseError: (message) => `raise_error(${message})`,
  finiteDouble: (text) => `CASE WHEN abs(try_cast(${text} AS DOUBLE)) <= ${MAX_DOUBLE} THEN try_cast(${text} AS DOUBLE) END`,
  // conv gives the unsigned decimal text of values below 2^64 (larger ones never reach it).
  nonDecimalDouble: (text) =>
    `CAST(conv(substr(${text}, 3), CASE lower(substr(${text}, 2, 1)) WHEN 'x' THEN 16 WHEN 'b' THEN 2 ELSE 8 END, 10) AS DOUBLE)`,
  instantText: (value) => `CAST(${value} AS STRING)`,
  cellText: (value) => `CAST(${value} AS STRING)`,
  readTable: (table, alias) => ({ from: `${quoteTableName(table, identifier)} AS ${alias}`, column: (name) => `${alias}.${identifier(name)}` }),
  optionalColumnsMayBeAbsent: false,
  cteAs: "AS",
  unionDistinct: "UNION",
  // collect_list skips NULLs; array_sort orders the integers numerically before they become text.
  sortedIntegerList: (column) => `coalesce(array_join(transform(array_sort(collect_list(${column})), x -> CAST(x AS STRING)), ','), '')`,
  momentParameter: { name: ":scoring_at", expression: ":scoring_at", howToBind: "bind the named parameter :scoring_at (ISO 8601 STRING)" },
};

const MAX_DOUBLE = "CAST('1.7976931348623157e308' AS DOUBLE)";
