import type { LeadliftConfig } from "../config/config-schema.js";
import { createEventStore, type EventStore } from "../io/event-store.js";
import { LeadliftError } from "../errors.js";
import { IssueLog, type IssueListener } from "../io/issue-log.js";
import { assertEventColumnsReadable, createEventRowValidator, resolveEventColumns, type EventColumns, type LoadedEvents } from "../io/load-events.js";
import { textCell } from "../io/row-stream.js";
import { quoteIdentifier, stringLiteral } from "../sql/sql-literals.js";
import type { DuckDbClient } from "./duckdb-client.js";

/** Rows handed from DuckDB to JavaScript at once (a slice of a materialized table). */
const SLICE_ROWS = 2_000_000;

/** Parquet column types whose cells DuckDB reads as leadlift's reader does. */
const TEXT_TYPES = /^(VARCHAR|BIGINT|INTEGER|SMALLINT|TINYINT|HUGEINT|UBIGINT|UINTEGER|USMALLINT|UTINYINT)$/;
const TIME_TYPES = /^(VARCHAR|DATE|TIMESTAMP|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|TIMESTAMP WITH TIME ZONE)$/;

/** The DuckDB tables the training queries read, after `loadEventsInDuckDb` (see docs/training-sql.md). */
export const EVENT_TABLES = {
  /** lead INTEGER (position in CrmData.leads), t DOUBLE (epoch ms), action INTEGER, category INTEGER (−1: none), seq BIGINT (file order). */
  events: "ll_events",
  /** id INTEGER, name VARCHAR. */
  actions: "ll_actions",
  /** id INTEGER, name VARCHAR. */
  categories: "ll_categories",
} as const;

/**
 * Reads a Parquet events file with DuckDB into the training tables and the
 * JavaScript `EventStore` — the same rows used, skipped and rejected, with
 * the same issues, as leadlift's own reader (`loadEventStream`), since only
 * rows DuckDB can prove it reads identically take the fast path:
 * - a lead id equal to a loaded lead's id, an action with no surrounding
 *   blanks that is not excluded, a category that is empty or has no
 *   surrounding blanks, and an instant that is a timestamp or date from
 *   1970 to 9999, or ISO text (`YYYY-MM-DD`, optionally `THH:MM[:SS[.mmm]]` and `Z`)
 *   that DuckDB reads as a valid date;
 * - every other row goes through leadlift's row validator in JavaScript,
 *   with its row number (Parquet rows count from 1), so its issue — or its
 *   acceptance, e.g. a date in another format the config allows — is
 *   exactly the reader's.
 * Returns null when the file cannot be read this way (not Parquet, an
 * unreadable file, cell types the reader would turn into other text,
 * instants before 1970 that it would round differently, or cells DuckDB
 * refuses — text that is not UTF-8, which the reader decodes with U+FFFD,
 * or a damaged page): the caller then uses leadlift's reader, which gives
 * the error or the rows.
 */
export function loadEventsInDuckDb(
  client: DuckDbClient,
  path: string,
  file: string,
  config: LeadliftConfig,
  leadIds: readonly string[],
  rejectedLeadIds: ReadonlyMap<string, number>,
  leadsFile: string,
  onIssue?: IssueListener,
): LoadedEvents | null {
  let schema: { column_name: Array<string | null>; column_type: Array<string | null> };
  let source: string;
  try {
    source = `read_parquet(${stringLiteral(client.literalPath(path))}, file_row_number = true)`;
    schema = client.query(`DESCRIBE SELECT * FROM ${source}`) as typeof schema;
  } catch {
    return null;
  }
  const names = schema.column_name.filter((n): n is string => n !== null && n !== "file_row_number");
  const typeOf = new Map(names.map((n, i) => [n, schema.column_type[i] ?? ""]));
  const columns = resolveEventColumns({ file, columnNames: names }, config);
  const textColumns = [columns.lead_id, columns.action, ...(columns.category ? [columns.category] : [])];
  if (textColumns.some((c) => !TEXT_TYPES.test(typeOf.get(c) ?? "")) || !TIME_TYPES.test(typeOf.get(columns.occurred_at) ?? "")) return null;
  const timeType = typeOf.get(columns.occurred_at) as string;
  try {
    if (timeType !== "VARCHAR") {
      const outside = scanning(() => client.query(`SELECT count(*) AS n FROM ${source} e WHERE ${epochMs(columns.occurred_at, timeType)} < 0 OR ${epochMs(columns.occurred_at, timeType)} >= 253402300800000`));
      if ((outside.n as Float64Array)[0] > 0) return null;
    }
    return readEventsInDuckDb(client, source, file, config, columns, typeOf, timeType, leadIds, rejectedLeadIds, leadsFile, onIssue);
  } catch (error) {
    // DuckDB could not read the file's cells (text that is not UTF-8, a damaged page) before any row was
    // validated: leadlift's reader reads the file as it always does, or names the file and rows it cannot read.
    if (!(error instanceof UnreadableByDuckDb)) throw error;
    client.run(DUCKDB_WORK_TABLES.map((table) => `DROP TABLE IF EXISTS ${table};`).join(" "));
    return null;
  }
}

/** Tables `readEventsInDuckDb` works with before the first row is validated. */
const DUCKDB_WORK_TABLES = ["ll_lead_ids", "ll_action_dictionary", "ll_category_dictionary", EVENT_TABLES.events, "ll_suspect"];

/** DuckDB failed while scanning the file's cells. */
class UnreadableByDuckDb extends Error {}

/** Runs a statement that scans the Parquet file's cells; DuckDB's failure there becomes `UnreadableByDuckDb`. */
function scanning<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw error instanceof LeadliftError && error.code === "engine-failed" ? new UnreadableByDuckDb(error.message) : error;
  }
}

/**
 * `loadEventsInDuckDb` for a file whose columns DuckDB reads as the reader
 * does. Every scan of the file's cells (`scanning`) comes before the first
 * row is validated, so a failure there leaves no issue reported.
 */
function readEventsInDuckDb(
  client: DuckDbClient,
  source: string,
  file: string,
  config: LeadliftConfig,
  columns: EventColumns,
  typeOf: ReadonlyMap<string, string>,
  timeType: string,
  leadIds: readonly string[],
  rejectedLeadIds: ReadonlyMap<string, number>,
  leadsFile: string,
  onIssue: IssueListener | undefined,
): LoadedEvents {
  client.createTable("ll_lead_ids", {
    lead: { type: "INTEGER", values: Int32Array.from(leadIds.keys()) },
    lead_id: { type: "VARCHAR", values: leadIds },
  });
  const text = (column: string) => (typeOf.get(column) === "VARCHAR" ? `e.${quoteIdentifier(column)}` : `CAST(e.${quoteIdentifier(column)} AS VARCHAR)`);
  const lead = text(columns.lead_id);
  const action = text(columns.action);
  // Typed, so the table of rows the validator reads has a text column for it (a bare NULL would make it a number column).
  const category = columns.category ? text(columns.category) : "NULL::VARCHAR";
  const fastTime = fastInstant(columns.occurred_at, timeType);

  // The distinct action and category texts (few), judged in JavaScript with the reader's own trimming: clean ones get ids.
  const excluded = new Set(config.training.excludeActions);
  const actionNames: string[] = [];
  const categoryNames: string[] = [];
  const actionIdOf = new Map<string, number>();
  const categoryIdOf = new Map<string, number>();
  const distinct = (sql: string) => {
    const rows = scanning(() => client.query(`SELECT ${sql} AS text, min(e.file_row_number) AS first FROM ${source} e GROUP BY 1 ORDER BY 2`));
    return rows.text as Array<string | null>;
  };
  const actionTexts = distinct(action);
  const actionDictionary = actionTexts.map((name) => {
    const clean = name !== null && name !== "" && name.trim() === name && !excluded.has(name);
    if (!clean) return -1;
    actionIdOf.set(name, actionNames.length);
    return actionNames.push(name) - 1;
  });
  const categoryTexts = columns.category ? distinct(category) : [];
  // −1: no category (empty cell); −2: not clean (the reader must judge it).
  const categoryDictionary = categoryTexts.map((name) => {
    if (name === null || name === "") return -1;
    if (name.trim() !== name || textCell(name) === null) return -2;
    categoryIdOf.set(name, categoryNames.length);
    return categoryNames.push(name) - 1;
  });
  client.createTable("ll_action_dictionary", { text: { type: "VARCHAR", values: actionTexts }, id: { type: "INTEGER", values: Int32Array.from(actionDictionary) } });
  client.createTable("ll_category_dictionary", { text: { type: "VARCHAR", values: categoryTexts }, id: { type: "INTEGER", values: Int32Array.from(categoryDictionary) } });
  const joins = `LEFT JOIN ll_lead_ids l ON l.lead_id = ${lead}
    LEFT JOIN ll_action_dictionary a ON a.text = ${action}
    LEFT JOIN ll_category_dictionary c ON c.text = ${category}`;
  // One pass over the file: every row, read and judged once, into the events table sorted by lead, time and row —
  // the rows that need leadlift's validator (suspects) last, after every fast row, under a lead number no lead has.
  // Two passes (the suspects, then the fast rows again by their row numbers) read, joined and timed each row twice.
  // The suspects are put last by that lead number, not by a flag sorted first: at 40M rows, where the sort spills,
  // such a flag made the statement cost as much CPU time as the two passes (28 s), against 19 s this way.
  const suspectLead = leadIds.length;
  scanning(() =>
    client.run(`CREATE OR REPLACE TABLE ${EVENT_TABLES.events} AS
    SELECT CASE WHEN known_lead IS NOT NULL AND action >= 0 AND category >= -1 AND t IS NOT NULL THEN known_lead ELSE ${suspectLead} END AS lead, t, action, category, seq
    FROM (
      SELECT l.lead AS known_lead, ${fastTime}::DOUBLE AS t, a.id AS action, CASE WHEN ${category} IS NULL THEN -1 ELSE c.id END::INTEGER AS category, e.file_row_number::BIGINT AS seq
      FROM ${source} e ${joins}
    ) ORDER BY lead, t, seq`),
  );
  const total = (client.query(`SELECT count(*) AS n FROM ${source}`).n as Float64Array)[0];
  const fastRows = (client.query(`SELECT count(*) AS n FROM ${EVENT_TABLES.events} WHERE lead < ${suspectLead}`).n as Float64Array)[0];
  const suspects = total - fastRows;
  if (suspects > 0) {
    // The suspects' cells, in file order, for the validator: one more pass, only for files that have any.
    scanning(() =>
      client.run(`CREATE OR REPLACE TABLE ll_suspect AS
      SELECT e.file_row_number AS seq, ${lead} AS lead_text, ${action} AS action_text, ${slowInstantText(columns.occurred_at, timeType)} AS time_text, ${category} AS category_text
      FROM ${source} e SEMI JOIN (SELECT seq FROM ${EVENT_TABLES.events} WHERE rowid >= ${fastRows}) s ON s.seq = e.file_row_number`),
    );
  }
  const log = new IssueLog(file, onIssue);
  const accepted = { lead: [] as number[], t: [] as number[], action: [] as number[], category: [] as number[], seq: [] as number[] };
  if (suspects > 0) {
    // Only the validator looks leads up by id: a map of every lead (0.4-0.65 s to build for 1M ids here), made when a row needs it.
    const leadIndex = new Map(leadIds.map((id, i) => [id, i]));
    const validate = createEventRowValidator({ file, columns, config, knownLeadIds: leadIndex, rejectedLeadIds, leadsFile, log });
    const idOf = (name: string, ids: Map<string, number>, names: string[]) => {
      let id = ids.get(name);
      if (id === undefined) ids.set(name, (id = names.push(name) - 1));
      return id;
    };
    for (let from = 0; from < suspects; from += SLICE_ROWS) {
      const slice = client.query(`SELECT * FROM ll_suspect ORDER BY seq LIMIT ${SLICE_ROWS} OFFSET ${from}`);
      const seq = slice.seq as Float64Array;
      for (let r = 0; r < seq.length; r++) {
        const cell = (values: unknown) => textCell(((values as Array<string | null>)[r] ?? "") as string);
        const record = validate(seq[r] + 1, cell(slice.lead_text), cell(slice.action_text), cell(slice.time_text), cell(slice.category_text));
        if (!record) continue;
        accepted.lead.push(leadIndex.get(record.leadId) as number);
        accepted.t.push(record.occurredAt);
        accepted.action.push(idOf(record.action, actionIdOf, actionNames));
        accepted.category.push(record.category === null ? -1 : idOf(record.category, categoryIdOf, categoryNames));
        accepted.seq.push(seq[r]);
      }
    }
  }
  assertEventColumnsReadable(log, columns, total, config);
  if (suspects > 0) {
    // The suspects are the table's last rows: deleted, the fast rows keep their row ids (the store reads by row id).
    client.run(`DROP TABLE ll_suspect; DELETE FROM ${EVENT_TABLES.events} WHERE rowid >= ${fastRows}`);
  }
  if (accepted.seq.length > 0) {
    client.createTable("ll_accepted", {
      lead: { type: "INTEGER", values: Int32Array.from(accepted.lead) },
      t: { type: "DOUBLE", values: Float64Array.from(accepted.t) },
      action: { type: "INTEGER", values: Int32Array.from(accepted.action) },
      category: { type: "INTEGER", values: Int32Array.from(accepted.category) },
      seq: { type: "DOUBLE", values: Float64Array.from(accepted.seq) },
    });
    // The rows the validator accepted, sorted in among the fast ones.
    client.run(`CREATE OR REPLACE TABLE ll_merged AS
      SELECT lead, t, action, category, seq FROM (SELECT lead, t, action, category, seq FROM ${EVENT_TABLES.events} UNION ALL SELECT lead, t, action, category, seq::BIGINT FROM ll_accepted)
      ORDER BY lead, t, seq;
      DROP TABLE ll_accepted; DROP TABLE ${EVENT_TABLES.events}; ALTER TABLE ll_merged RENAME TO ${EVENT_TABLES.events}`);
  }
  client.run("DROP TABLE ll_lead_ids; DROP TABLE ll_action_dictionary; DROP TABLE ll_category_dictionary");
  // With no suspect every row is used, and every name in it is clean: names are first used where they first occur,
  // the order their ids were given in, so the two scans of the events table that would check it are spared.
  const usedActions = suspects === 0 ? actionNames : renumberInUseOrder(client, "action", actionNames);
  const usedCategories = suspects === 0 ? categoryNames : renumberInUseOrder(client, "category", categoryNames);
  client.createTable(EVENT_TABLES.actions, { id: { type: "INTEGER", values: Int32Array.from(usedActions.keys()) }, name: { type: "VARCHAR", values: usedActions } });
  client.createTable(EVENT_TABLES.categories, { id: { type: "INTEGER", values: Int32Array.from(usedCategories.keys()) }, name: { type: "VARCHAR", values: usedCategories } });
  const store = readEventStore(client, leadIds);
  return { store, issues: log.issues, summary: log.summary(total) };
}

/**
 * The names of the events table's `column` (action or category ids) that
 * used events carry, numbered in the order they are first used in the file —
 * the dictionary leadlift's reader builds as it reads (a name seen only in
 * rejected or skipped rows is not in it). The table's ids are rewritten
 * when they differ (a name first seen in a rejected row).
 */
function renumberInUseOrder(client: DuckDbClient, column: "action" | "category", names: readonly string[]): string[] {
  const order = client.query(`SELECT ${column} AS old, min(seq) AS first FROM ${EVENT_TABLES.events} WHERE ${column} >= 0 GROUP BY 1 ORDER BY 2`, ["old"]);
  const old = order.old as Int32Array;
  if (old.length !== names.length || old.some((id, k) => id !== k)) {
    client.createTable("ll_renumber", { old: { type: "INTEGER", values: Int32Array.from(old) }, id: { type: "INTEGER", values: Int32Array.from(old.keys()) } });
    // An update in place keeps the table's row order, which readEventStore reads it in.
    client.run(`UPDATE ${EVENT_TABLES.events} SET ${column} = r.id FROM ll_renumber r WHERE ${EVENT_TABLES.events}.${column} = r.old; DROP TABLE ll_renumber`);
  }
  return Array.from(old, (id) => names[id]);
}

/**
 * Writes the training tables from a store leadlift's reader built (CSV and
 * JSON Lines exports, or Parquet that DuckDB cannot read identically), so
 * the statistics queries run on the same events either way.
 */
export function writeEventTables(client: DuckDbClient, store: EventStore): void {
  const lead = new Int32Array(store.length);
  const times = new Float64Array(store.length);
  const actions = new Int32Array(store.length);
  const categories = new Int32Array(store.length);
  const seq = new Float64Array(store.length);
  let k = 0;
  for (let i = 0; i < store.start.length; i++) {
    for (let e = store.start[i]; e < store.end[i]; e++) {
      lead[k] = i;
      times[k] = store.times[e];
      actions[k] = store.actionIds[e];
      categories[k] = store.categoryIds[e];
      seq[k] = store.sequence[e];
      k++;
    }
  }
  client.createTable(EVENT_TABLES.events, {
    lead: { type: "INTEGER", values: lead },
    t: { type: "DOUBLE", values: times },
    action: { type: "INTEGER", values: actions },
    category: { type: "INTEGER", values: categories },
    seq: { type: "DOUBLE", values: seq },
  });
  client.createTable(EVENT_TABLES.actions, { id: { type: "INTEGER", values: Int32Array.from(store.actions.keys()) }, name: { type: "VARCHAR", values: store.actions } });
  client.createTable(EVENT_TABLES.categories, { id: { type: "INTEGER", values: Int32Array.from(store.categories.keys()) }, name: { type: "VARCHAR", values: store.categories } });
}

/**
 * The JavaScript store of the `events` table: its columns in slices of the
 * table's own order (lead, time, file order), lead ranges from a count of
 * each lead's rows (reading the lead column itself took about a third of
 * the slices' time, 10M events).
 * Categories and file order stay in the table until first asked for (the
 * DuckDB statistics read them there; the in-process code that needs them —
 * action order and categories, `actionsInFileOrder` — reads them then):
 * 8 bytes an event not held in memory during training.
 */
export function readEventStore(client: DuckDbClient, leadIds: readonly string[]): EventStore {
  const actions = client.query(`SELECT name FROM ${EVENT_TABLES.actions} ORDER BY id`).name as string[];
  const categories = client.query(`SELECT name FROM ${EVENT_TABLES.categories} ORDER BY id`).name as string[];
  const length = (client.query(`SELECT count(*) AS n FROM ${EVENT_TABLES.events}`).n as Float64Array)[0];
  const { start, end } = leadRanges(client, leadIds.length);
  const times = new Float64Array(length);
  const actionIds = new Int32Array(length);
  for (let from = 0; from < length; from += SLICE_ROWS) {
    const slice = client.query(`SELECT t, action FROM ${EVENT_TABLES.events} WHERE rowid >= ${from} AND rowid < ${from + SLICE_ROWS}`, ["action"]);
    times.set(slice.t as Float64Array, from);
    actionIds.set(slice.action as Int32Array, from);
  }
  const categoryIds = () => readIntegerColumn(client, "category", length);
  const sequence = () => readIntegerColumn(client, "seq", length);
  return createEventStore({ leadIds, start, end, times, actionIds, categoryIds, sequence, actions, categories });
}

/**
 * Each lead's range of rows in the events table, from its first row and
 * count; a lead without events gets an empty range where its events would be.
 * @throws Error when a lead's rows are not the ones right after the previous
 * lead's (the table is not in lead order).
 */
function leadRanges(client: DuckDbClient, leads: number): { start: Int32Array; end: Int32Array } {
  const rows = client.query(`SELECT lead, min(rowid) AS first, count(*) AS n FROM ${EVENT_TABLES.events} GROUP BY lead ORDER BY lead`, ["lead"]);
  const lead = rows.lead as Int32Array;
  const first = rows.first as Float64Array;
  const count = rows.n as Float64Array;
  const start = new Int32Array(leads);
  const end = new Int32Array(leads);
  let next = 0;
  let k = 0;
  for (let i = 0; i < leads; i++) {
    start[i] = next;
    if (k < lead.length && lead[k] === i) {
      if (first[k] !== next) throw new Error("DuckDB returned the events table out of lead order.");
      next += count[k++];
    }
    end[i] = next;
  }
  return { start, end };
}

/** One integer column of the events table, in the table's order, in slices. */
function readIntegerColumn(client: DuckDbClient, column: "category" | "seq", length: number): Int32Array {
  const values = new Int32Array(length);
  for (let from = 0; from < length; from += SLICE_ROWS) {
    const slice = client.query(`SELECT ${column} FROM ${EVENT_TABLES.events} WHERE rowid >= ${from} AND rowid < ${from + SLICE_ROWS}`, [column]);
    values.set(slice[column] as Int32Array, from);
  }
  return values;
}

/** Epoch milliseconds of a timestamp or date column of the events file (aliased `e`) (the reader's conversion for 1970–9999: truncated to the millisecond). */
function epochMs(column: string, type: string): string {
  const q = `e.${quoteIdentifier(column)}`;
  return type === "DATE" ? `epoch_ms(CAST(${q} AS TIMESTAMP))` : `epoch_ms(${q})`;
}

const ISO_DATE = "[1-9][0-9]{3}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])";
const ISO_TIME = "([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{3})?)?Z?";

/** ISO_TIME with seconds: the layout DuckDB's timestamp cast reads as it is, `T` and `Z` included. */
const ISO_TIME_WITH_SECONDS = "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{3})?Z?";

/**
 * The instant (epoch ms) when the fast path can read it exactly as the reader would; NULL otherwise.
 * ISO text with seconds (exports' usual layout) is cast as it is; the other ISO layouts — a date alone,
 * or minutes followed by `Z`, which DuckDB's cast refuses — have their `T` and `Z` replaced first
 * (two string copies a row: about a third of the time of a pass over 10M events).
 */
function fastInstant(column: string, type: string): string {
  const q = `e.${quoteIdentifier(column)}`;
  if (type !== "VARCHAR") return `CASE WHEN ${epochMs(column, type)} >= 0 AND ${epochMs(column, type)} < 253402300800000 THEN ${epochMs(column, type)} END`;
  return `CASE WHEN regexp_full_match(${q}, '${ISO_DATE}[T ]${ISO_TIME_WITH_SECONDS}') THEN epoch_ms(TRY_CAST(${q} AS TIMESTAMP))
    WHEN regexp_full_match(${q}, '${ISO_DATE}') THEN epoch_ms(CAST(TRY_CAST(${q} AS DATE) AS TIMESTAMP))
    WHEN regexp_full_match(${q}, '${ISO_DATE}[T ]${ISO_TIME}') THEN epoch_ms(TRY_CAST(replace(replace(${q}, 'T', ' '), 'Z', '') AS TIMESTAMP)) END`;
}

/** The text leadlift's Parquet reader gives an instant cell (ISO 8601 in UTC with milliseconds for timestamps and dates). */
function slowInstantText(column: string, type: string): string {
  if (type === "VARCHAR") return `e.${quoteIdentifier(column)}`;
  return `strftime(make_timestamp(${epochMs(column, type)} * 1000), '%Y-%m-%dT%H:%M:%S.%gZ')`;
}

export type { EventColumns };
