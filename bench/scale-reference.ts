/**
 * The reference of `npm run bench:scale`: the point-in-time aggregation
 * alone — per closed lead and action, the events strictly before its
 * cut-off (hand-off, else close, within 90 days of creation) — as DuckDB's
 * own query, in its own process. Prints one JSON line: seconds, peak RSS, rows.
 * Usage: tsx bench/scale-reference.ts LEADS EVENTS OUTCOMES
 */
import { availableParallelism } from "node:os";
import { DuckDBInstance } from "@duckdb/node-api";

const [leads, events, outcomes] = process.argv.slice(2);
const read = (path: string) => (path.endsWith(".parquet") ? `read_parquet('${path}')` : `read_csv('${path}', all_varchar = true)`);
const t0 = performance.now();
const instance = await DuckDBInstance.create(":memory:", { threads: String(availableParallelism()) });
const connection = await instance.connect();
const result = await connection.runAndReadAll(`
  WITH closed AS (
    SELECT lead_id, CAST(closed_at AS TIMESTAMP) AS closed_at, CAST(handoff_at AS TIMESTAMP) AS handoff_at FROM ${read(outcomes)} WHERE status IN ('won', 'lost')
  ),
  cutoffs AS (
    SELECT c.lead_id, least(coalesce(c.handoff_at, c.closed_at), CAST(l.created_at AS TIMESTAMP) + INTERVAL 90 DAY) AS cutoff_at
    FROM closed c JOIN ${read(leads)} l USING (lead_id)
  )
  SELECT count(*) AS rows, sum(n) AS events FROM (
    SELECT e.lead_id, e.action, count(*) AS n
    FROM ${read(events)} e JOIN cutoffs c USING (lead_id)
    WHERE CAST(e.occurred_at AS TIMESTAMP) < c.cutoff_at
    GROUP BY e.lead_id, e.action
  )`);
const [row] = result.getRowObjectsJS();
console.log(JSON.stringify({ seconds: (performance.now() - t0) / 1000, peakRssMb: process.resourceUsage().maxRSS / 1024, rows: Number(row.rows), events: Number(row.events) }));
