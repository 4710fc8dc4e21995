import { duckdbDialect } from "../../src/sql/dialects/duckdb.js";
import { postgresDialect } from "../../src/sql/dialects/postgres.js";
import type { SqlDialect } from "../../src/sql/dialects/sql-dialect.js";
import { openTestDatabase } from "./duckdb.js";
import { openTestPostgres } from "./postgres.js";

/** Evaluates SQL expressions of one dialect over a column of texts, in a real engine. */
export interface SqlEvaluator {
  readonly dialect: SqlDialect;
  /** Whether text cells can hold U+0000 (PostgreSQL's cannot). */
  readonly holdsNul: boolean;
  /** `expression(column)` for each text (the column holds it), results in order, as JS values. */
  evaluate(texts: readonly string[], expression: (column: string) => string): Promise<unknown[]>;
  /** One row of a query. */
  row(sql: string): Promise<Record<string, unknown>>;
  /** A statement without result (SET …). */
  run(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** DuckDB in memory. */
export async function openDuckdbEvaluator(): Promise<SqlEvaluator> {
  const db = await openTestDatabase();
  return {
    dialect: duckdbDialect,
    holdsNul: true,
    async evaluate(texts, expression) {
      await db.createTextTable("corpus", ["i", "t"], texts.map((t, i) => ({ i: String(i), t })));
      // Text results come back behind a "|" and without it: the node API decodes text with TextDecoder, which drops a leading U+FEFF.
      const rows = await db.query(`SELECT CASE WHEN typeof(v) = 'VARCHAR' THEN '|' || CAST(v AS VARCHAR) END AS text, v FROM (SELECT ${expression("t")} AS v, i FROM corpus) AS evaluated ORDER BY CAST(i AS INTEGER)`);
      return rows.map((row) => (typeof row.text === "string" ? row.text.slice(1) : row.v));
    },
    async row(sql) {
      return (await db.query(sql))[0];
    },
    async run(sql) {
      await db.connection.run(sql);
    },
    async close() {
      db.close();
    },
  };
}

/** The PostgreSQL server of `npm run test:postgres`. */
export async function openPostgresEvaluator(): Promise<SqlEvaluator> {
  const db = await openTestPostgres();
  return {
    dialect: postgresDialect,
    holdsNul: false,
    async evaluate(texts, expression) {
      await db.createTextTable("corpus", ["i", "t"], texts.map((t, i) => ({ i: String(i), t })));
      const rows = await db.query(`SELECT ${expression("t")} AS v FROM corpus ORDER BY CAST(i AS INTEGER)`);
      return rows.map((row) => row.v);
    },
    async row(sql) {
      return (await db.query(sql))[0];
    },
    async run(sql) {
      await db.query(sql);
    },
    close: () => db.close(),
  };
}
