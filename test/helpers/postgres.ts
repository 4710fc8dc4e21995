import pg from "pg";
import type { TextRow } from "./duckdb.js";

/**
 * A connection to the throwaway PostgreSQL server that `scripts/with-postgres.sh`
 * starts (`npm run test:postgres`), in a schema of its own, so test files
 * running side by side cannot see each other's tables.
 */
export interface TestPostgres {
  readonly client: pg.Client;
  /** Rows as plain JS values (DOUBLE PRECISION → number, BOOLEAN → boolean, TEXT → string). */
  query(sql: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  /** (Re)creates `name` with TEXT `columns` and inserts `rows` as parameters (no SQL text from the data). */
  createTextTable(name: string, columns: readonly string[], rows: readonly TextRow[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Connects to the server named by PGHOST/PGPORT/PGUSER/PGDATABASE.
 * @throws Error saying how to run the tests when no server was started for them (never a silent skip).
 */
export async function openTestPostgres(): Promise<TestPostgres> {
  if (!process.env.PGHOST) {
    throw new Error("No PostgreSQL server for this test: run it with `npm run test:postgres` (scripts/with-postgres.sh starts one and sets PGHOST).");
  }
  const client = new pg.Client();
  await client.connect();
  const schema = `test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  return {
    client,
    async query(sql, params) {
      const result = await client.query({ text: sql, values: params ? [...params] : undefined });
      return result.rows as Record<string, unknown>[];
    },
    async createTextTable(name, columns, rows) {
      await client.query(`DROP TABLE IF EXISTS ${quote(name)} CASCADE`);
      await client.query(`CREATE TABLE ${quote(name)} (${columns.map((c) => `${quote(c)} TEXT`).join(", ")})`);
      // Batches below PostgreSQL's 65,535 parameters per statement.
      const batch = Math.max(1, Math.floor(30_000 / columns.length));
      for (let start = 0; start < rows.length; start += batch) {
        const chunk = rows.slice(start, start + batch);
        const values = chunk.map((_, r) => `(${columns.map((_, c) => `$${r * columns.length + c + 1}`).join(", ")})`);
        const params = chunk.flatMap((row) => columns.map((column) => row[column] ?? null));
        await client.query(`INSERT INTO ${quote(name)} (${columns.map(quote).join(", ")}) VALUES ${values.join(", ")}`, params);
      }
    },
    async close() {
      await client.query(`DROP SCHEMA ${schema} CASCADE`);
      await client.end();
    },
  };
}
