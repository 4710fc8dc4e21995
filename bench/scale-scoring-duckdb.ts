/**
 * One DuckDB run of the scoring comparison in `npm run bench:scale`
 * (bench/scale-scoring.ts), in its own process so its peak memory is its
 * own: runs the query `leadlift sql --dialect duckdb` wrote, binding `$at`,
 * over a leads and an events CSV, materialising the result in a DuckDB table
 * (`CREATE TABLE scores AS …`: the query's work without turning a million
 * rows into JavaScript objects), then writes the scores to a CSV for the
 * comparison (not timed). Prints one JSON line: load and query seconds, rows,
 * peak RSS up to the end of the query.
 *
 * Modes:
 * - `csv`: `leads` and `events` are views over `read_csv(…, all_varchar = true)`,
 *   as the README's "Scoring in SQL" says; the query's time includes reading the files.
 * - `tables`: the files are first loaded into tables of text columns (load
 *   timed apart), then the query alone is timed.
 *
 * Usage: tsx bench/scale-scoring-duckdb.ts csv|tables QUERY.sql LEADS.csv EVENTS.csv AT OUT.csv
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { DuckDBInstance } from "@duckdb/node-api";

const [mode, queryPath, leadsPath, eventsPath, at, outPath] = process.argv.slice(2);
if (mode !== "csv" && mode !== "tables") throw new Error(`Mode must be "csv" or "tables". Got ${JSON.stringify(mode)}.`);
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
const query = readFileSync(queryPath, "utf8");

const instance = await DuckDBInstance.create(":memory:", { threads: String(availableParallelism()) });
const connection = await instance.connect();
const read = (path: string) => `SELECT * FROM read_csv(${literal(path)}, all_varchar = true)`;
const t0 = performance.now();
const kind = mode === "csv" ? "VIEW" : "TABLE";
await connection.run(`CREATE ${kind} leads AS ${read(leadsPath)}`);
await connection.run(`CREATE ${kind} events AS ${read(eventsPath)}`);
const t1 = performance.now();
await connection.run(`CREATE TABLE scores AS ${query}`, { at });
const t2 = performance.now();
const peakRssMb = process.resourceUsage().maxRSS / 1024;
const count = await connection.runAndReadAll("SELECT count(*)::BIGINT AS n FROM scores");
await connection.run(`COPY (SELECT lead_id, score, fit, pain, probability, sdr_ready FROM scores) TO ${literal(outPath)} (FORMAT csv, HEADER true)`);
connection.closeSync();
instance.closeSync();
console.log(JSON.stringify({ loadSeconds: (t1 - t0) / 1000, querySeconds: (t2 - t1) / 1000, rows: Number(count.getRowObjectsJS()[0].n), peakRssMb }));
