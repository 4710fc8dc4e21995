import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DuckDbClient } from "../../src/engine/duckdb-client.js";

describe("DuckDbClient", () => {
  it("answers synchronously with typed columns, takes tables from typed arrays, and removes its database on close", () => {
    const client = DuckDbClient.open({ memoryLimit: "256MB", threads: 1 });
    const folder = (client as unknown as { folder: string }).folder;
    try {
      client.createTable("t", {
        lead: { type: "INTEGER", values: Int32Array.of(0, 1, 2) },
        v: { type: "DOUBLE", values: Float64Array.of(1.5, Number.NaN, 3) },
        name: { type: "VARCHAR", values: ["a", null, "c"] },
      });
      const result = client.query("SELECT lead, v * 2 AS twice, name, count(*) OVER () AS n FROM t ORDER BY lead", ["lead"]);
      expect(result.lead).toEqual(Int32Array.of(0, 1, 2));
      expect(Array.from(result.twice as Float64Array)).toEqual([3, Number.NaN, 6]);
      expect(result.name).toEqual(["a", null, "c"]);
      expect(Array.from(result.n as Float64Array)).toEqual([3, 3, 3]);
      expect(existsSync(folder)).toBe(true);
    } finally {
      client.close();
    }
    expect(existsSync(folder)).toBe(false);
  });

  it("turns a failing statement into a LeadliftError with DuckDB's message, and refuses calls once closed", () => {
    const client = DuckDbClient.open({ memoryLimit: "256MB", threads: 1 });
    try {
      expect(() => client.query("SELECT missing_column")).toThrowError(/^DuckDB: Binder Error: Referenced column "missing_column" was not found/);
    } finally {
      client.close();
    }
    expect(() => client.run("SELECT 1")).toThrowError(/The DuckDB engine of this export was closed\./);
  });
});
