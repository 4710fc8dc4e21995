/**
 * The scoring section of `npm run bench:scale` (issue 14): one export of the
 * scale generator (bench/scale-data.ts; 1M leads, about 6 events each, CSV)
 * scored at one moment three ways with the same trained model — the
 * streaming runtime (`leadlift score`, the real CLI in a child process), the
 * DuckDB query and the PostgreSQL query (`leadlift sql --dialect …`) — with
 * wall time, peak RSS and leads per second, and the scores compared lead by
 * lead against the CLI's. Prints figures, asserts nothing; a mismatch is a
 * finding to report, not a failure of the bench.
 *
 * - The model: `leadlift train --engine in-process` on a smaller export of
 *   the same generator (100k leads, another seed), so every rule it learned
 *   is a real one.
 * - DuckDB (bench/scale-scoring-duckdb.ts, a process per run): the query over
 *   views on `read_csv(…, all_varchar = true)` (reading the files is part of
 *   its time), then over tables already loaded (the query alone; the load
 *   is reported apart).
 * - PostgreSQL (bench/scale-scoring-postgres.ts inside
 *   scripts/with-postgres.sh, a throwaway server, Debian's `postgresql`
 *   installed when missing): COPY into text tables (load reported apart),
 *   then the prepared query alone. The server's memory is its processes',
 *   not a node process's: the table shows wall time only. When no server can
 *   be started, the row says why and the rest of the section still runs.
 * - Mismatches: score, fit and pain compared as numbers with `Object.is`,
 *   sdr_ready as text, probability after the CLI's rounding to 4 decimals
 *   (`Math.round(p * 10000) / 10000`, as `leadlift score` writes it), plus
 *   leads missing on either side.
 *
 * Run alone: `npm run bench:scale -- --only scoring` (`--scoring-leads 20000`
 * for a quick run).
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { once } from "node:events";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import type { ModelV1 } from "../src/index.js";
import { writeScaleData } from "./scale-data.js";
import { compareScores, readScores, type Comparison } from "./scale-scoring-compare.js";

/** Options for `runScoringBench`. */
export interface ScoringBenchOptions {
  /** Folder for the exports and outputs (a subfolder per run). */
  readonly root: string;
  /** Leads to score. Default 1,000,000. */
  readonly leads?: number;
  /** Leads of the training export. Default 100,000 (or `leads`, when fewer). */
  readonly trainLeads?: number;
  /** The scoring moment (every lead scored at it; the export runs to the end of January 2025). Default "2025-01-01T00:00:00Z". */
  readonly at?: string;
  /** Leave the exports and outputs in `root`. Default false. */
  readonly keep?: boolean;
}

const REPO = join(import.meta.dirname, "..");
const PEAK_RSS_REPORTER = 'data:text/javascript,process.on("exit",()=>process.stderr.write("peak-rss-kb "+process.resourceUsage().maxRSS+"\\n"))';

interface ChildResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** Runs a command from the repository root, collecting its output and wall time. */
async function run(command: string, args: readonly string[]): Promise<ChildResult> {
  const started = process.hrtime.bigint();
  const child = spawn(command, args, { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const [code] = (await once(child, "close")) as [number | null];
  return { code, stdout, stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
}

/** `node --import tsx …` from the repository root (as `npm run leadlift` runs the CLI in a clone). */
const tsx = (args: readonly string[]) => run(process.execPath, ["--import", "tsx", ...args]);

/** The last line of stdout as JSON, or an Error with the tail of stderr. */
function lastJson<T>(result: ChildResult, what: string): T {
  const line = result.stdout.trim().split("\n").pop() ?? "";
  if (result.code === 0) {
    try {
      return JSON.parse(line) as T;
    } catch {
      // Falls through to the error below.
    }
  }
  throw new Error(`${what} exited ${result.code}: ${result.stderr.trim().split("\n").slice(-4).join(" ").slice(0, 400)}`);
}

/** The CLI, checked to succeed. */
async function leadlift(args: readonly string[]): Promise<ChildResult> {
  const result = await tsx(["--import", PEAK_RSS_REPORTER, "src/cli/main.ts", ...args]);
  if (result.code !== 0) throw new Error(`leadlift ${args[0]} exited ${result.code}:\n${result.stderr}`);
  return result;
}

interface Row {
  readonly what: string;
  readonly seconds: number | null;
  readonly peakRssMb: number | null;
  readonly mismatches: string;
  readonly note: string;
}

/**
 * Generates the exports, trains the model, scores three ways, compares and
 * prints the table (Markdown) to stdout; progress goes to stderr.
 */
export async function runScoringBench(options: ScoringBenchOptions): Promise<void> {
  const leads = options.leads ?? 1_000_000;
  const trainLeads = Math.min(options.trainLeads ?? 100_000, leads);
  const at = options.at ?? "2025-01-01T00:00:00Z";
  const dir = join(options.root, `scoring-${leads}`);
  mkdirSync(dir, { recursive: true });
  const log = (text: string) => console.error(`# scoring: ${text}`);
  try {
    const instance = await DuckDBInstance.create(":memory:", { threads: String(availableParallelism()), memory_limit: "3GB" });
    const connection = await instance.connect();
    const data = await writeScaleData(connection, dir, { leads, eventsPerLead: 6, seed: 1, format: "csv" });
    mkdirSync(join(dir, "train"), { recursive: true });
    const train = await writeScaleData(connection, join(dir, "train"), { leads: trainLeads, eventsPerLead: 6, seed: 2, format: "csv" });
    connection.closeSync();
    instance.closeSync();
    log(`generated ${leads.toLocaleString("en-US")} leads / ${data.eventCount.toLocaleString("en-US")} events to score, ${trainLeads.toLocaleString("en-US")} / ${train.eventCount.toLocaleString("en-US")} to train on`);

    const model = join(dir, "model.json");
    const trained = await leadlift(["train", "--leads", train.leads, "--events", train.events, "--outcomes", train.outcomes, "--out", model, "--engine", "in-process"]);
    const learned = JSON.parse(readFileSync(model, "utf8")) as ModelV1;
    log(`trained in ${trained.seconds.toFixed(1)} s: ${learned.mode} mode, threshold ${learned.threshold.score}, kept ${learned.actions.filter((a) => a.kept).map((a) => `${a.action} ${a.points}`).join(", ")}`);
    const queries = { duckdb: join(dir, "duckdb.sql"), postgres: join(dir, "postgres.sql") };
    for (const [dialect, path] of Object.entries(queries)) await leadlift(["sql", "--model", model, "--dialect", dialect, "--out", path]);

    const rows: Row[] = [];
    const perSecond = (seconds: number) => Math.round(leads / seconds).toLocaleString("en-US");

    const cliOut = join(dir, "scores-cli.csv");
    const scored = await leadlift(["score", "--model", model, "--leads", data.leads, "--events", data.events, "--out", cliOut, "--at", at]);
    const cliPeak = /peak-rss-kb (\d+)/.exec(scored.stderr);
    rows.push({
      what: "streaming runtime: `leadlift score` (CLI process, reads the CSVs)",
      seconds: scored.seconds,
      peakRssMb: cliPeak ? Number(cliPeak[1]) / 1024 : null,
      mismatches: "(reference)",
      note: `${scored.stdout.trim().split("\n")[0].replace(/ Wrote .*$/, "")} Wall time includes tsx's start-up and writing scores.csv.`,
    });
    log(`leadlift score: ${scored.seconds.toFixed(1)} s`);
    const cli = await readScores(cliOut, "leadlift score");

    const mismatchText = (c: Comparison) => `${c.mismatches.toLocaleString("en-US")} of ${c.compared.toLocaleString("en-US")}`;
    const examples: string[] = [];
    const scoredBy = new Map<"duckdb" | "postgres", string>();
    for (const mode of ["csv", "tables"] as const) {
      const out = join(dir, `scores-duckdb-${mode}.csv`);
      const result = await tsx(["bench/scale-scoring-duckdb.ts", mode, queries.duckdb, data.leads, data.events, at, out]);
      const what = mode === "csv" ? "DuckDB query over views on read_csv (reading the CSVs included)" : "DuckDB query alone, tables already loaded";
      try {
        const j = lastJson<{ loadSeconds: number; querySeconds: number; rows: number; peakRssMb: number }>(result, "DuckDB run");
        const comparison = await compareScores(cli, out, { roundProbability: true });
        examples.push(...comparison.examples.map((e) => `DuckDB (${mode}): ${e}`));
        if (mode === "tables") scoredBy.set("duckdb", out);
        rows.push({
          what,
          seconds: j.querySeconds,
          peakRssMb: j.peakRssMb,
          mismatches: mismatchText(comparison),
          note: mode === "csv" ? `${j.rows.toLocaleString("en-US")} rows into a DuckDB table (CREATE TABLE scores AS …)` : `load into text tables ${j.loadSeconds.toFixed(1)} s apart; peak RSS holds the loaded tables`,
        });
      } catch (error) {
        rows.push({ what, seconds: null, peakRssMb: null, mismatches: "—", note: `failed: ${(error as Error).message}` });
      }
      log(`${what}: ${rows.at(-1)!.seconds?.toFixed(1) ?? "failed"}`);
    }

    const pgOut = join(dir, "scores-postgres.csv");
    const pgResult = await run("bash", ["scripts/with-postgres.sh", process.execPath, "--import", "tsx", "bench/scale-scoring-postgres.ts", queries.postgres, data.leads, data.events, at, pgOut]);
    const pgWhat = "PostgreSQL prepared query alone (EXECUTE with the moment), tables loaded by COPY";
    try {
      const j = lastJson<{ loadSeconds: number; querySeconds: number; rows: number; backendPeakRssMb: number | null; server: { version: string; sharedBuffers: string; workMem: string; parallelWorkersPerGather: string } }>(pgResult, "PostgreSQL run");
      const comparison = await compareScores(cli, pgOut, { roundProbability: true });
      examples.push(...comparison.examples.map((e) => `PostgreSQL: ${e}`));
      scoredBy.set("postgres", pgOut);
      const backend = j.backendPeakRssMb === null ? "backend memory not readable" : `serving backend's VmHWM ${j.backendPeakRssMb.toFixed(0)} MB`;
      rows.push({
        what: pgWhat,
        seconds: j.querySeconds,
        peakRssMb: null,
        mismatches: mismatchText(comparison),
        note: `PostgreSQL ${j.server.version}, default settings (shared_buffers ${j.server.sharedBuffers}, work_mem ${j.server.workMem}, ${j.server.parallelWorkersPerGather} parallel workers per gather); COPY + ANALYZE ${j.loadSeconds.toFixed(1)} s apart; memory is the server's processes', not measured as peak RSS (${backend}, parallel workers not counted)`,
      });
    } catch (error) {
      rows.push({ what: pgWhat, seconds: null, peakRssMb: null, mismatches: "—", note: `skipped: ${(error as Error).message}` });
    }
    log(`PostgreSQL: ${rows.at(-1)!.seconds?.toFixed(1) ?? "skipped"}`);

    console.log(`\n# Scoring ${leads.toLocaleString("en-US")} leads / ${data.eventCount.toLocaleString("en-US")} events (CSV) at ${at}, one model (${availableParallelism()} cores)`);
    console.log("| what | wall s | peak RSS MB | leads/s | mismatches vs leadlift score | note |");
    console.log("|---|---:|---:|---:|---|---|");
    for (const row of rows) {
      console.log(`| ${row.what} | ${row.seconds === null ? "—" : row.seconds.toFixed(1)} | ${row.peakRssMb === null ? "—" : row.peakRssMb.toFixed(0)} | ${row.seconds === null ? "—" : perSecond(row.seconds)} | ${row.mismatches} | ${row.note} |`);
    }
    const [duckdbOut, postgresOut] = [scoredBy.get("duckdb"), scoredBy.get("postgres")];
    if (duckdbOut && postgresOut) {
      // leadlift score writes probability to 4 decimals; the two queries' full doubles are compared here.
      const exact = await compareScores(await readScores(duckdbOut, "DuckDB"), postgresOut);
      examples.push(...exact.examples.map((e) => `DuckDB vs PostgreSQL: ${e}`));
      console.log(`DuckDB vs PostgreSQL, every field bit for bit (probability unrounded): ${mismatchText(exact)} leads differ.`);
    }
    if (examples.length > 0) console.log(`Mismatches (first few):\n${examples.map((e) => `- ${e}`).join("\n")}`);
  } finally {
    if (!options.keep) rmSync(dir, { recursive: true, force: true });
  }
}
