import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { fixtureFiles } from "../batch/crm-fixture.js";
import { handModel } from "../helpers/model-fixture.js";

function captureOutput() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...args) => void out.push(args.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...args) => void err.push(args.join(" ")));
  const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  return { out, err, stderrWrites: () => stderr.mock.calls.map((c) => String(c[0])).join("") };
}

afterEach(() => vi.restoreAllMocks());

describe("leadlift score", () => {
  const files = fixtureFiles();
  const model = join(files.dir, "model.json");
  writeFileSync(model, JSON.stringify(handModel()));
  const AT = ["--at", "2025-04-01T00:00:00Z"];

  it("streams Parquet leads and events, writes one row per lead row and accounts for every row", async () => {
    const io = captureOutput();
    const out = join(files.dir, "parquet-scores.csv");
    const issues = join(files.dir, "issues.csv");
    const code = await runCli(["score", "--model", model, "--leads", files.parquet.leads, "--events", files.parquet.events, "--out", out, "--issues", issues, ...AT]);
    expect(code).toBe(0);
    const lines = readFileSync(out, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("lead_id,account_id,score,fit,pain,probability,sdr_ready,segment,scored_at,reasons,error");
    expect(lines).toHaveLength(1 + 43);
    expect(io.out.join("\n")).toMatch(
      /^Scored 40 leads \(\d+ SDR-ready\), 3 error rows; 300 events used \(\d+ counted, \d+ at or after their lead's scoring moment\), 0 skipped, 4 rejected\. Wrote .*parquet-scores\.csv\. Wrote row issues to .*issues\.csv\.$/m,
    );
    expect(readFileSync(issues, "utf8").trimEnd().split("\n")).toHaveLength(1 + 3 + 4);
    expect(io.err.join("\n")).toMatch(/\[rejected\] events\.parquet row 201, column "occurred_at": expected an ISO date, got "yesterday"\./);
  });

  it("draws no progress bar when stderr is not a terminal", async () => {
    const io = captureOutput();
    expect(process.stderr.isTTY).toBeFalsy();
    await runCli(["score", "--model", model, "--leads", files.csv.leads, "--events", files.csv.events, "--out", join(files.dir, "quiet.csv"), ...AT]);
    expect(io.stderrWrites()).toBe("");
    expect(io.err.join("\n")).not.toMatch(/rows\/s/);
  });

  it("keeps --accounts and --segments working on streamed input", async () => {
    const io = captureOutput();
    const segments = join(files.dir, "segments.json");
    writeFileSync(segments, JSON.stringify([{ name: "new" }, { name: "warm", from: 20 }, { name: "hot", from: 40 }]));
    const out = join(files.dir, "segmented.jsonl");
    const accounts = join(files.dir, "accounts.csv");
    const code = await runCli(["score", "--model", model, "--leads", files.jsonl.leads, "--events", files.jsonl.events, "--out", out, "--segments", segments, "--accounts", accounts, ...AT]);
    expect(code).toBe(0);
    const rows = readFileSync(out, "utf8").trimEnd().split("\n").map((line) => JSON.parse(line));
    for (const row of rows.filter((r) => r.score !== null)) expect(row.segment).toBe(row.score >= 40 ? "hot" : row.score >= 20 ? "warm" : "new");
    const accountLines = readFileSync(accounts, "utf8").trimEnd().split("\n");
    expect(accountLines[0]).toBe("account_id,score,leads,sdr_ready_leads,top_leads,sdr_ready");
    expect(accountLines.length - 1).toBe(8);
    expect(io.out.join("\n")).toMatch(/Rolled up 8 accounts \(\d+ SDR-ready\); 8 leads have no account\./);
  });

  it.each([
    ["a bad --at", ["--at", "tomorrow"], /Option "--at" must be an ISO 8601 date such as 2025-03-01T00:00:00Z\. Got "tomorrow"\./],
    ["a bad --account-method", ["--account-method", "sum"], /Option "--account-method" must be one of top-k-sum, max, mean\. Got "sum"\./],
    ["an accounts file it cannot write", ["--accounts", "accounts.xlsx"], /accounts\.xlsx: expected a \.csv or \.jsonl output file, got "\.xlsx"\./],
    ["an output path that is the leads file", ["--issues", "LEADS"], /--issues .*leads\.csv is the file given to --leads; writing it would destroy the input\./],
  ])("exits 2 (usage) on %s before reading any input", async (_name, flags, message) => {
    const io = captureOutput();
    const leads = join(files.dir, "leads.csv");
    writeFileSync(leads, "lead_id\nL1\n");
    const code = await runCli(["score", "--model", model, "--leads", leads, "--out", join(files.dir, "x.csv"), ...flags.map((f) => (f === "LEADS" ? leads : f))]);
    expect(code).toBe(2);
    expect(readFileSync(leads, "utf8")).toBe("lead_id\nL1\n");
    expect(io.err.join("\n")).toMatch(message);
  });
});
