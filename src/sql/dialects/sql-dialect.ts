/**
 * The operations a generated query needs whose spelling differs between SQL
 * engines. A generator (the scoring query in `src/sql`, or any other query
 * plan) writes its plan once in portable SQL — CTEs, CASE, COALESCE, NULLIF,
 * `||`, `substr`, `replace`, `translate`, `upper`/`lower`, `floor`/`ceil`,
 * `greatest`, window `lag`/`max`, GROUP BY, LEFT JOIN on equality, LIKE —
 * and asks the dialect for everything else: quoting, literals, type names,
 * regular expressions, the text of an instant, arithmetic that has no
 * common name, raising an error, reading optional columns, the parameter.
 *
 * Nothing here knows about scoring: a dialect is a table of spellings,
 * usable by any query generator (e.g. training statistics).
 *
 * ## Regular expressions
 * Patterns handed to `regexFullMatch`, `regexContains` and `regexRemoveAll`
 * must keep to the subset every engine reads the same way: RE2
 * (DuckDB, BigQuery), PostgreSQL's ARE, Java (Spark SQL) and POSIX ERE
 * (Snowflake). That is: literal ASCII characters, `\.`-style escapes of ASCII
 * punctuation, bracket classes `[…]`/`[^…]` with ranges, `^ $ | ( ) ? * + {m,n}`,
 * and any other character through `regexChar`. Not allowed: `\b \d \s \w`,
 * non-capturing groups, lookaround, lazy quantifiers, flags. A pattern whose
 * matches are removed (`regexRemoveAll`) must be unambiguous, so that POSIX's
 * leftmost-longest rule and the others' leftmost-first rule remove the same
 * text. (No capture groups are read: PostgreSQL places a capture group many
 * times slower than it finds a match.)
 */
export interface SqlDialect {
  /** The `--dialect` value: "duckdb", "postgres", … */
  readonly name: SqlDialectName;
  /** The engine's name for headers and messages: "DuckDB", "PostgreSQL", … */
  readonly title: string;

  /** `name` as a delimited identifier (case kept). @throws LeadliftError "sql-unexpressible". */
  identifier(name: string): string;
  /** A table name, each dot-separated part quoted (`crm.leads` → `"crm"."leads"`). */
  tableName(name: string): string;
  /** `text` as a string literal that reads back as exactly `text`. @throws LeadliftError "sql-unexpressible". */
  string(text: string): string;

  /** Type names for CAST. */
  readonly types: { readonly text: string; readonly double: string; readonly bigint: string; readonly integer: string };

  /** A pattern fragment matching exactly the character `codePoint` (inside or outside a bracket class). */
  regexChar(codePoint: number): string;
  /** Boolean: the whole of `text` matches `pattern` (NULL for NULL text). */
  regexFullMatch(text: string, pattern: string): string;
  /** Boolean: some part of `text` matches `pattern`. */
  regexContains(text: string, pattern: string): string;
  /** `text` with every (non-overlapping, leftmost) match of `pattern` removed. */
  regexRemoveAll(text: string, pattern: string): string;

  /** A one-character text expression for `codePoint`. */
  char(codePoint: number): string;
  /** The remainder of integer `dividend` by positive integer `divisor` (sign of the dividend). */
  mod(dividend: string, divisor: string): string;
  /** `base` raised to `exponent`, both DOUBLE (the engine's `pow`; not always bit-identical to JavaScript's). */
  power(base: string, exponent: string): string;
  /**
   * A text expression that stops the query with `message` (a text
   * expression) when evaluated. Used only inside a CASE branch whose
   * condition depends on a row, so it is never evaluated for good rows.
   */
  raiseError(message: string): string;

  /**
   * DOUBLE for text already known to match JavaScript's decimal grammar
   * (`[+-]?(digits[.digits]|.digits)([eE][+-]?digits)?`): the correctly
   * rounded value, or NULL when it is not finite.
   */
  finiteDouble(decimalText: string): string;
  /**
   * DOUBLE for text known to be `0x…`, `0b…` or `0o…` (JavaScript's
   * non-decimal integer literals): its value, or NULL when the dialect
   * cannot read it (each dialect documents its range).
   */
  nonDecimalDouble(prefixedText: string): string;

  /** Text of a column holding an instant of any type (text, DATE, TIMESTAMP…), in a form carrying its zone offset when it has one. */
  instantText(value: string): string;
  /** Text of a cell of any type (profile cells, ids). */
  cellText(value: string): string;

  /**
   * How to read a table in which some columns may be absent:
   * `from` is the FROM item (aliased `alias`), `column(name)` the
   * expression for a column by name — NULL where an optional column is
   * missing, when the dialect can tell (`optionalColumnsMayBeAbsent`).
   */
  readTable(table: string, alias: string, optionalColumns: readonly string[]): TableRead;
  /** Whether optional columns may be absent from the table (else they must exist, e.g. as NULL columns of a view). */
  readonly optionalColumnsMayBeAbsent: boolean;

  /**
   * What follows a CTE's name: "AS", or "AS MATERIALIZED" where the engine
   * would otherwise inline each CTE into the next and copy every expression
   * a later column refers to (PostgreSQL: the query grows exponentially with
   * the chain of computed columns).
   */
  readonly cteAs: string;

  /** The set union that drops duplicate rows: "UNION" (BigQuery requires "UNION DISTINCT"). */
  readonly unionDistinct: string;
  /**
   * An aggregate: the non-NULL integer values of `column` in the group, in
   * ascending numeric order, as text joined by "," ("" when there are none)
   * — a set of design columns that every engine can group and join on
   * (BigQuery cannot group by an array).
   */
  sortedIntegerList(column: string): string;

  /** The query parameter holding the scoring moment: its name, the expression reading it (typed where the engine needs it), how to bind it. */
  readonly momentParameter: { readonly name: string; readonly expression: string; readonly howToBind: string };
}

/** A table read through `SqlDialect.readTable`. */
export interface TableRead {
  readonly from: string;
  column(name: string): string;
}

/** Dialect names, in the order the CLI lists them; the first is the default. */
export const SQL_DIALECT_NAMES = ["duckdb", "postgres", "bigquery", "snowflake", "spark"] as const;
export type SqlDialectName = (typeof SQL_DIALECT_NAMES)[number];
