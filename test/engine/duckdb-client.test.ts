import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DuckDbClient, removeFoldersOfEndedRuns, resolveDuckDbModule } from "../../src/engine/duckdb-client.js";
import { temporaryFolder } from "../helpers/packed-packages.js";

describe("DuckDbClient", () => {
  it("removes the temporary databases of runs whose process has ended (killed runs), and keeps those of running ones and other folders", () => {
    const temp = temporaryFolder("leadlift-stale-");
    try {
      const ended = spawnSync(process.execPath, ["-e", "0"]).pid as number;
      for (const name of [`leadlift-duckdb-${ended}-abc`, `leadlift-duckdb-${process.pid}-def`, "leadlift-duckdb-x", "other"]) {
        mkdirSync(join(temp.dir, name, "spill"), { recursive: true });
      }
      removeFoldersOfEndedRuns(temp.dir);
      expect(readdirSync(temp.dir).sort()).toEqual([`leadlift-duckdb-${process.pid}-def`, "leadlift-duckdb-x", "other"]);
    } finally {
      temp.remove();
    }
  });

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

  it("reads results of many chunks into typed arrays in row order, NULL as NaN or 0 in the chunks that have one", () => {
    const client = DuckDbClient.open({ memoryLimit: "256MB", threads: 1 });
    try {
      // 5,000 rows: three of DuckDB's 2,048-row chunks; NULLs in the first chunk only (j) or the last only (d).
      const result = client.query(
        `SELECT i::INTEGER AS i, CASE WHEN i >= 4096 AND i % 7 = 0 THEN NULL ELSE i / 4 END AS d, CASE WHEN i < 100 AND i % 3 = 0 THEN NULL ELSE (i * 2)::INTEGER END AS j, (i * 3)::BIGINT AS b, i::INTEGER AS f
         FROM range(5000) r(i) ORDER BY i`,
        ["i", "j"],
      );
      const rows = Array.from({ length: 5000 }, (_, i) => i);
      expect(result.i).toEqual(Int32Array.from(rows));
      expect(Array.from(result.d as Float64Array)).toEqual(rows.map((i) => (i >= 4096 && i % 7 === 0 ? Number.NaN : i / 4)));
      expect(result.j).toEqual(Int32Array.from(rows, (i) => (i < 100 && i % 3 === 0 ? 0 : i * 2)));
      expect(result.b).toEqual(Float64Array.from(rows, (i) => i * 3));
      // An INTEGER column not asked for as int32 is read as doubles.
      expect(result.f).toEqual(Float64Array.from(rows));
    } finally {
      client.close();
    }
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

  it("says how to install @duckdb/node-api when it cannot be resolved", () => {
    const missing = () => {
      throw Object.assign(new Error("Cannot find module '@duckdb/node-api'"), { code: "MODULE_NOT_FOUND" });
    };
    expect(() => resolveDuckDbModule(missing)).toThrowError(
      'The DuckDB engine needs the @duckdb/node-api package, which is not installed. Install it next to leadlift (npm install @duckdb/node-api), or set "engine": "in-process".',
    );
    expect(resolveDuckDbModule()).toMatch(/@duckdb[\\/]node-api/);
  });

  it("fails with an install hint, instead of waiting forever, when @duckdb/node-api is found but cannot load, and leaves no temporary database", () => {
    // E.g. node_modules copied from another platform: the package resolves, its native binding does not load.
    const temp = temporaryFolder("leadlift-duckdb-broken-");
    const broken = join(temp.dir, "broken-node-api.cjs");
    writeFileSync(broken, 'throw new Error("Cannot find module \'@duckdb/node-bindings-linux-x64/duckdb.node\'\\nRequire stack: ...");\n');
    const tmpdir = process.env.TMPDIR;
    process.env.TMPDIR = temp.dir;
    try {
      expect(() => DuckDbClient.open({ memoryLimit: "256MB", threads: 1 }, broken)).toThrowError(
        /^The DuckDB engine could not load @duckdb\/node-api \(Cannot find module '@duckdb\/node-bindings-linux-x64\/duckdb\.node'\)\. Reinstall it next to leadlift for this platform \(npm install @duckdb\/node-api\), or set "engine": "in-process"\.$/,
      );
      expect(readdirSync(temp.dir)).toEqual(["broken-node-api.cjs"]);
    } finally {
      if (tmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpdir;
      temp.remove();
    }
  }, 30_000);
});
