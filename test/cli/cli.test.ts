import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { describeFailure, runCli } from "../../src/cli/run-cli.js";
import { validateModel } from "../../src/model/export-model.js";
import { writeTempFiles } from "../helpers/temp-files.js";
import { captureOutput } from "../helpers/capture-output.js";

afterEach(() => vi.restoreAllMocks());

describe("leadlift CLI", () => {
  const { dir } = writeTempFiles({});

  it("simulates, trains, writes a valid model and prints the summary", async () => {
    const io = captureOutput();
    expect(await runCli(["simulate", "--leads", "3000", "--seed", "3", "--out", dir])).toBe(0);
    const modelPath = join(dir, "model.json");
    const code = await runCli([
      "train", "--leads", join(dir, "leads.csv"), "--events", join(dir, "events.csv"), "--outcomes", join(dir, "outcomes.csv"), "--out", modelPath,
    ]);
    expect(io.err.join("\n")).toBe("");
    expect(code).toBe(0);
    const model = JSON.parse(readFileSync(modelPath, "utf8"));
    expect(validateModel(model)).toEqual([]);
    const summary = io.out.join("\n");
    expect(summary).toMatch(/Actions kept \(\d+ of \d+\)/);
    expect(summary).toMatch(/demo_request +\+\d+/);
    expect(summary).toMatch(/SDR-ready threshold: /);
    expect(summary).toMatch(/sales_call +: no lift: no training lead has it/);
  });

  it("scores one output row for every input lead, rejected ones as error rows", async () => {
    const io = captureOutput();
    const leads = readFileSync(join(dir, "leads.csv"), "utf8").trimEnd().split("\n");
    const broken = [...leads, "BAD1,not-a-date,,,,,,", leads[1]].join("\n") + "\n";
    const files = writeTempFiles({ "leads.csv": broken });
    const out = join(dir, "scores.csv");
    const code = await runCli(["score", "--model", join(dir, "model.json"), "--leads", files["leads.csv"], "--events", join(dir, "events.csv"), "--out", out, "--at", "2025-07-01T00:00:00Z"]);
    expect(code).toBe(0);
    const rows = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(rows[0]).toBe("lead_id,account_id,score,fit,pain,probability,sdr_ready,segment,scored_at,reasons,error");
    expect(rows).toHaveLength(1 + leads.length - 1 + 2);
    expect(rows.filter((r) => r.includes('expected an ISO date, got ""not-a-date""'))).toHaveLength(1);
    expect(rows.filter((r) => r.includes("already appears at row 2"))).toHaveLength(1);
    expect(io.out.join("\n")).toMatch(/Scored 3000 leads/);
  });

  it("exits 1 with the file's missing columns named", async () => {
    const io = captureOutput();
    const files = writeTempFiles({ "leads.csv": "id,created\nx,2024-01-01\n" });
    const code = await runCli(["train", "--leads", files["leads.csv"], "--out", join(dir, "x.json")]);
    expect(code).toBe(1);
    expect(io.err.join("\n")).toMatch(/leads\.csv is missing columns: lead_id\. Found: id, created\./);
  });

  it("exits 2 on bad usage and explains a bad band", async () => {
    captureOutput();
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await runCli(["train", "--leads", "x.csv"])).toBe(2);
    expect(await runCli(["train", "--leads", "x.csv", "--out", "m.json", "--target-close-rate", "15-10"])).toBe(2);
    expect(stderr.mock.calls.map((c) => String(c[0])).join("")).toMatch(/expected two close rates between 0 and 1 like 0\.10-0\.15, got "15-10"/);
  });
});

describe("the CLI error boundary", () => {
  it("shows each default once in help", async () => {
    const lines: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    expect(await runCli(["serve", "--help"])).toBe(0);
    write.mockRestore();
    const help = lines.join("");
    expect(help).toContain("(default: 8080)");
    expect(help).not.toMatch(/\(default \d+\)/);
  });

  it("turns an unexpected failure into one line, and shows the stack only with --debug", () => {
    const failure = describeFailure(new TypeError("x.at is not a function"));
    expect(failure).toEqual({ code: 1, message: "unexpected failure: x.at is not a function (run again with --debug for the stack trace, and report it)." });
    const system = Object.assign(new Error("EACCES: permission denied, open '/x/model.json'"), { code: "EACCES", syscall: "open", path: "/x/model.json" });
    expect(describeFailure(system)).toEqual({ code: 1, message: "cannot open /x/model.json: permission denied." });
  });

  it("prints the stack trace of a failure with --debug", async () => {
    const errors: string[] = [];
    const code = await runCli(["score", "--model", "/nonexistent/model.json", "--leads", "x.csv", "--out", "y.csv", "--debug"], { error: (line) => errors.push(line) });
    expect(code).toBe(1);
    expect(errors[0]).toMatch(/^leadlift: Cannot read model \/nonexistent\/model\.json/);
    expect(errors[1]).toMatch(/^LeadliftError: .*\n\s+at /);
  });
});
