import { describe, expect, it } from "vitest";
import { parseConfig, withOverrides } from "../../src/config/load-config.js";

describe("parseConfig", () => {
  it("fills every option with its documented default", () => {
    const config = parseConfig({});
    expect(config.training).toMatchObject({
      observationWindowDays: 90,
      minLiftPoints: 5,
      maxActions: 20,
      significanceLevel: 0.05,
      targetCloseRate: { min: 0.1, max: 0.15 },
    });
    expect(config.outcomes.missing).toBe("open");
    expect(config.training.vanityCategories).toEqual(["email", "web"]);
  });

  it("names the offending key and what was expected", () => {
    expect(() => parseConfig({ training: { minLiftPoints: -5 } })).toThrowError(/training\.minLiftPoints: Too small/);
  });

  it("rejects unknown keys so typos do not silently fall back to defaults", () => {
    expect(() => parseConfig({ training: { minLiftPoint: 3 } })).toThrowError(/Unrecognized key: "minLiftPoint"/);
  });

  it("rejects a target band whose min is not below its max", () => {
    expect(() => parseConfig({ training: { targetCloseRate: { min: 0.2, max: 0.1 } } })).toThrowError(/min must be below max/);
  });

  it("overlays CLI overrides without losing other settings", () => {
    const config = parseConfig({ training: { maxActions: 7 } });
    const merged = withOverrides(config, { training: { minLiftPoints: 3 } });
    expect(merged.training.maxActions).toBe(7);
    expect(merged.training.minLiftPoints).toBe(3);
  });

  it("defaults to the automatic engine choice and validates DuckDB's memory limit", () => {
    expect(parseConfig({})).toMatchObject({ engine: "auto", duckdb: { memoryLimit: "1.5GB", threads: null, autoFromBytes: { text: null, parquet: 30_000_000 } } });
    expect(() => parseConfig({ engine: "spark" })).toThrowError(/engine: Invalid option: expected one of "auto"\|"in-process"\|"duckdb"/);
    expect(() => parseConfig({ duckdb: { memoryLimit: "lots" } })).toThrowError(/duckdb\.memoryLimit: a size like "1\.5GB"/);
    expect(withOverrides(parseConfig({ duckdb: { threads: 2 } }), { engine: "duckdb" })).toMatchObject({ engine: "duckdb", duckdb: { threads: 2 } });
  });
});
