import {
  compileProfileTransform,
  FREE_MAIL_DOMAINS,
  MISSING_VALUE,
  OTHER_VALUE,
  SENIORITY_PATTERNS,
  type ProfileTransform,
  type Seniority,
} from "leadlift-runtime/internal";
import type { SqlDialect } from "./dialects/sql-dialect.js";
import { asciiLowerSql, jsFiniteNumberSql, jsTrimSql, lowercaseInSql } from "./js-equivalents.js";
import { doubleLiteral } from "./sql-literals.js";

/**
 * The runtime's title patterns (`derive-profile.ts`), most senior first,
 * without their `i` flag: titles are lowercased with `asciiLowerSql` before
 * matching, which is exactly what `/…/i` without the `u` flag does. The
 * sources are the runtime's own patterns, so the two cannot part.
 */
export const SENIORITY_PATTERN_SOURCES: ReadonlyArray<readonly [Seniority, string]> = SENIORITY_PATTERNS.map(([level, pattern]) => [level, pattern.source] as const);

/** JavaScript's `\w` without the `u` flag: ASCII letters, digits and underscore. */
const ASCII_WORD = "A-Za-z0-9_";

/**
 * The title patterns in the regular-expression subset every dialect reads
 * alike: `\b(alternatives)\b` becomes `(^|[^\w])(alternatives)([^\w]|$)`
 * with `\w` spelled as ASCII. Every alternative starts and ends with a word
 * character, so a boundary there is exactly "no word character on the other
 * side" — JavaScript's ASCII `\b`, which PostgreSQL (`\y`), Java and POSIX
 * engines would otherwise read with Unicode word characters or not at all.
 * @throws Error if a runtime pattern no longer has that shape (a test runs this).
 */
export const SENIORITY_SQL_PATTERNS: ReadonlyArray<readonly [Seniority, string]> = SENIORITY_PATTERN_SOURCES.map(([level, source]) => {
  const match = /^\\b\(([a-z |\-[\]]+)\)\\b$/.exec(source);
  const alternatives = match?.[1].split("|") ?? [];
  if (!match || !alternatives.every((word) => /^[a-z].*[a-z]$/.test(word))) throw new Error(`Seniority pattern ${source} is not \\b(word|…)\\b`);
  return [level, `(^|[^${ASCII_WORD}])(${match[1]})([^${ASCII_WORD}]|$)`] as const;
});

/**
 * A profile value in three steps, each a column of its own CTE so that no
 * long expression is repeated: `inputs` computes helper columns from the
 * cleaned cell, `numbers` parses numbers from them, `value` gives the
 * derived value — always the runtime's string for the same cell.
 */
export interface ProfileValueSql {
  readonly inputs: ReadonlyArray<readonly [alias: string, sql: string]>;
  readonly numbers: ReadonlyArray<readonly [alias: string, sql: string]>;
  readonly value: string;
}

/**
 * SQL deriving `transform`'s value from `cell`, a column holding the cell
 * as the runtime cleans it (text, trimmed, "" for empty). `prefix` names the
 * helper columns.
 */
export function profileValueSql(dialect: SqlDialect, transform: ProfileTransform, cell: string, prefix: string): ProfileValueSql {
  const stringLiteral = dialect.string;
  const missing = stringLiteral(MISSING_VALUE);
  switch (transform.kind) {
    case "category": {
      const known = transform.levels.length === 0 ? "1 = 0" : `${cell} IN (${transform.levels.map(stringLiteral).join(", ")})`;
      return { inputs: [], numbers: [], value: `CASE WHEN ${cell} = '' THEN ${missing} WHEN ${known} THEN ${cell} ELSE ${stringLiteral(OTHER_VALUE)} END` };
    }
    case "numeric-band":
    case "size-band": {
      const numberText = `${prefix}_number_text`;
      const number = `${prefix}_number`;
      return {
        // The runtime drops commas and spaces ("1,000", "1 000"); Number() then trims what is left.
        inputs: [[numberText, jsTrimSql(dialect, `replace(replace(${cell}, ',', ''), ' ', '')`)]],
        numbers: [[number, jsFiniteNumberSql(dialect, numberText)]],
        value: [
          `CASE WHEN ${cell} = '' OR ${number} IS NULL THEN ${missing}`,
          ...transform.edges.map((edge) => `WHEN ${number} <= ${doubleLiteral(dialect, edge)} THEN ${stringLiteral(bandLabelOf(transform, edge))}`),
          `ELSE ${stringLiteral(bandLabelOf(transform, Number.MAX_VALUE))} END`,
        ].join(" "),
      };
    }
    case "email-domain": {
      const domain = `${prefix}_domain`;
      return {
        // After the last "@" (everything up to it removed); "" when there is none or nothing follows it.
        inputs: [[domain, `CASE WHEN ${cell} LIKE '%@%' THEN ${dialect.regexRemoveAll(cell, "^([^@]*@)+")} ELSE '' END`]],
        numbers: [],
        value: `CASE WHEN ${domain} = '' THEN ${missing} WHEN ${lowercaseInSql(dialect, domain, FREE_MAIL_DOMAINS)} THEN 'free-mail' ELSE 'business' END`,
      };
    }
    case "seniority": {
      const title = `${prefix}_title`;
      const levels = SENIORITY_SQL_PATTERNS.map(([level, pattern]) => `WHEN ${dialect.regexContains(title, pattern)} THEN ${stringLiteral(level)}`);
      return {
        inputs: [[title, asciiLowerSql(dialect, cell)]],
        numbers: [],
        value: [`CASE WHEN ${cell} = '' THEN ${missing}`, ...levels, "ELSE 'individual' END"].join(" "),
      };
    }
    case "target-account":
      return {
        inputs: [],
        numbers: [],
        value: `CASE WHEN ${cell} <> '' AND ${lowercaseInSql(dialect, cell, transform.accounts)} THEN 'yes' ELSE 'no' END`,
      };
  }
}

/**
 * The runtime's label for the band a number falls in, obtained from the
 * runtime transform itself (`String(edge)` reads back as exactly `edge`), so
 * labels cannot drift from it. A band that no number can reach (edges out
 * of order) gets some label, but its SQL branch never fires either.
 */
function bandLabelOf(transform: ProfileTransform, value: number): string {
  return compileProfileTransform(transform)(String(value));
}
