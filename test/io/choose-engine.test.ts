import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { chooseEngine } from "../../src/io/load-crm.js";
import { temporaryFolder } from "../helpers/packed-packages.js";

describe("chooseEngine", () => {
  const temp = temporaryFolder("leadlift-engine-choice-");
  afterAll(() => temp.remove());
  const file = (name: string, bytes: number) => {
    const path = join(temp.dir, name);
    writeFileSync(path, Buffer.alloc(bytes, 97));
    return path;
  };

  it("picks DuckDB for events files at least as large as the size rule, Parquet and text apart, and in-process below", async () => {
    const config = parseConfig({ duckdb: { autoFromBytes: { text: 1000, parquet: 100 } } });
    expect(await chooseEngine(file("small.csv", 999), config)).toBe("in-process");
    expect(await chooseEngine(file("large.csv", 1000), config)).toBe("duckdb");
    expect(await chooseEngine(file("small.parquet", 99), config)).toBe("in-process");
    expect(await chooseEngine(file("large.parquet", 100), config)).toBe("duckdb");
  });

  it("never picks DuckDB for CSV or JSON Lines by default, whatever their size (leadlift's reader reads them either way)", async () => {
    const config = parseConfig({ duckdb: { autoFromBytes: { parquet: 100 } } });
    expect(await chooseEngine(file("huge.csv", 5000), config)).toBe("in-process");
    expect(await chooseEngine(file("huge.jsonl", 5000), config)).toBe("in-process");
    expect(await chooseEngine(file("large2.parquet", 100), config)).toBe("duckdb");
  });

  it("keeps the configured engine whatever the size", async () => {
    expect(await chooseEngine(file("tiny.csv", 10), parseConfig({ engine: "duckdb" }))).toBe("duckdb");
    expect(await chooseEngine(file("huge.csv", 2000), parseConfig({ engine: "in-process", duckdb: { autoFromBytes: { text: 1000, parquet: 100 } } }))).toBe("in-process");
  });
});
