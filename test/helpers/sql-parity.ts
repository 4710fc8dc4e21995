import type { ModelV1 } from "../../src/model/types.js";
import { createScorer, type EventInput, type LeadInput, type LeadScore } from "../../src/runtime/index.js";
import type { SqlDialectName } from "../../src/sql/dialects/index.js";
import { modelToSql, type ModelToSqlOptions } from "../../src/sql/model-to-sql.js";
import type { TestDatabase, TextRow } from "./duckdb.js";
import type { TestPostgres } from "./postgres.js";

/** A database that runs scoring queries of its dialect, binding the moment when one is given. */
export interface ScoringEngine {
  readonly dialect: SqlDialectName;
  runScoring(sql: string, at: string | undefined): Promise<Record<string, unknown>[]>;
}

/** DuckDB, the moment bound to `$at`. */
export function duckdbEngine(db: TestDatabase): ScoringEngine {
  return { dialect: "duckdb", runScoring: (sql, at) => db.query(sql, at === undefined ? undefined : { at }) };
}

/** PostgreSQL, the moment bound to `$1`. */
export function postgresEngine(db: TestPostgres): ScoringEngine {
  return { dialect: "postgres", runScoring: (sql, at) => db.query(sql, at === undefined ? undefined : [at]) };
}

/** What to score: the leads and events already in the database's `leads`/`events` tables (or the tables `options` names), as the runtime sees them. */
export interface ParityCase {
  readonly model: ModelV1;
  /** Lead rows as the runtime receives them; `lead_id` must be a key of each. */
  readonly leads: readonly LeadInput[];
  readonly events: ReadonlyArray<EventInput & { readonly lead_id: string }>;
  /** The moment bound to the query's parameter (or given as `options.at`). */
  readonly at: string;
  readonly options?: ModelToSqlOptions;
  /** The lead's own moment (its `as_of`), when the case scores leads at their own moments. */
  readonly momentOf?: (lead: LeadInput) => string | null;
}

/** A difference between SQL and runtime on one field of one lead. */
export interface Mismatch {
  readonly leadId: string;
  readonly field: string;
  readonly runtime: unknown;
  readonly sql: unknown;
}

export interface ParityResult {
  /** Leads compared field by field (every lead of the case). */
  readonly compared: number;
  readonly mismatches: Mismatch[];
  /** The runtime's scores, for assertions that the case exercised a rule. */
  readonly runtime: ReadonlyMap<string, LeadScore>;
}

/**
 * Runs `modelToSql(model)` in the engine's dialect and `createScorer(model).score(lead,
 * events, at)` for every lead, and lists every field that differs: score,
 * fit, pain and probability compared with `Object.is` (bit for bit, −0 ≠ 0),
 * sdr_ready as booleans, and lead rows missing on either side.
 */
export async function compareSqlWithRuntime(engine: ScoringEngine, parity: ParityCase): Promise<ParityResult> {
  const sql = modelToSql(parity.model, { ...parity.options, dialect: engine.dialect });
  const rows = await engine.runScoring(sql, parity.options?.at === undefined ? parity.at : undefined);
  const sqlById = new Map(rows.map((row) => [String(row.lead_id), row]));
  const scorer = createScorer(parity.model);
  const eventsByLead = new Map<string, EventInput[]>();
  for (const event of parity.events) {
    const list = eventsByLead.get(event.lead_id) ?? [];
    list.push(event);
    eventsByLead.set(event.lead_id, list);
  }
  const mismatches: Mismatch[] = [];
  const runtime = new Map<string, LeadScore>();
  for (const lead of parity.leads) {
    const leadId = String(lead.lead_id);
    const expected = scorer.score(lead, eventsByLead.get(leadId) ?? [], parity.momentOf?.(lead) ?? parity.at);
    runtime.set(leadId, expected);
    const got = sqlById.get(leadId);
    if (!got) {
      mismatches.push({ leadId, field: "(row)", runtime: "scored", sql: "missing" });
      continue;
    }
    const pairs: Array<[string, unknown, unknown]> = [
      ["score", expected.score, got.score],
      ["fit", expected.fit, got.fit],
      ["pain", expected.pain, got.pain],
      ["probability", expected.probability, got.probability],
      ["sdr_ready", expected.sdrReady, got.sdr_ready],
    ];
    for (const [field, want, have] of pairs) if (!Object.is(want, have)) mismatches.push({ leadId, field, runtime: want, sql: have });
  }
  if (rows.length !== parity.leads.length) mismatches.push({ leadId: "*", field: "(row count)", runtime: parity.leads.length, sql: rows.length });
  return { compared: parity.leads.length, mismatches, runtime };
}

/** Text rows → the lead objects the runtime receives (a NULL cell is an absent value). */
export function leadInputs(rows: readonly TextRow[]): LeadInput[] {
  return rows.map((row) => Object.fromEntries(Object.entries(row).filter(([, value]) => value !== null)));
}
