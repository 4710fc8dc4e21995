import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from "@duckdb/node-api";

/** A row of text cells (null: SQL NULL), keyed by column name. */
export type TextRow = Readonly<Record<string, string | null>>;

/** An in-memory DuckDB database for tests, with small helpers. */
export interface TestDatabase {
  readonly connection: DuckDBConnection;
  /** Rows as plain JS values (DOUBLE → number, BOOLEAN → boolean, VARCHAR → string). */
  query(sql: string, params?: Record<string, DuckDBValue>): Promise<Record<string, unknown>[]>;
  /** (Re)creates `name` with VARCHAR `columns` and appends `rows` cell by cell (no SQL text involved). */
  createTextTable(name: string, columns: readonly string[], rows: readonly TextRow[]): Promise<void>;
  close(): void;
}

/** Opens a fresh in-memory DuckDB database. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const instance = await DuckDBInstance.create(":memory:");
  const connection = await instance.connect();
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
  return {
    connection,
    async query(sql, params) {
      const reader = await connection.runAndReadAll(sql, params);
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    },
    async createTextTable(name, columns, rows) {
      await connection.run(`CREATE OR REPLACE TABLE ${quote(name)} (${columns.map((c) => `${quote(c)} VARCHAR`).join(", ")})`);
      const appender = await connection.createAppender(name);
      for (const row of rows) {
        for (const column of columns) {
          const value = row[column];
          if (value === null || value === undefined) appender.appendNull();
          else appender.appendVarchar(value);
        }
        appender.endRow();
      }
      appender.closeSync();
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}
