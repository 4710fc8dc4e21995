import { renderQuery, type Cte } from "./cte.js";
import { countedActions, eventRows, eventsBeforeMoment, exitEpisodes } from "./event-ctes.js";
import { eventInstant, instantCtes, leadInstants } from "./instant-ctes.js";
import { fitCap, leadCells, optionalLeadColumns, profileCtes, scoringMoments } from "./lead-ctes.js";
import { planQuery, trustedModel, type ModelToSqlOptions } from "./query-plan.js";
import { actionPointCtes, finalSelect, inactivityPenalty, lastActivity, pain, probability, score, unroundedPain, unroundedScore, velocityPoints } from "./rule-ctes.js";

export type { ModelToSqlOptions, SqlEventColumn, SqlLeadColumn } from "./query-plan.js";

/** The tables and columns a generated query reads. */
export interface SqlInputs {
  readonly leadsTable: string;
  readonly leadColumns: readonly string[];
  /** Null when the model has no behaviour rule, so events cannot change a score. */
  readonly eventsTable: string | null;
  readonly eventColumns: readonly string[];
  /** Whether the query has a moment parameter to bind. */
  readonly atParameter: boolean;
  /** The dialect's name for headers ("DuckDB", "PostgreSQL", …). */
  readonly dialectTitle: string;
  /** How to give the moment parameter, in the dialect's words (when `atParameter`). */
  readonly howToBindMoment: string;
  /** Whether `created_at`, `account_id` (and `as_of`) may be absent from the leads table, or must exist (NULL where unknown). */
  readonly optionalColumnsMayBeAbsent: boolean;
}

/**
 * One SQL query (DuckDB by default; `options.dialect` for PostgreSQL,
 * BigQuery, Snowflake or Spark SQL) returning, for every row of the leads
 * table, `lead_id, account_id, score, fit, pain, probability, sdr_ready`
 * exactly as `createScorer(model).score(lead, events, at)` returns them:
 * the same profile transforms, only events strictly before the moment, each
 * kept action counted once with its positive points fading from its latest
 * occurrence, the exit, inactivity and velocity rules, the FIT cap, the same
 * rounding and the same calibration curve. Issue #5: decay is applied
 * identically by training replay, runtime and SQL; the parity tests run the
 * query in DuckDB and in a real PostgreSQL server against the runtime, lead
 * by lead, and check the other dialects' text against golden files. Every
 * operation is the runtime's own, in its order, with one exception: the
 * engine's `power` (the C library's pow) and V8's `Math.pow` disagree in
 * the last bit for some exponents, so a decayed action's points could round
 * to a different tenth if they lay within 10^-14 of a tie at …5 — about one
 * chance in 10^13 per decayed action, never seen in the tests
 * (`js-equivalents.test.ts` pins it for DuckDB and PostgreSQL).
 *
 * The query is a chain of CTEs, one per rule, each adding columns to the
 * previous one (`lead-ctes.ts`, `instant-ctes.ts`, `event-ctes.ts`,
 * `rule-ctes.ts`), written once in portable SQL (CTEs, CASE, COALESCE,
 * NULLIF, `||`, `substr`, `replace`, `translate`, window `lag`/`max`, CAST);
 * what differs between engines — quoting, literals, types, regular
 * expressions, errors, reading optional columns, the moment parameter — is
 * asked of the dialect (`src/sql/dialects/sql-dialect.ts`). Instants are
 * parsed from their digits (no date type or session time zone takes part).
 *
 * Inputs: leads need `lead_id` and the profile columns the model reads;
 * `created_at`, `account_id` (and `as_of` with `asOf`) may be NULL or absent; events need
 * `lead_id`, `action`, `occurred_at` (in BigQuery and Spark SQL the optional
 * lead columns must exist, NULL where unknown). Profile columns are read as
 * text: load them as text (DuckDB: `read_csv(…, all_varchar = true)`) for
 * category features to see the export's own text (a DOUBLE column reads
 * back as "1.0", not "1").
 * One row per leads row, in no particular order; duplicates are not
 * removed, and ids are joined as they are (not trimmed).
 *
 * @throws LeadliftError "invalid-model" for a model the runtime would refuse,
 *   "bad-option" for an unreadable `at` or an unknown dialect,
 *   "sql-unexpressible" for names SQL cannot hold.
 * @example
 * const model = {
 *   kind: "leadlift-model", schemaVersion: 1, threshold: { score: 20 },
 *   actions: [{ action: "demo_request", points: 20, kept: true }], profile: { features: [], rules: [] },
 * };
 * modelToSql(model, { at: "2025-03-01T00:00:00Z" }) // "WITH\n…\nlead_cells AS (…\nSELECT\n  probability.lead_id,\n  probability.account_id,\n  probability.score,\n…\nFROM probability\n"
 * modelToSql(model, { dialect: "postgres" }) // "WITH\n…CAST($1 AS TEXT)…"
 */
export function modelToSql(modelJson: unknown, options: ModelToSqlOptions = {}): string {
  const model = trustedModel(modelJson);
  const plan = planQuery(model, options);
  const ctes: Cte[] = [
    leadCells(plan),
    ...instantCtes(plan, "lead", "lead_cells", leadInstants(plan)),
    scoringMoments(plan),
    ...profileCtes(plan),
    fitCap(plan),
    // Without a behaviour rule, events cannot change a score and the events table is not read.
    ...(plan.usesEvents
      ? [eventRows(plan), ...instantCtes(plan, "event", "event_rows", [eventInstant(plan)]), eventsBeforeMoment(), ...exitEpisodes(plan), countedActions(plan)]
      : []),
    lastActivity(plan),
    ...actionPointCtes(plan),
    inactivityPenalty(plan),
    velocityPoints(plan),
    unroundedPain(plan),
    pain(plan),
    unroundedScore(plan),
    score(plan),
    probability(plan),
  ];
  return renderQuery(ctes, finalSelect(plan), plan.dialect.cteAs);
}

/**
 * The tables and columns the query for `model` reads, for headers and docs.
 * @throws LeadliftError as `modelToSql` does.
 */
export function sqlInputs(modelJson: unknown, options: ModelToSqlOptions = {}): SqlInputs {
  const plan = planQuery(trustedModel(modelJson), options);
  const leadColumns = [plan.leads.lead_id, ...optionalLeadColumns(plan)];
  for (const feature of plan.features) if (!leadColumns.includes(feature.sourceColumn)) leadColumns.push(feature.sourceColumn);
  return {
    leadsTable: plan.leadsTable,
    leadColumns,
    eventsTable: plan.usesEvents ? plan.eventsTable : null,
    eventColumns: plan.usesEvents ? [plan.events.lead_id, plan.events.action, plan.events.occurred_at] : [],
    atParameter: options.at === undefined,
    dialectTitle: plan.dialect.title,
    howToBindMoment: plan.dialect.momentParameter.howToBind,
    optionalColumnsMayBeAbsent: plan.dialect.optionalColumnsMayBeAbsent,
  };
}
