import { renderQuery, type Cte } from "./cte.js";
import { countedActions, eventRows, eventsBeforeMoment, exitEpisodes } from "./event-ctes.js";
import { eventInstant, instantCtes, leadInstants } from "./instant-ctes.js";
import { fitCap, leadCells, profileCtes, scoringMoments } from "./lead-ctes.js";
import { planQuery, trustedModel, type ModelToSqlOptions } from "./query-plan.js";
import { actionPointCtes, finalSelect, inactivityPenalty, lastActivity, pain, probabilityCurve, score, unroundedPain, unroundedScore, velocityPoints } from "./rule-ctes.js";

export type { ModelToSqlOptions, SqlEventColumn, SqlLeadColumn } from "./query-plan.js";

/** The tables and columns a generated query reads. */
export interface SqlInputs {
  readonly leadsTable: string;
  readonly leadColumns: readonly string[];
  /** Null when the model has no behaviour rule, so events cannot change a score. */
  readonly eventsTable: string | null;
  readonly eventColumns: readonly string[];
  /** Whether the query has a `$at` parameter to bind. */
  readonly atParameter: boolean;
}

/**
 * One SQL query (DuckDB dialect) returning, for every row of the leads
 * table, `lead_id, account_id, score, fit, pain, probability, sdr_ready`
 * exactly as `createScorer(model).score(lead, events, at)` returns them:
 * the same profile transforms, only events strictly before the moment, each
 * kept action counted once with its positive points fading from its latest
 * occurrence, the exit, inactivity and velocity rules, the FIT cap, the same
 * rounding and the same calibration curve. Issue #5: decay is applied
 * identically by training replay, runtime and SQL; the parity tests run the
 * query in DuckDB against the runtime, lead by lead. Every operation is the
 * runtime's own, in its order, with one exception: DuckDB's `power` (the C
 * library's pow) and V8's `Math.pow` disagree in the last bit for some
 * exponents, so a decayed action's points could round to a different tenth
 * if they lay within 10^-14 of a tie at …5 — about one chance in 10^13 per
 * decayed action, never seen in the tests (`js-equivalents.test.ts` pins it).
 *
 * The query is a chain of CTEs, one per rule, each adding columns to the
 * previous one (`lead-ctes.ts`, `event-ctes.ts`, `rule-ctes.ts`). It stays close to ANSI SQL (CTEs, CASE, COALESCE, NULLIF,
 * window `lag`/`max`, CAST, VALUES); DuckDB-specific, to replace when porting:
 * the regular-expression functions `regexp_matches`, `regexp_full_match`,
 * `regexp_extract` and `regexp_replace` (RE2 syntax), `translate`, `chr`,
 * `epoch_us`, `isfinite`, `power`, `greatest`, `%`, `error()` (to stop on a
 * date the runtime would refuse), TRY_CAST, UBIGINT (which reads `0x…` and
 * `0b…` text), text → TIMESTAMP casts of ISO 8601 text, `UNION ALL BY NAME`
 * (which lets the leads table lack its optional columns), and the `$at`
 * parameter syntax. No session time zone takes part: offsets are applied by
 * the query itself.
 *
 * Inputs: leads need `lead_id` and the profile columns the model reads;
 * `created_at`, `account_id` (and `as_of` with `asOf`) may be NULL or absent; events need
 * `lead_id`, `action`, `occurred_at`. Profile columns are read as text: load
 * them as VARCHAR (`read_csv(…, all_varchar = true)`) for category features
 * to see the export's own text (a DOUBLE column reads back as "1.0", not "1").
 * One row per leads row, in no particular order; duplicates are not
 * removed, and ids are joined as they are (not trimmed).
 *
 * @throws LeadliftError "invalid-model" for a model the runtime would refuse,
 *   "bad-option" for an unreadable `at`, "sql-unexpressible" for names SQL
 *   cannot hold.
 * @example
 * const model = {
 *   kind: "leadlift-model", schemaVersion: 1, threshold: { score: 20 },
 *   actions: [{ action: "demo_request", points: 20, kept: true }], profile: { features: [], rules: [] },
 * };
 * modelToSql(model, { at: "2025-03-01T00:00:00Z" }) // "WITH\n…\nlead_cells AS (…\nSELECT\n  score.lead_id,\n  score.account_id,\n  score.score,\n…\nFROM score\n"
 */
export function modelToSql(modelJson: unknown, options: ModelToSqlOptions = {}): string {
  const model = trustedModel(modelJson);
  const plan = planQuery(model, options);
  const ctes: Cte[] = [
    leadCells(plan),
    ...instantCtes("lead", "lead_cells", leadInstants(plan)),
    scoringMoments(plan),
    ...profileCtes(plan),
    fitCap(plan),
    // Without a behaviour rule, events cannot change a score and the events table is not read.
    ...(plan.usesEvents
      ? [eventRows(plan), ...instantCtes("event", "event_rows", [eventInstant(plan)]), eventsBeforeMoment(), ...exitEpisodes(plan), countedActions(plan)]
      : []),
    lastActivity(plan),
    ...actionPointCtes(plan),
    inactivityPenalty(plan),
    velocityPoints(plan),
    unroundedPain(),
    pain(),
    unroundedScore(),
    score(),
    ...probabilityCurve(plan),
  ];
  return renderQuery(ctes, finalSelect(plan));
}

/**
 * The tables and columns the query for `model` reads, for headers and docs.
 * @throws LeadliftError as `modelToSql` does.
 */
export function sqlInputs(modelJson: unknown, options: ModelToSqlOptions = {}): SqlInputs {
  const plan = planQuery(trustedModel(modelJson), options);
  const leadColumns = [plan.leads.lead_id, plan.leads.created_at, plan.leads.account_id];
  if (options.asOf) leadColumns.push(plan.leads.as_of);
  for (const feature of plan.features) if (!leadColumns.includes(feature.sourceColumn)) leadColumns.push(feature.sourceColumn);
  return {
    leadsTable: plan.leadsTable,
    leadColumns,
    eventsTable: plan.usesEvents ? plan.eventsTable : null,
    eventColumns: plan.usesEvents ? [plan.events.lead_id, plan.events.action, plan.events.occurred_at] : [],
    atParameter: options.at === undefined,
  };
}
