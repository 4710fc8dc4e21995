import { stringLiteral } from "./sql-literals.js";

/**
 * SQL (DuckDB) twins of the JavaScript built-ins the runtime scorer relies
 * on: `String.prototype.trim`, `toLowerCase`, `Number(text)`, `Math.round`
 * and its date parser's millisecond rounding. Each returns an expression
 * over `sql` that gives what the built-in gives, including the corners where
 * the obvious SQL function differs; the parity tests run them in DuckDB
 * against the built-ins. Arguments are SQL expressions; keep them short
 * (column names), as some appear more than once in the result.
 */

/**
 * The characters `String.prototype.trim` removes — WhiteSpace and
 * LineTerminator, ECMA-262 §12.2–12.3 — as an RE2 class. DuckDB's one-argument
 * `trim` removes only space separators, not tabs or line breaks.
 */
export const JS_WHITESPACE_CLASS = "[\\t\\n\\x{0B}\\f\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]";

/**
 * `text.trim()`: `regexp_replace` with the JavaScript whitespace class at
 * both ends (DuckDB-specific function name; PostgreSQL has the same).
 * @example jsTrimSql("cell") // "regexp_replace(cell, '^[…]+|[…]+$', '', 'g')"
 */
export function jsTrimSql(sql: string): string {
  return `regexp_replace(${sql}, '^${JS_WHITESPACE_CLASS}+|${JS_WHITESPACE_CLASS}+$', '', 'g')`;
}

/**
 * `Math.round(x)`: the nearest integer, ties toward +∞. SQL `round` sends
 * ties away from zero (−2.5 → −3), and the usual `floor(x + 0.5)` is one
 * off at x = 0.49999999999999994, where the addition rounds up to 1;
 * `x − floor(x)` is exact, so comparing it with 0.5 is not.
 * @example jsRoundSql("t") // "CASE WHEN t - floor(t) >= 0.5 THEN ceil(t) ELSE floor(t) END"
 */
export function jsRoundSql(sql: string): string {
  return `CASE WHEN ${sql} - floor(${sql}) >= 0.5 THEN ceil(${sql}) ELSE floor(${sql}) END`;
}

/**
 * The runtime's `roundScore` given the value times ten: `Math.round(v·10)/10`,
 * with −0 returned as 0 (`rounded === 0 ? 0 : rounded`) — DuckDB keeps −0,
 * and a test comparing with `Object.is` would see it.
 * @param tenthsSql the value multiplied by 10 (e.g. `pain_sum * 10`), so the multiplication is the runtime's own.
 */
export function roundScoreSql(tenthsSql: string): string {
  return (
    `CASE WHEN ${tenthsSql} >= -0.5 AND ${tenthsSql} < 0.5 THEN CAST(0 AS DOUBLE) ` +
    `ELSE (${jsRoundSql(tenthsSql)}) / 10 END`
  );
}

const ASCII_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ASCII_LOWER = "abcdefghijklmnopqrstuvwxyz";

/**
 * `text.toLowerCase()` restricted to ASCII letters, plus U+212A KELVIN SIGN
 * → "k": compared with ASCII text, this is exactly JavaScript's
 * `toLowerCase`, because U+212A is the only non-ASCII character whose
 * lowercase is ASCII (İ becomes "i" + U+0307). Titles are matched this way
 * too: the runtime's `/…/i` (no `u` flag) folds ASCII letters only, while
 * RE2's `(?i)` would also let "ſ" (long s) match "s" and U+212A match "k".
 */
export function asciiLowerSql(sql: string): string {
  return `translate(${sql}, '${ASCII_UPPER}' || chr(8490), '${ASCII_LOWER}k')`;
}

/**
 * `lowercasedValues.includes(text.toLowerCase())`, for values already
 * lowercased by JavaScript. Exact when every value is ASCII (via
 * `asciiLowerSql`). Otherwise DuckDB's `lower` is used, with İ mapped as
 * JavaScript maps it; it still differs from JavaScript on a final Σ (JavaScript
 * writes ς) and on a few letters newer than DuckDB's Unicode tables.
 */
export function lowercaseInSql(sql: string, lowercasedValues: readonly string[]): string {
  if (lowercasedValues.length === 0) return "1 = 0";
  const isAscii = lowercasedValues.every((value) => /^[\x00-\x7f]*$/.test(value));
  const lowered = isAscii ? asciiLowerSql(sql) : `lower(replace(${sql}, chr(304), 'i' || chr(775)))`;
  return `${lowered} IN (${lowercasedValues.map(stringLiteral).join(", ")})`;
}

/** `Number(text)`'s decimal grammar (StrDecimalLiteral without `Infinity`, which is not finite anyway). */
const DECIMAL_PATTERN = "[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?";

/**
 * `Number(text)` for trimmed `text` when that is finite, as a DOUBLE; NULL
 * where JavaScript gives NaN or ±Infinity (the band transform reads both as
 * missing). "" is 0; decimals (`+5`, `.5`, `5.`, `1e3`) are read as
 * JavaScript reads them, correctly rounded in both; `0x1F`, `0b101` and
 * `0o17` by value. Unlike `TRY_CAST(text AS DOUBLE)`, it refuses `1_000`,
 * `inf` and `nan`, as JavaScript does. Limit: hexadecimal, binary and octal
 * values of 2^64 or more are NULL here (DuckDB reads them through UBIGINT);
 * JavaScript reads them.
 */
export function jsFiniteNumberSql(sql: string): string {
  const octalAsBinary = ["000", "001", "010", "011", "100", "101", "110", "111"].reduce(
    (text, bits, digit) => `replace(${text}, '${"abcdefgh"[digit]}', '${bits}')`,
    `translate(substr(${sql}, 3), '01234567', 'abcdefgh')`,
  );
  return [
    "CASE",
    `WHEN ${sql} = '' THEN CAST(0 AS DOUBLE)`,
    `WHEN regexp_full_match(${sql}, '${DECIMAL_PATTERN}') AND isfinite(TRY_CAST(${sql} AS DOUBLE)) THEN TRY_CAST(${sql} AS DOUBLE)`,
    `WHEN regexp_full_match(${sql}, '0[xX][0-9a-fA-F]+|0[bB][01]+') THEN CAST(TRY_CAST(${sql} AS UBIGINT) AS DOUBLE)`,
    `WHEN regexp_full_match(${sql}, '0[oO][0-7]+') THEN CAST(TRY_CAST('0b' || ${octalAsBinary} AS UBIGINT) AS DOUBLE)`,
    "END",
  ].join(" ");
}

/**
 * Trimmed text of an instant cell of any type (TIMESTAMP, TIMESTAMPTZ, DATE
 * or text: all take the same path through text), NULL when empty. Blank
 * text stays '' and fails validation, as the runtime throws on it.
 */
export function instantTextSql(sql: string): string {
  return jsTrimSql(`NULLIF(CAST(${sql} AS VARCHAR), '')`);
}

/**
 * The runtime's ISO 8601 pattern (`parse-instant.ts`) in RE2, with its range
 * checks on hours, minutes and seconds (DuckDB would roll 24:00 over to the
 * next day; it rejects impossible days itself). Widened in one way: offsets
 * may also be ±HH or ±HH:MM:SS, as DuckDB writes a TIMESTAMPTZ as text.
 */
const ISO_INSTANT =
  `[0-9]{4}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?${JS_WHITESPACE_CLASS}*([Zz]|[+-][0-9]{2}(:?[0-9]{2})?(:[0-9]{2})?)?)?`;

/** A zone designator after the time: group 1 is what precedes it, group 2 the zone. */
const TIME_THEN_ZONE = `(:[0-9]{2}(\\.[0-9]+)?)${JS_WHITESPACE_CLASS}*([Zz]|[+-][0-9:]+)$`;

/**
 * The local date and time of validated instant text, without its zone
 * (`2024-03-01T12:00`); a text the runtime's parser would not read stops
 * the query with `error()`, naming `label` and the text, as the runtime
 * throws ("lead.created_at: expected an ISO 8601 date…").
 */
export function localDateTimeSql(textColumn: string, label: string): string {
  const message = stringLiteral(`${label}: expected an ISO 8601 date such as 2025-03-01T12:00:00Z, got `);
  return (
    `CASE WHEN NOT regexp_full_match(${textColumn}, '${ISO_INSTANT}') THEN error(${message} || ${textColumn}) ` +
    `ELSE regexp_replace(${textColumn}, '${TIME_THEN_ZONE}', '\\1') END`
  );
}

/** The zone offset of instant text as sign and digits (`+0200`, `-05`), '' for none or Z. */
export function zoneOffsetSql(textColumn: string): string {
  return `replace(CASE WHEN upper(regexp_extract(${textColumn}, '${TIME_THEN_ZONE}', 3)) = 'Z' THEN '' ELSE regexp_extract(${textColumn}, '${TIME_THEN_ZONE}', 3) END, ':', '')`;
}

/**
 * Epoch microseconds of a local date-time and its offset: the local time
 * read as UTC (a TIMESTAMP, so no session time zone takes part), minus the
 * offset — the runtime's `Date.UTC(…) − offset`.
 */
export function epochMicrosSql(localColumn: string, offsetColumn: string): string {
  const part = (from: number) => `coalesce(TRY_CAST(NULLIF(substr(${offsetColumn}, ${from}, 2), '') AS BIGINT), 0)`;
  const offsetSeconds = `(${part(2)} * 3600 + ${part(4)} * 60 + ${part(6)})`;
  return `epoch_us(CAST(${localColumn} AS TIMESTAMP)) - CASE WHEN ${offsetColumn} LIKE '-%' THEN -1 ELSE 1 END * ${offsetSeconds} * 1000000`;
}

/**
 * Epoch milliseconds (DOUBLE) from epoch microseconds, the fraction of a
 * second rounded as the runtime's parser does: `Math.round(Number("0.ffffff") * 1000)`.
 * That is not integer rounding: "….5005" gives 500 ms in JavaScript, as
 * 0.5005 × 1000 is 500.49999999999994; µs / 10^6 × 1000 in DOUBLE repeats
 * those very operations. Digits beyond the microsecond, which DuckDB drops,
 * are the one source of difference.
 */
export function epochMsSql(microsColumn: string): string {
  const fraction = `((${microsColumn} % 1000000) + 1000000) % 1000000`;
  return `CAST((${microsColumn} - ${fraction}) / 1000 AS DOUBLE) + (${jsRoundSql(`(CAST(${fraction} AS DOUBLE) / 1000000 * 1000)`)})`;
}
