import type { SqlDialect } from "./dialects/sql-dialect.js";

/**
 * SQL twins of the JavaScript built-ins the runtime scorer relies on:
 * `String.prototype.trim`, `toLowerCase`, `Number(text)`, `Math.round` and
 * its date parser. Each returns an expression over `sql`, in `dialect`,
 * that gives what the built-in gives, including the corners where the
 * obvious SQL function differs; the parity tests run them in DuckDB and
 * PostgreSQL against the built-ins. Arguments are SQL expressions; keep them
 * short (column names), as some appear more than once in the result.
 */

/**
 * The characters `String.prototype.trim` removes — WhiteSpace and
 * LineTerminator, ECMA-262 §12.2–12.3 — as code points and ranges.
 */
const JS_WHITESPACE: ReadonlyArray<number | readonly [number, number]> = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, [0x2000, 0x200a], 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff,
];

/** JavaScript's whitespace as a bracket class of `dialect`'s patterns (the space as itself). */
export function jsWhitespaceClass(dialect: SqlDialect): string {
  const char = (codePoint: number) => (codePoint === 0x20 ? " " : dialect.regexChar(codePoint));
  return `[${JS_WHITESPACE.map((item) => (typeof item === "number" ? char(item) : `${char(item[0])}-${char(item[1])}`)).join("")}]`;
}

/**
 * `text.trim()`: the JavaScript whitespace class removed at both ends
 * (DuckDB's one-argument `trim` removes only spaces, not tabs or line breaks).
 */
export function jsTrimSql(dialect: SqlDialect, sql: string): string {
  const ws = jsWhitespaceClass(dialect);
  return dialect.regexRemoveAll(sql, `^${ws}+|${ws}+$`);
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
 * with −0 returned as 0 (`rounded === 0 ? 0 : rounded`) — SQL keeps −0, and
 * a test comparing with `Object.is` would see it.
 * @param tenthsSql the value multiplied by 10 (e.g. `pain_sum * 10`), so the multiplication is the runtime's own.
 */
export function roundScoreSql(dialect: SqlDialect, tenthsSql: string): string {
  return (
    `CASE WHEN ${tenthsSql} >= -0.5 AND ${tenthsSql} < 0.5 THEN CAST(0 AS ${dialect.types.double}) ` +
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
 * too: the runtime's `/…/i` (no `u` flag) folds ASCII letters only, while a
 * case-insensitive flag in SQL would also let "ſ" (long s) match "s" and
 * U+212A match "k".
 */
export function asciiLowerSql(dialect: SqlDialect, sql: string): string {
  return `translate(${sql}, '${ASCII_UPPER}' || ${dialect.char(0x212a)}, '${ASCII_LOWER}k')`;
}

/**
 * `lowercasedValues.includes(text.toLowerCase())`, for values already
 * lowercased by JavaScript. Exact when every value is ASCII (via
 * `asciiLowerSql`). Otherwise the engine's `lower` is used, with İ mapped as
 * JavaScript maps it; it still differs from JavaScript on a final Σ (JavaScript
 * writes ς) and on letters newer than the engine's Unicode tables.
 */
export function lowercaseInSql(dialect: SqlDialect, sql: string, lowercasedValues: readonly string[]): string {
  if (lowercasedValues.length === 0) return "1 = 0";
  const isAscii = lowercasedValues.every((value) => /^[\x00-\x7f]*$/.test(value));
  const lowered = isAscii ? asciiLowerSql(dialect, sql) : `lower(replace(${sql}, ${dialect.char(0x130)}, 'i' || ${dialect.char(0x307)}))`;
  return `${lowered} IN (${lowercasedValues.map(dialect.string).join(", ")})`;
}

/** `Number(text)`'s decimal grammar (StrDecimalLiteral without `Infinity`, which is not finite anyway). */
const DECIMAL_PATTERN = "[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?";
/** `0x…`, `0b…`, `0o…` whose value is below 2^64 (at most 16 hex, 64 binary digits, or 22 octal ones starting with 1). */
const NON_DECIMAL_BELOW_2_64 = "0[xX]0*[0-9a-fA-F]{1,16}|0[bB]0*[01]{1,64}|0[oO]0*(1[0-7]{21}|[0-7]{1,21})";

/**
 * `Number(text)` for trimmed `text` when that is finite, as a DOUBLE; NULL
 * where JavaScript gives NaN or ±Infinity (the band transform reads both as
 * missing). "" is 0; decimals (`+5`, `.5`, `5.`, `1e3`) are read as
 * JavaScript reads them, correctly rounded in both; `0x1F`, `0b101` and
 * `0o17` by value. Unlike a plain cast, it refuses `1_000`, `inf` and
 * `nan`, as JavaScript does. Limits: non-decimal values of 2^64 or more are
 * NULL here (JavaScript reads them), and each dialect documents what it
 * reads below that (`nonDecimalDouble`).
 */
export function jsFiniteNumberSql(dialect: SqlDialect, sql: string): string {
  return [
    "CASE",
    `WHEN ${sql} = '' THEN CAST(0 AS ${dialect.types.double})`,
    `WHEN ${dialect.regexFullMatch(sql, DECIMAL_PATTERN)} THEN ${dialect.finiteDouble(sql)}`,
    `WHEN ${dialect.regexFullMatch(sql, NON_DECIMAL_BELOW_2_64)} THEN ${dialect.nonDecimalDouble(sql)}`,
    "END",
  ].join(" ");
}

/**
 * Trimmed text of an instant cell of any type (TIMESTAMP, TIMESTAMPTZ, DATE
 * or text: all take the same path through text), NULL when empty. Blank
 * text stays '' and fails validation, as the runtime throws on it.
 */
export function instantTextSql(dialect: SqlDialect, sql: string): string {
  return jsTrimSql(dialect, `NULLIF(${dialect.instantText(sql)}, '')`);
}

/**
 * The runtime's ISO 8601 pattern (`parse-instant.ts`), with its range checks
 * on hours, minutes and seconds. Widened in one way: offsets may also be
 * ±HH or ±HH:MM:SS, as engines write a TIMESTAMPTZ as text.
 */
function isoInstantPattern(dialect: SqlDialect): string {
  const ws = jsWhitespaceClass(dialect);
  return `[0-9]{4}-[0-9]{2}-[0-9]{2}([T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.([0-9]{1,9}))?)?${ws}*([Zz]|[+-][0-9]{2}(:?[0-9]{2})?(:[0-9]{2})?)?)?`;
}

/** An integer field of validated instant text, by position (1-based) and length. */
const field = (dialect: SqlDialect, text: string, from: number, length: number) => `CAST(substr(${text}, ${from}, ${length}) AS ${dialect.types.bigint})`;

/**
 * Instant text as the runtime's parser accepts it, else a stopped query:
 * text the pattern refuses, or an impossible calendar day (2024-02-30),
 * stops it with `raiseError`, naming `label` and the text, as the runtime
 * throws ("lead.created_at: expected an ISO 8601 date…"). NULL stays NULL.
 */
export function checkedInstantSql(dialect: SqlDialect, textColumn: string, label: string): string {
  const message = `${dialect.string(`${label}: expected an ISO 8601 date such as 2025-03-01T12:00:00Z, got `)} || ${textColumn}`;
  const year = field(dialect, textColumn, 1, 4);
  const month = field(dialect, textColumn, 6, 2);
  const day = field(dialect, textColumn, 9, 2);
  const leap = `(${dialect.mod(year, "4")} = 0 AND (${dialect.mod(year, "100")} <> 0 OR ${dialect.mod(year, "400")} = 0))`;
  const daysInMonth = `CASE WHEN ${month} = 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN ${month} IN (4, 6, 9, 11) THEN 30 ELSE 31 END`;
  // Two WHENs, in order: the fields are read only from text the pattern accepted.
  return [
    `CASE WHEN NOT ${dialect.regexFullMatch(textColumn, isoInstantPattern(dialect))} THEN ${dialect.raiseError(message)}`,
    `WHEN ${month} < 1 OR ${month} > 12 OR ${day} < 1 OR ${day} > ${daysInMonth} THEN ${dialect.raiseError(message)}`,
    `ELSE ${textColumn} END`,
  ].join("\n      ");
}

/*
 * The zone and the fraction are cut from checked text by removing what
 * surrounds them, not read as capture groups: PostgreSQL 15 places a
 * capture group of the ISO pattern in about 19 µs a cell against 3 µs to
 * remove a match (it re-matches the nested optional groups to place the
 * capture), which made reading instants over half of its scoring query's
 * time. On checked text
 * the character sets meet without overlap — the clock is [0-9:.], the zone
 * starts with Z, z, + or -, whitespace is neither, and only the fraction
 * has a dot — so each removed match is the same in leftmost-first (RE2,
 * Java) and leftmost-longest (POSIX) engines.
 */

/** The zone designator of checked instant text ('' when none): `Z`, `+02:00`, `-0530`. The date, the clock and the blanks after it removed. */
export function instantZoneSql(dialect: SqlDialect, checkedColumn: string): string {
  return dialect.regexRemoveAll(checkedColumn, `^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9:.]*${jsWhitespaceClass(dialect)}*)?`);
}

/** The digits of the fraction of a second of checked instant text ('' when none): everything up to the dot removed, and from the first character after the digits on. */
export function instantFractionSql(dialect: SqlDialect, checkedColumn: string): string {
  return dialect.regexRemoveAll(checkedColumn, "^[^.]*\\.?|[^0-9][^.]*$");
}

/**
 * Epoch milliseconds (DOUBLE) of instant text checked by `checkedInstantSql`,
 * given its zone (`instantZoneSql`) and fraction digits (`instantFractionSql`),
 * computed as the runtime's parser computes them, with no date type, time
 * zone or engine date range involved: days since 1970-01-01 of the
 * proleptic Gregorian date (Hinnant's days_from_civil, years shifted by one
 * 400-year cycle to keep every division on positive numbers), plus the
 * clock, minus the zone offset, plus the fraction of a second rounded as the
 * runtime rounds it: `Math.round(Number("0.ffff") * 1000)` — not integer
 * rounding: ".5005" gives 500 ms, as 0.5005 × 1000 is 500.49999999999994.
 * Every step before the fraction is exact integer arithmetic below 2^53.
 */
export function instantEpochMsSql(dialect: SqlDialect, checkedColumn: string, zoneColumn: string, fractionColumn: string): string {
  const t = checkedColumn;
  const double = dialect.types.double;
  const intDiv = (sql: string, by: number) => `floor(CAST(${sql} AS ${double}) / ${by})`;
  const month = field(dialect, t, 6, 2);
  // Years start in March: January and February count in the year before. Shifted by 400 years (146,097 days).
  const shiftedYear = `(${field(dialect, t, 1, 4)} + 400 - CASE WHEN ${month} <= 2 THEN 1 ELSE 0 END)`;
  const yearOfEra = `(${shiftedYear} - ${intDiv(shiftedYear, 400)} * 400)`;
  const dayOfYear = `(${intDiv(`153 * ${dialect.mod(`${month} + 9`, "12")} + 2`, 5)} + ${field(dialect, t, 9, 2)} - 1)`;
  const dayOfEra = `(${yearOfEra} * 365 + ${intDiv(yearOfEra, 4)} - ${intDiv(yearOfEra, 100)} + ${dayOfYear})`;
  const days = `(${intDiv(shiftedYear, 400)} * 146097 + ${dayOfEra} - 719468 - 146097)`;
  const hasTime = `substr(${t}, 11, 1) <> ''`;
  const clock = `CASE WHEN ${hasTime} THEN ${field(dialect, t, 12, 2)} * 3600 + ${field(dialect, t, 15, 2)} * 60 + CASE WHEN substr(${t}, 17, 1) = ':' THEN ${field(dialect, t, 18, 2)} ELSE 0 END ELSE 0 END`;
  const zone = zoneColumn;
  const zoneField = (from: number) => `coalesce(CAST(NULLIF(substr(replace(${zone}, ':', ''), ${from}, 2), '') AS ${dialect.types.bigint}), 0)`;
  const offset = `CASE WHEN ${zone} LIKE '-%' THEN -1 ELSE 1 END * (${zoneField(2)} * 3600 + ${zoneField(4)} * 60 + ${zoneField(6)})`;
  const fraction = fractionColumn;
  const fractionMs = `CASE WHEN ${fraction} = '' THEN 0 ELSE ${jsRoundSql(`(CAST('0.' || ${fraction} AS ${double}) * 1000)`)} END`;
  return `CAST(${days} * 86400 + ${clock} - ${offset} AS ${double}) * 1000\n      + ${fractionMs}`;
}
