import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { assertOutputsSafe, openAtomicOutput, writeFileAtomic } from "../../src/io/safe-output.js";
import { writeTempFiles } from "../helpers/temp-files.js";

describe("assertOutputsSafe", () => {
  const files = writeTempFiles({ "leads.csv": "lead_id\nL1\n", "events.csv": "lead_id,action,occurred_at\n" });
  const { dir } = files;
  mkdirSync(join(dir, "sub"), { recursive: true });
  symlinkSync(files["leads.csv"], join(dir, "alias.csv"));
  const inputs = [{ flag: "--leads", path: files["leads.csv"] }, { flag: "--events", path: files["events.csv"] }];

  it.each([
    ["the same path", join(dir, "leads.csv"), /--out .*leads\.csv is the file given to --leads; writing it would destroy the input\./],
    ["another spelling (..)", join(dir, "sub", "..", "events.csv"), /is the file given to --events/],
    ["a symbolic link to an input", join(dir, "alias.csv"), /alias\.csv is the file given to --leads/],
    ["a directory", join(dir, "sub"), /--out .*sub: cannot write there \(it is a directory\)\./],
    ["a path under a file", join(dir, "leads.csv", "model.json"), /cannot write there \(a part of the path is a file, not a folder\)/],
  ])("refuses an output that is %s, as a usage error", async (_name, out, message) => {
    const check = assertOutputsSafe(inputs, [{ flag: "--out", path: out }]);
    await expect(check).rejects.toThrowError(UsageError);
    await expect(assertOutputsSafe(inputs, [{ flag: "--out", path: out }])).rejects.toThrowError(message);
    expect(readFileSync(files["leads.csv"], "utf8")).toBe("lead_id\nL1\n");
  });

  it("refuses two outputs that are the same file", async () => {
    const out = join(dir, "scores.csv");
    await expect(assertOutputsSafe(inputs, [{ flag: "--out", path: out }, { flag: "--issues", path: `${dir}/./scores.csv` }])).rejects.toThrowError(/--issues .*scores\.csv is the same file as --out/);
  });

  it("accepts a new file in a folder it creates, leaving no probe behind", async () => {
    await assertOutputsSafe(inputs, [{ flag: "--out", path: join(dir, "new", "model.json") }]);
    expect(readdirSync(join(dir, "new"))).toEqual([]);
  });
});

describe("atomic outputs", () => {
  it("replaces a file only once the new one is complete", async () => {
    const { dir } = writeTempFiles({ "model.json": "old" });
    const path = join(dir, "model.json");
    const output = await openAtomicOutput(path);
    await output.write("new");
    expect(readFileSync(path, "utf8")).toBe("old");
    await output.commit();
    expect(readFileSync(path, "utf8")).toBe("new");
    expect(readdirSync(dir)).toEqual(["model.json"]);
  });

  it("leaves the old file and no temporary file when the run fails", async () => {
    const { dir } = writeTempFiles({ "scores.csv": "old" });
    const path = join(dir, "scores.csv");
    const output = await openAtomicOutput(path);
    await output.write("half a file");
    await output.discard();
    expect(readFileSync(path, "utf8")).toBe("old");
    expect(readdirSync(dir)).toEqual(["scores.csv"]);
    await writeFileAtomic(path, "whole");
    expect(readFileSync(path, "utf8")).toBe("whole");
  });

  it.each([["SIGTERM", 143], ["SIGINT", 130]])("removes its temporary file when the process gets %s mid-write", (signal, code) => {
    const { dir } = writeTempFiles({ "model.json": "old" });
    const moduleUrl = new URL("../../src/io/safe-output.ts", import.meta.url).href;
    const script = `const { openAtomicOutput } = await import(${JSON.stringify(moduleUrl)});
const output = await openAtomicOutput(${JSON.stringify(join(dir, "model.json"))});
await output.write("partial");
process.kill(process.pid, ${JSON.stringify(signal)});
await new Promise((resolve) => setTimeout(resolve, 5000));`;
    const result = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
    expect(result.status, result.stderr).toBe(code);
    expect(readdirSync(dir)).toEqual(["model.json"]);
    expect(readFileSync(join(dir, "model.json"), "utf8")).toBe("old");
  });
});
