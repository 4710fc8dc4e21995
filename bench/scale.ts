/**
 * `npm run bench:scale`: training at scale, per engine, with its own
 * generator (bench/scale-data.ts, written by DuckDB). Sizes: 100k, 300k and
 * 1M leads with about 6 events each (CSV; 1M also as Parquet, to compare the
 * engines on the format DuckDB reads itself), and 1M leads with 50 events each
 * (50M events, Parquet). Each training runs in its own process
 * (bench/scale-train.ts): load and train seconds, peak RSS. Beside it, in
 * the same run, the point-in-time aggregation alone in DuckDB's own query
 * (bench/scale-reference.ts) and in pandas (bench/scale-pandas.py, with
 * Debian's python3-pandas, installed here if missing; skipped with a message
 * when it cannot be). Prints figures, asserts nothing. Targets for 1M leads /
 * 50M events on a 2-core machine: under 60 s and 4 GiB.
 *
 * Then scoring at scale (bench/scale-scoring.ts): 1M leads / about 6M events
 * scored with one trained model by `leadlift score`, the DuckDB query and the
 * PostgreSQL query (a throwaway server, scripts/with-postgres.sh): wall time,
 * peak RSS, leads/s, and mismatches lead by lead against `leadlift score`.
 *
 * Options: --sizes 100k,300k,1M,1M-parquet,1M/50M  --engines in-process,duckdb  --keep (leave the data in the temp folder)
 *   --full (also the in-process engine at 1M/50M: leadlift's reader decodes 50M Parquet rows in JavaScript, many minutes)
 *   --only training|scoring (one section; default both: `npm run bench:scale -- --only scoring` runs the scoring comparison alone)
 *   --scoring-leads N (leads to score; default 1000000)
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { writeScaleData } from "./scale-data.js";
import { runScoringBench } from "./scale-scoring.js";

const SIZES: Record<string, { leads: number; eventsPerLead: number; format: "csv" | "parquet" }> = {
  "100k": { leads: 100_000, eventsPerLead: 6, format: "csv" },
  "300k": { leads: 300_000, eventsPerLead: 6, format: "csv" },
  "1M": { leads: 1_000_000, eventsPerLead: 6, format: "csv" },
  "1M-parquet": { leads: 1_000_000, eventsPerLead: 6, format: "parquet" },
  "1M/50M": { leads: 1_000_000, eventsPerLead: 54, format: "parquet" },
};

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : fallback;
};
const sizes = option("sizes", Object.keys(SIZES).join(",")).split(",");
const engines = option("engines", "in-process,duckdb").split(",");
const keep = args.includes("--keep");
const full = args.includes("--full");
const only = option("only", "");
if (!["", "training", "scoring"].includes(only)) throw new Error(`Option --only must be "training" or "scoring". Got ${JSON.stringify(only)}.`);
const scoringLeads = Number(option("scoring-leads", "1000000"));
if (!Number.isInteger(scoringLeads) || scoringLeads < 1) throw new Error(`Option --scoring-leads must be a whole number of leads. Got ${JSON.stringify(option("scoring-leads", ""))}.`);
const root = join(tmpdir(), "leadlift-scale");
const TSX = join(import.meta.dirname, "../node_modules/tsx/dist/cli.mjs");

interface Row {
  size: string;
  what: string;
  events: number | null;
  seconds: number | null;
  peakRssMb: number | null;
  note: string;
}

function child(command: string, commandArgs: string[]): { ok: boolean; json: Record<string, unknown> | null; error: string } {
  const result = spawnSync(command, commandArgs, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const line = (result.stdout ?? "").trim().split("\n").pop() ?? "";
  try {
    return { ok: result.status === 0, json: JSON.parse(line), error: "" };
  } catch {
    return { ok: false, json: null, error: `${(result.stderr ?? "").trim().split("\n").slice(-3).join(" ")}`.slice(0, 300) };
  }
}

/** Debian's python3 with pandas, installed once with apt-get when missing; null (with why) when it cannot be. */
function pandasPython(): { python: string | null; why: string } {
  const python = "/usr/bin/python3";
  const has = () => existsSync(python) && spawnSync(python, ["-c", "import pandas"]).status === 0;
  if (has()) return { python, why: "" };
  if (spawnSync("apt-get", ["--version"]).status === 0) {
    spawnSync("apt-get", ["update"], { stdio: "ignore" });
    spawnSync("apt-get", ["install", "-y", "python3-pandas"], { stdio: "ignore" });
    if (has()) return { python, why: "" };
  }
  return { python: null, why: "pandas column skipped: Debian's python3-pandas is not installed and could not be installed (apt-get install python3-pandas)" };
}

/** The training section: each size and engine, the aggregation references, then the table. */
async function runTrainingBench(): Promise<void> {
  const rows: Row[] = [];
  const pandas = pandasPython();
  mkdirSync(root, { recursive: true });
  for (const size of sizes) {
    const spec = SIZES[size];
    if (!spec) throw new Error(`Unknown size ${JSON.stringify(size)}: expected one of ${Object.keys(SIZES).join(", ")}.`);
    const dir = join(root, size.replace("/", "-"));
    const instance = await DuckDBInstance.create(":memory:", { threads: String(availableParallelism()), memory_limit: "3GB" });
    const connection = await instance.connect();
    const t0 = performance.now();
    const files = await writeScaleData(connection, (mkdirSync(dir, { recursive: true }), dir), { ...spec, seed: 1 });
    connection.closeSync();
    instance.closeSync();
    console.error(`# ${size}: generated ${files.eventCount.toLocaleString("en-US")} events in ${((performance.now() - t0) / 1000).toFixed(1)} s (${spec.format})`);
    for (const engine of engines) {
      if (engine === "in-process" && spec.eventsPerLead > 10 && !full) {
        rows.push({ size, what: `train, ${engine}`, events: files.eventCount, seconds: null, peakRssMb: null, note: "not run (--full runs it): leadlift's own reader decodes every Parquet row in JavaScript; DuckDB is the engine for this size" });
        continue;
      }
      const run = child(process.execPath, [TSX, join(import.meta.dirname, "scale-train.ts"), files.leads, files.events, files.outcomes, engine]);
      const j = run.json as { events: number; loadSeconds: number; trainSeconds: number; peakRssMb: number; threshold: number | null } | null;
      rows.push({
        size,
        what: `train, ${engine}`,
        events: j?.events ?? null,
        seconds: j ? j.loadSeconds + j.trainSeconds : null,
        peakRssMb: j?.peakRssMb ?? null,
        note: j ? `load ${j.loadSeconds.toFixed(1)} s + train ${j.trainSeconds.toFixed(1)} s; threshold ${j.threshold}` : `failed: ${run.error}`,
      });
      console.error(`  ${rows.at(-1)!.what}: ${rows.at(-1)!.note}`);
    }
    const reference = child(process.execPath, [TSX, join(import.meta.dirname, "scale-reference.ts"), files.leads, files.events, files.outcomes]);
    const r = reference.json as { seconds: number; peakRssMb: number; rows: number; events: number } | null;
    rows.push({ size, what: "aggregation, DuckDB query", events: null, seconds: r?.seconds ?? null, peakRssMb: r?.peakRssMb ?? null, note: r ? `${r.rows.toLocaleString("en-US")} lead × action rows, ${r.events.toLocaleString("en-US")} events counted` : `failed: ${reference.error}` });
    if (pandas.python && spec.format === "parquet" && spawnSync(pandas.python, ["-c", "import pyarrow"]).status !== 0 && spawnSync(pandas.python, ["-c", "import fastparquet"]).status !== 0) {
      rows.push({ size, what: "aggregation, pandas", events: null, seconds: null, peakRssMb: null, note: "skipped: pandas reads Parquet only with pyarrow or fastparquet, which Debian's packages here do not have" });
    } else if (pandas.python) {
      const p = child(pandas.python, [join(import.meta.dirname, "scale-pandas.py"), files.leads, files.events, files.outcomes]);
      const j = p.json as { seconds: number; peakRssMb: number; rows: number } | null;
      rows.push({ size, what: "aggregation, pandas", events: null, seconds: j?.seconds ?? null, peakRssMb: j?.peakRssMb ?? null, note: j ? `${j.rows.toLocaleString("en-US")} lead × action rows` : `failed: ${p.error}` });
    } else {
      rows.push({ size, what: "aggregation, pandas", events: null, seconds: null, peakRssMb: null, note: pandas.why });
    }
    if (!keep) rmSync(dir, { recursive: true, force: true });
  }

  const fmt = (x: number | null, digits: number) => (x === null ? "—" : x.toFixed(digits));
  console.log(`\n# Training at scale (${availableParallelism()} cores; targets for 1M leads / 50M events: < 60 s, < 4 GiB)`);
  console.log("| size | what | events | wall s | peak RSS MB | note |");
  console.log("|---|---|---:|---:|---:|---|");
  for (const row of rows) console.log(`| ${row.size} | ${row.what} | ${row.events === null ? "" : row.events.toLocaleString("en-US")} | ${fmt(row.seconds, 1)} | ${fmt(row.peakRssMb, 0)} | ${row.note} |`);
}

if (only !== "scoring") await runTrainingBench();
if (only !== "training") await runScoringBench({ root, leads: scoringLeads, keep });
