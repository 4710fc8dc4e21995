/**
 * The generator of `npm run bench:scale`: a synthetic CRM export of any
 * size, written by DuckDB in seconds (the JavaScript simulator would take
 * minutes and gigabytes at 50M events). Deterministic: every random draw is
 * a hash of the seed, the lead and the draw's name.
 *
 * The world: leads created over a year, each with a latent interest `u`;
 * seven marketing signals (demo request, pricing page, trial, webinar, case
 * study, contact-sales form, unsubscribe) happen once or not at all, more
 * often for interested leads, within 60 days of creation; won or lost by a
 * logistic model of the signals (and the title), closed 10–100 days after
 * creation, some handed off by sales before; the last 30 days' leads are
 * still open. The rest of the events are noise that earns no points —
 * page views, email opens and clicks, newsletter reads, and sales calls
 * after the hand-off — so `eventsPerLead` sets the volume without changing
 * what there is to learn.
 */
import type { DuckDBConnection } from "@duckdb/node-api";

export interface ScaleDataOptions {
  readonly leads: number;
  /** Mean events per lead (noise fills up to it). */
  readonly eventsPerLead: number;
  readonly seed: number;
  /** "csv" or "parquet" for every file. */
  readonly format: "csv" | "parquet";
}

/** The signals: name, category, base probability and how much interest adds, log-odds on winning. */
const SIGNALS = [
  ["demo_request", "marketing", 0.04, 0.3, 1.2],
  ["pricing_page_view", "product", 0.12, 0.35, 0.7],
  ["trial_signup", "product", 0.05, 0.25, 0.9],
  ["webinar_attended", "marketing", 0.1, 0.05, 0.2],
  ["case_study_download", "content", 0.08, 0.12, 0.3],
  ["contact_sales_form", "marketing", 0.02, 0.15, 1.5],
  ["unsubscribe", "email", 0.07, -0.06, -1.0],
] as const;

/** Noise actions (no effect on winning) and their share of the noise. */
const NOISE = [
  ["page_view", "web", 0.45],
  ["email_open", "email", 0.3],
  ["email_click", "email", 0.1],
  ["newsletter_read", "content", 0.15],
] as const;

const TITLES = ["VP Sales", "Head of Growth", "Marketing Manager", "Engineer", "CEO", "Analyst", "Director of Operations", "Student"];
const COUNTRIES = ["US", "GB", "DE", "FR", "AU", "CA", "NL", "IN"];

/**
 * Writes leads, outcomes and events (`.csv` or `.parquet`) into `dir` with
 * `connection`; returns the paths and the number of events written.
 */
export async function writeScaleData(connection: DuckDBConnection, dir: string, options: ScaleDataOptions): Promise<{ leads: string; events: string; outcomes: string; eventCount: number }> {
  const { leads, eventsPerLead, seed, format } = options;
  const draw = (name: string, id = "i") => `((hash(${seed}, ${id}, '${name}') % 1000000007)::DOUBLE / 1000000007)`;
  const list = (values: readonly string[]) => `[${values.map((v) => `'${v}'`).join(", ")}]`;
  const signalCount = SIGNALS.length;
  const day = 86_400_000;
  const start = Date.UTC(2024, 0, 1);
  const span = 365 * day;
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE scale_leads AS
    SELECT i,
      'L' || lpad(i::VARCHAR, 9, '0') AS lead_id,
      ${start} + floor(${draw("created")} * ${span})::BIGINT AS created_ms,
      ${draw("interest")} AS u,
      ${list(TITLES)}[1 + floor(${draw("title")} * ${TITLES.length})::INTEGER] AS title,
      ${list(COUNTRIES)}[1 + floor(${draw("country")} * ${COUNTRIES.length})::INTEGER] AS country,
      CASE WHEN ${draw("free")} < 0.35 THEN 'person' || i || '@gmail.com' ELSE 'person' || i || '@company' || (i % 5000) || '.example.com' END AS email,
      (1 + floor(pow(10, ${draw("size")} * 4)))::INTEGER AS company_size
    FROM range(${leads}) t(i)`);
  // Which signals each lead did, and when (days after creation).
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE scale_signals AS
    SELECT l.i, s.k,
      ${list(SIGNALS.map((x) => x[0]))}[s.k + 1] AS action,
      ${list(SIGNALS.map((x) => x[1]))}[s.k + 1] AS category,
      l.created_ms + floor(${draw("when", "l.i, s.k")} * 60 * ${day})::BIGINT AS at_ms
    FROM scale_leads l, range(${signalCount}) s(k)
    WHERE ${draw("did", "l.i, s.k")} < ([${SIGNALS.map((x) => x[2]).join(", ")}][s.k + 1] + [${SIGNALS.map((x) => x[3]).join(", ")}][s.k + 1] * l.u)`);
  // Outcomes: a logistic model of the signals and seniority; open when created in the last 30 days.
  await connection.run(`
    CREATE OR REPLACE TEMP TABLE scale_outcomes AS
    WITH effects AS (
      SELECT l.i, l.created_ms, l.title,
        -3.0 + coalesce(sum([${SIGNALS.map((x) => x[4]).join(", ")}][s.k + 1]), 0) + CASE WHEN l.title IN ('VP Sales', 'CEO', 'Head of Growth') THEN 0.5 ELSE 0 END AS logit,
        min(s.at_ms) FILTER (WHERE s.action IN ('demo_request', 'contact_sales_form')) AS asked_ms
      FROM scale_leads l LEFT JOIN scale_signals s USING (i)
      GROUP BY l.i, l.created_ms, l.title
    )
    SELECT i,
      CASE WHEN created_ms >= ${start + span - 30 * day} THEN 'open' WHEN ${draw("won")} < 1 / (1 + exp(-logit)) THEN 'won' ELSE 'lost' END AS status,
      created_ms + floor((10 + ${draw("cycle")} * 90) * ${day})::BIGINT AS closed_ms,
      CASE WHEN asked_ms IS NOT NULL THEN asked_ms + floor(${draw("handoff")} * 3 * ${day})::BIGINT
           WHEN ${draw("handed")} < 0.3 THEN created_ms + floor((5 + ${draw("handoff")} * 40) * ${day})::BIGINT END AS handoff_ms
    FROM effects`);
  const iso = (ms: string) => `strftime(make_timestamp(${ms} * 1000), '%Y-%m-%dT%H:%M:%SZ')`;
  const ext = format === "csv" ? "csv" : "parquet";
  const copy = async (sql: string, name: string) => {
    const path = `${dir}/${name}.${ext}`;
    await connection.run(`COPY (${sql}) TO '${path}' (FORMAT ${format === "csv" ? "csv, HEADER true" : "parquet, COMPRESSION snappy"})`);
    return path;
  };
  const leadsPath = await copy(`SELECT lead_id, ${iso("created_ms")} AS created_at, email, title, country, company_size::VARCHAR AS company_size FROM scale_leads ORDER BY i`, "leads");
  const outcomesPath = await copy(
    `SELECT l.lead_id, o.status, CASE WHEN o.status = 'open' THEN NULL ELSE ${iso("o.closed_ms")} END AS closed_at,
       CASE WHEN o.handoff_ms IS NOT NULL AND (o.status = 'open' OR o.handoff_ms < o.closed_ms) THEN ${iso("o.handoff_ms")} END AS handoff_at
     FROM scale_leads l JOIN scale_outcomes o USING (i) ORDER BY l.i`,
    "outcomes",
  );
  // Noise: about eventsPerLead − signals per lead, over the 120 days after creation; sales calls after the hand-off.
  const noise = Math.max(0, eventsPerLead - 1);
  const noiseActions = `CASE ${NOISE.map((_, n) => `WHEN r < ${NOISE.slice(0, n + 1).reduce((sum, x) => sum + x[2], 0)} THEN ${n + 1}`).join(" ")} ELSE ${NOISE.length} END`;
  const eventsPath = await copy(
    `WITH noise AS (
       SELECT l.i, l.lead_id, l.created_ms + floor(${draw("at", "l.i, n.k")} * 120 * ${day})::BIGINT AS at_ms, ${draw("kind", "l.i, n.k")} AS r
       FROM scale_leads l, range(${2 * noise}) n(k)
       WHERE n.k < floor(${draw("volume")} * ${2 * noise + 1})
     ),
     events AS (
       SELECT lead_id, ${list(NOISE.map((x) => x[0]))}[${noiseActions}] AS action, at_ms, ${list(NOISE.map((x) => x[1]))}[${noiseActions}] AS category FROM noise
       UNION ALL
       SELECT l.lead_id, s.action, s.at_ms, s.category FROM scale_signals s JOIN scale_leads l USING (i)
       UNION ALL
       SELECT l.lead_id, 'sales_call', o.handoff_ms + ${day}, 'sales' FROM scale_outcomes o JOIN scale_leads l USING (i) WHERE o.handoff_ms IS NOT NULL
     )
     SELECT lead_id, action, ${iso("at_ms")} AS occurred_at, category FROM events WHERE at_ms < ${start + span + 30 * day} ORDER BY at_ms, lead_id, action`,
    "events",
  );
  const count = await connection.runAndReadAll(`SELECT count(*)::BIGINT AS n FROM read_${ext}('${eventsPath}')`);
  return { leads: leadsPath, events: eventsPath, outcomes: outcomesPath, eventCount: Number(count.getRowObjectsJS()[0].n) };
}
