import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { writeTempFiles } from "../helpers/temp-files.js";

afterEach(() => vi.restoreAllMocks());

describe("leadlift simulate", () => {
  it("writes a trigger-regime export with truth.json and truth-leads.csv at the requested base rate", async () => {
    const out: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...args) => void out.push(args.join(" ")));
    const { dir } = writeTempFiles({});
    const code = await runCli(["simulate", "--leads", "2000", "--seed", "4", "--regime", "trigger", "--base-close-rate", "0.08", "--span-days", "200", "--out", dir]);
    expect(code).toBe(0);
    expect(out.join("\n")).toMatch(/Simulated 2000 leads, \d+ events \(regime trigger, seed 4\)\. Wrote .*truth-leads\.csv\./);
    const truth = JSON.parse(readFileSync(join(dir, "truth.json"), "utf8"));
    expect(truth).toMatchObject({ regime: "trigger", seed: 4, baseCloseRate: 0.08, spanDays: 200 });
    const lines = readFileSync(join(dir, "truth-leads.csv"), "utf8").trim().split("\n");
    expect(lines[0]).toBe("lead_id,probability");
    expect(lines).toHaveLength(2001);
    expect(lines[1]).toMatch(/^L000001,0\.\d{6}$/);
    const mean = lines.slice(1).reduce((s, line) => s + Number(line.split(",")[1]), 0) / 2000;
    expect(mean).toBeCloseTo(0.08, 3);
  });

  it("exits 2 naming the allowed regimes, and 1 when a regime-only option is given to the classic world", async () => {
    const errors: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      errors.push(String(chunk));
      return true;
    });
    vi.spyOn(console, "error").mockImplementation((...args) => void errors.push(args.join(" ")));
    const { dir } = writeTempFiles({});
    expect(await runCli(["simulate", "--regime", "weekly", "--out", dir])).toBe(2);
    expect(errors.join("")).toMatch(/expected one of classic, exposure, trigger, got "weekly"/);
    expect(await runCli(["simulate", "--leads", "10", "--base-close-rate", "0.1", "--out", dir])).toBe(1);
    expect(errors.join("")).toMatch(/Option "baseCloseRate" applies to the "exposure" and "trigger" regimes only/);
  });
});
