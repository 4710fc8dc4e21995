import { mkdirSync, readdirSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { TABLE_PREFIX_RULE, trainingQueries } from "../../src/engine/training-queries.js";
import { openTestDatabase } from "../helpers/duckdb.js";
import { writeTempFiles } from "../helpers/temp-files.js";
import { captureOutput } from "../helpers/capture-output.js";

afterEach(() => vi.restoreAllMocks());

describe("leadlift train-sql", () => {
  it("writes one numbered .sql file per statement, in order, and a README.md manifest naming them", async () => {
    const io = captureOutput();
    const { dir } = writeTempFiles({});
    const out = join(dir, "stats");
    expect(await runCli(["train-sql", "--out", out, "--dialect", "postgres"])).toBe(0);
    const queries = trainingQueries({ dialect: "postgres" });
    const names = [
      "01-action_order.sql", "02-action_categories.sql", "03-features.sql", "04-lead_action_features.sql", "05-event_totals.sql", "06-at_risk_totals.sql", "07-landmark_groups.sql",
      "08-design_segments.sql", "09-design_patterns.sql", "10-patterns.sql", "11-design_totals.sql", "12-segment_patterns.sql", "13-cluster_meat.sql",
    ];
    expect(readdirSync(out).sort()).toEqual([...names, "README.md"].sort());
    names.forEach((name, k) => {
      const text = readFileSync(join(out, name), "utf8");
      expect(text.startsWith(`-- leadlift training statistics (PostgreSQL), statement ${k + 1} of ${queries.length}: ${queries[k].name}\n`)).toBe(true);
      expect(text.endsWith(`\n${queries[k].sql}\n`)).toBe(true);
    });
    const manifest = readFileSync(join(out, "README.md"), "utf8");
    const listed = [...manifest.matchAll(/^\| (\d\d-[a-z_]+\.sql) \|/gm)].map((m) => m[1]);
    expect(listed).toEqual(names);
    expect(manifest).toContain("multiply every `m` by scale²");
    // The engine's numbering (src/engine/duckdb-engine.ts, meat): the intercept is j = 0, design column c is j = c + 1.
    expect(manifest).toContain("`ll_pattern_columns`(p, j), one row per column of each pattern, numbered as the coefficients β: j = 0 for the intercept (a row for every pattern) and j = c + 1 for design column c");
    expect(manifest).not.toMatch(/intercept 0 included/);
    expect(manifest).toContain("`ll_lead_profile` needs a row for every population lead with at_risk > 0, including leads whose profile set is empty");
    expect(io.out).toEqual([`Wrote ${queries.length} PostgreSQL training statistics statements and README.md (the order to run them) to ${out}.`]);
  });

  it("takes the landmark step from --config and the table names from --table-prefix", async () => {
    captureOutput();
    const { dir, "config.json": config } = writeTempFiles({ "config.json": JSON.stringify({ training: { landmarkStepDays: 3 } }) });
    expect(await runCli(["train-sql", "--out", join(dir, "stats"), "--config", config, "--table-prefix", "crm.stats_"])).toBe(0);
    const groups = readFileSync(join(dir, "stats", "07-landmark_groups.sql"), "utf8");
    expect(groups).toContain(`/ ${3 * 86_400_000}`);
    expect(groups).toContain("FROM crm.stats_features f JOIN crm.stats_population p");
    expect(groups).not.toMatch(/\bll_/);
  });

  it("writes DuckDB statements that give the hand-counted statistics of a tiny export", async () => {
    captureOutput();
    const { dir } = writeTempFiles({});
    expect(await runCli(["train-sql", "--out", dir])).toBe(0);
    const db = await openTestDatabase();
    try {
      // Lead 0 (won, cut-off at 20): events at 10 (action 0) and 30 (action 1, after the cut-off); lead 1 (lost, no cut-off): 5 (action 0); lead 2 is open: 1 (action 1).
      await db.query("CREATE TABLE ll_events (lead INTEGER, t DOUBLE, action INTEGER, category INTEGER, seq BIGINT)");
      await db.query("INSERT INTO ll_events VALUES (0, 10, 0, -1, 1), (0, 30, 1, 4, 3), (1, 5, 0, 7, 0), (2, 1, 1, 4, 2)");
      await db.query("CREATE TABLE ll_population (lead INTEGER, i INTEGER, cutoff DOUBLE, won INTEGER, created DOUBLE, at_risk INTEGER)");
      await db.query("INSERT INTO ll_population VALUES (0, 0, 20, 1, 0, 1), (1, 1, NULL, 0, 0, 1)");
      await db.query("CREATE TABLE ll_scope (lead INTEGER)");
      await db.query("INSERT INTO ll_scope VALUES (0), (1), (2)");
      const results = new Map<string, Record<string, unknown>[]>();
      for (const file of readdirSync(dir).filter((name) => name.endsWith(".sql")).sort()) {
        const query = trainingQueries().find((q) => file.endsWith(`-${q.name}.sql`))!;
        if (query.stage !== "export") continue;
        const rows = await db.query(readFileSync(join(dir, file), "utf8"));
        // DuckDB's BIGINT counts arrive as bigint.
        results.set(query.name, rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v]))));
      }
      expect(results.get("event_totals")).toEqual([{ counted: 2, after_cutoff: 1, untrained: 1 }]);
      expect(results.get("action_order")!.map((r) => [r.action, r.first_seq]).sort()).toEqual([[0, 0], [1, 2]]);
      expect(results.get("action_categories")!.map((r) => [r.action, r.category, r.n, r.first_seq]).sort()).toEqual([[0, 7, 1, 0], [1, 4, 2, 2]]);
      expect(results.get("lead_action_features")!.map((r) => [r.i, r.action, r.n, r.first_at, r.last_at]).sort()).toEqual([[0, 0, 1, 10, 10], [1, 0, 1, 5, 5]]);
      expect(results.get("at_risk_totals")!.map((r) => [r.at_risk, r.won, r.leads]).sort()).toEqual([[1, 0, 1], [1, 1, 1]]);
    } finally {
      db.close();
    }
  });

  it.each([
    [["train-sql", "--out", "x", "--dialect", "mysql"], /Option "--dialect" must be one of duckdb, postgres, bigquery, snowflake, spark\. Got "mysql"\./],
    [["train-sql", "--out", "x", "--table-prefix", "ll-"], /Option "--table-prefix" must be letters, digits and underscores.* Got "ll-"\./],
  ])("exits 2 (usage) on %j, naming the option", async (args, message) => {
    const errors: string[] = [];
    expect(await runCli(args, { error: (line) => errors.push(line) })).toBe(2);
    expect(errors.join("\n")).toMatch(message);
  });

  describe("--out", () => {
    const refuse = async (args: string[]) => {
      const errors: string[] = [];
      vi.spyOn(console, "log").mockImplementation(() => undefined);
      expect(await runCli(args, { error: (line) => errors.push(line) })).toBe(2);
      return errors.join("\n");
    };

    it("refuses a folder holding the user's files (a project README.md), naming the folder and the fix, and writes nothing", async () => {
      const { dir } = writeTempFiles({ "README.md": "# My project\n", "package.json": "{}" });
      const message = await refuse(["train-sql", "--out", dir]);
      expect(message).toContain(`--out ${dir} holds files leadlift did not write there ("README.md", "package.json"), which could be replaced: give --out a new or empty folder (e.g. --out ${join(dir, "training-sql")})`);
      expect(message.split("\n")).toHaveLength(1);
      expect(readdirSync(dir).sort()).toEqual(["README.md", "package.json"]);
      expect(readFileSync(join(dir, "README.md"), "utf8")).toBe("# My project\n");
    });

    it("refuses a folder whose only file is a README.md train-sql did not write", async () => {
      const { dir } = writeTempFiles({ "README.md": "# Notes\n" });
      expect(await refuse(["train-sql", "--out", dir])).toMatch(/holds files leadlift did not write there \("README\.md"\)/);
      expect(readFileSync(join(dir, "README.md"), "utf8")).toBe("# Notes\n");
    });

    it("refuses a folder holding a subfolder, even one named like a train-sql file", async () => {
      const { dir } = writeTempFiles({});
      mkdirSync(join(dir, "01-action_order.sql"));
      expect(await refuse(["train-sql", "--out", dir])).toContain(`holds files leadlift did not write there ("01-action_order.sql")`);
    });

    it("refuses the folder before reading --config (a config that does not exist is not reported)", async () => {
      const { dir } = writeTempFiles({ "notes.txt": "mine" });
      const message = await refuse(["train-sql", "--out", dir, "--config", join(dir, "missing.json")]);
      expect(message).toContain(`--out ${dir} holds files leadlift did not write there ("notes.txt")`);
      expect(message).not.toMatch(/missing\.json/);
    });

    it("names the folder, not a file inside it, when --out is an existing file", async () => {
      const { "out.sql": file } = writeTempFiles({ "out.sql": "SELECT 1;\n" });
      const message = await refuse(["train-sql", "--out", file]);
      expect(message).toContain(`--out ${file} is a file (or inside one), not a folder: give --out a new or empty folder`);
      expect(message).not.toMatch(/action_order/);
      expect(readFileSync(file, "utf8")).toBe("SELECT 1;\n");
    });

    it("removes the empty or partial temporary files an interrupted earlier run left, and writes again", async () => {
      captureOutput();
      const { dir } = writeTempFiles({});
      const out = join(dir, "stats");
      expect(await runCli(["train-sql", "--out", out])).toBe(0);
      const dead = deadProcessId();
      writeFileSync(join(out, `.05-event_totals.sql.tmp-${dead}-ab12cd`), "");
      writeFileSync(join(out, `.README.md.tmp-${dead}-x9`), "# leadlift training statistics for DuckDB\n\nWritten by");
      expect(await runCli(["train-sql", "--out", out])).toBe(0);
      expect(readdirSync(out)).toHaveLength(14);
      expect(readdirSync(out).filter((name) => name.startsWith("."))).toEqual([]);
    });

    it("keeps and refuses a temporary-looking file that is not an interrupted run's (another text, a running writer, another name)", async () => {
      const { dir } = writeTempFiles({});
      const dead = deadProcessId();
      const names = [`.05-event_totals.sql.tmp-${dead}-ab12cd`, `.06-at_risk_totals.sql.tmp-${process.pid}-ab12cd`, `.notes.txt.tmp-${dead}-ab12cd`];
      writeFileSync(join(dir, names[0]), "my own notes\n");
      writeFileSync(join(dir, names[1]), "");
      writeFileSync(join(dir, names[2]), "");
      expect(await refuse(["train-sql", "--out", dir])).toContain(`holds files leadlift did not write there (${names.map((n) => JSON.stringify(n)).join(", ")})`);
      expect(readdirSync(dir).sort()).toEqual([...names].sort());
    });

    it("names the folder, not a file inside it, when the folder cannot be written", async () => {
      // /sys refuses new entries even to root; skip where it does not (then the refusal cannot be provoked without a mock).
      const out = "/sys/leadlift-train-sql-test";
      if (mkdirRefused(out) === null) return;
      const message = await refuse(["train-sql", "--out", out]);
      expect(message).toBe(`leadlift: --out ${out}: cannot write into this folder (${mkdirRefused(out)}). Choose a writable folder.`);
    });

    it("writes again into a folder holding only an earlier train-sql output (another dialect)", async () => {
      captureOutput();
      const { dir } = writeTempFiles({});
      const out = join(dir, "stats");
      expect(await runCli(["train-sql", "--out", out])).toBe(0);
      expect(await runCli(["train-sql", "--out", out, "--dialect", "spark"])).toBe(0);
      expect(readFileSync(join(out, "README.md"), "utf8")).toMatch(/^# leadlift training statistics for Spark SQL\n/);
      expect(readdirSync(out)).toHaveLength(14);
    });
  });

  it("refuses a bad --table-prefix before reading --config or touching --out", async () => {
    const { dir } = writeTempFiles({ "notes.txt": "mine" });
    const errors: string[] = [];
    expect(await runCli(["train-sql", "--out", dir, "--config", join(dir, "missing.json"), "--table-prefix", "crm-ll_"], { error: (line) => errors.push(line) })).toBe(2);
    expect(errors).toEqual([`leadlift: Option "--table-prefix" must be ${TABLE_PREFIX_RULE}. Got "crm-ll_".`]);
  });

  it("exits 2 (usage) without --out", async () => {
    const io = captureOutput();
    vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    expect(await runCli(["train-sql"])).toBe(2);
    expect(io.out).toEqual([]);
  });
});

/** The id of a process that has exited (a child run to completion). */
function deadProcessId(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid!;
}

/** The reason mkdir gives for `path` ("permission denied"), or null when it succeeds (the folder is then removed). */
function mkdirRefused(path: string): string | null {
  try {
    mkdirSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === "EACCES" || code === "EPERM" ? "permission denied" : null;
  }
  rmdirSync(path);
  return null;
}
