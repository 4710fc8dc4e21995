/**
 * The PostgreSQL run of the scoring comparison in `npm run bench:scale`
 * (bench/scale-scoring.ts), run inside `scripts/with-postgres.sh` (a
 * throwaway server on a Unix socket; PGHOST etc. set). Loads the leads and
 * events CSVs into tables of text columns with a server-side COPY (plus
 * ANALYZE: the load, timed apart), prepares the query `leadlift sql
 * --dialect postgres` wrote (`PREPARE score(text) AS …`) and times it alone:
 * `CREATE TABLE scores AS EXECUTE score(AT)`, materialised on the server so
 * that the time is the query's, not the transfer of a million rows to the
 * client. Then fetches the scores and writes them to a CSV for the comparison
 * (not timed).
 *
 * The work happens in the server's processes, not this one, so this process's
 * RSS says nothing about it; it prints the query's wall time and the serving
 * backend's peak RSS from /proc (VmHWM, which counts the shared buffers it
 * touched; parallel workers, if the plan uses them, are not counted), plus the
 * server's version and memory settings. One JSON line.
 *
 * Usage: bash scripts/with-postgres.sh tsx bench/scale-scoring-postgres.ts QUERY.sql LEADS.csv EVENTS.csv AT OUT.csv
 */
import { closeSync, createWriteStream, existsSync, openSync, readFileSync, readSync } from "node:fs";
import { once } from "node:events";
import pg from "pg";

const [queryPath, leadsPath, eventsPath, at, outPath] = process.argv.slice(2);
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const query = readFileSync(queryPath, "utf8");

/** The header of a CSV file: its first line, split on commas (the generator writes plain names). */
function headerOf(path: string): string[] {
  const bytes = Buffer.alloc(4096);
  const fd = openSync(path, "r");
  const length = readSync(fd, bytes, 0, bytes.length, 0);
  closeSync(fd);
  const head = bytes.subarray(0, length).toString("utf8");
  return head.slice(0, head.indexOf("\n")).trim().split(",");
}

/** The peak RSS of a server process in MB (VmHWM), or null when /proc does not show it. */
function peakRssOf(pid: number): number | null {
  const path = `/proc/${pid}/status`;
  if (!existsSync(path)) return null;
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(path, "utf8"));
  return match ? Number(match[1]) / 1024 : null;
}

const client = new pg.Client();
await client.connect();
const setting = async (name: string) => (await client.query(`SHOW ${name}`)).rows[0][name] as string;
const server = { version: await setting("server_version"), sharedBuffers: await setting("shared_buffers"), workMem: await setting("work_mem"), parallelWorkersPerGather: await setting("max_parallel_workers_per_gather") };
const backendPid = (await client.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number;

const t0 = performance.now();
for (const [table, path] of [["leads", leadsPath], ["events", eventsPath]] as const) {
  await client.query(`CREATE TABLE ${table} (${headerOf(path).map((column) => `${quote(column)} TEXT`).join(", ")})`);
  await client.query(`COPY ${table} FROM ${literal(path)} (FORMAT csv, HEADER true)`);
  await client.query(`ANALYZE ${table}`);
}
const t1 = performance.now();
await client.query(`PREPARE score(text) AS ${query}`);
const t2 = performance.now();
await client.query(`CREATE TABLE scores AS EXECUTE score(${literal(at)})`);
const t3 = performance.now();
const backendPeakRssMb = peakRssOf(backendPid);

// The comparison's copy: numbers as pg reads them (DOUBLE PRECISION through parseFloat of PostgreSQL's shortest exact text).
const { rows } = await client.query("SELECT lead_id, score, fit, pain, probability, sdr_ready FROM scores");
const out = createWriteStream(outPath, "utf8");
let buffer = "lead_id,score,fit,pain,probability,sdr_ready\n";
for (const row of rows) {
  buffer += `${row.lead_id},${row.score ?? ""},${row.fit ?? ""},${row.pain ?? ""},${row.probability ?? ""},${row.sdr_ready ?? ""}\n`;
  if (buffer.length > 1 << 20) {
    if (!out.write(buffer)) await once(out, "drain");
    buffer = "";
  }
}
out.end(buffer);
await once(out, "finish");
await client.end();
console.log(JSON.stringify({ loadSeconds: (t1 - t0) / 1000, prepareSeconds: (t2 - t1) / 1000, querySeconds: (t3 - t2) / 1000, rows: rows.length, backendPeakRssMb, server }));
