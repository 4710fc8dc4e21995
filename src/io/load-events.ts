import type { LeadliftConfig } from "../config/config-schema.js";
import { assertRowsReadable, IssueLog, logReaderProblems, where } from "./issue-log.js";
import { createDateParser, expectedDateText, suggestDateFormat } from "./parse-date.js";
import type { RawTable } from "./read-table.js";
import type { RowProblem, RowStream } from "./row-stream.js";
import type { IssueListener } from "./issue-log.js";
import { EventStoreBuilder, type EventStore } from "./event-store.js";
import type { EventRecord, FileSummary, LoadResult, RowIssue } from "./records.js";
import { mappingHint, requireColumns } from "./require-columns.js";

/** The export's column for each events contract column (`category` is optional). */
export interface EventColumns {
  readonly lead_id: string;
  readonly action: string;
  readonly occurred_at: string;
  readonly category: string | null;
}

/**
 * The events file's column names after config mapping.
 * @throws LeadliftError "missing-columns" naming what is missing and what was found.
 */
export function resolveEventColumns(table: { readonly file: string; readonly columnNames: readonly string[] }, config: LeadliftConfig): EventColumns {
  return requireColumns(table, config.columns.events, ["lead_id", "action", "occurred_at"], ["category"], mappingHint("events"));
}

/** What an event row is checked against. */
export interface EventRowContext {
  readonly file: string;
  readonly columns: EventColumns;
  readonly config: LeadliftConfig;
  /** Lead ids that were loaded; anything with `has` (a Set, or a Map to an index). */
  readonly knownLeadIds: { has(leadId: string): boolean };
  /** Ids of rejected lead rows → their row, so an event can say why its lead is unknown. */
  readonly rejectedLeadIds?: ReadonlyMap<string, number>;
  /** Name of the leads file in messages. */
  readonly leadsFile?: string;
  /** Where rejections and skips are recorded. */
  readonly log: IssueLog;
}

/** Checks one event row's cells; returns the record, or null after logging why the row is not used. */
export type EventRowValidator = (
  row: number,
  leadIdCell: string | null | undefined,
  actionCell: string | null | undefined,
  occurredAtCell: string | null | undefined,
  categoryCell: string | null | undefined,
) => EventRecord | null;

/**
 * The one validation of an event row, shared by `loadEvents` (a table in
 * memory) and streaming readers (row by row): a known `lead_id`, a
 * non-empty `action`, an ISO `occurred_at`. Events of unknown or rejected
 * leads and bad dates are rejected with an issue naming file, row and
 * column; actions in `training.excludeActions` are skipped with one.
 */
export function createEventRowValidator(context: EventRowContext): EventRowValidator {
  const { file, columns, knownLeadIds, log } = context;
  const rejectedLeadIds = context.rejectedLeadIds ?? new Map<string, number>();
  const leadsFile = context.leadsFile ?? "the leads file";
  const excluded = new Set(context.config.training.excludeActions);
  const parseDate = createDateParser(context.config.input.dateFormat);
  const expectedDate = expectedDateText(context.config.input.dateFormat);
  return (row, leadIdCell, actionCell, occurredAtCell, categoryCell) => {
    const leadId = leadIdCell?.trim() ?? "";
    if (!knownLeadIds.has(leadId)) {
      const leadRow = rejectedLeadIds.get(leadId);
      if (leadRow !== undefined) {
        log.reject(row, columns.lead_id, "lead-rejected", leadId, `${where(file, row, columns.lead_id)}: lead ${JSON.stringify(leadId)} was rejected at ${leadsFile} row ${leadRow}; fix that row.`);
        return null;
      }
      log.reject(row, columns.lead_id, "unknown-lead", leadIdCell ?? null, `${where(file, row, columns.lead_id)}: expected a lead id from the leads file, got ${JSON.stringify(leadIdCell ?? "")}.`);
      return null;
    }
    const action = actionCell?.trim() ?? "";
    if (!action) {
      log.reject(row, columns.action, "missing-value", null, `${where(file, row, columns.action)}: expected an action name, got an empty cell.`);
      return null;
    }
    const text = occurredAtCell ?? null;
    const occurredAt = text === null ? null : parseDate(text);
    if (occurredAt === null) {
      log.reject(row, columns.occurred_at, "bad-date", text, `${where(file, row, columns.occurred_at)}: expected ${expectedDate}, got ${JSON.stringify(text ?? "")}.`);
      return null;
    }
    if (excluded.has(action)) {
      log.skip(row, columns.action, "excluded-action", action, `${where(file, row, columns.action)}: action ${JSON.stringify(action)} is in training.excludeActions.`);
      return null;
    }
    return { leadId, action, occurredAt, category: categoryCell?.trim() || null };
  };
}

/**
 * Throws when `occurred_at` could not be read in (nearly) every row of an
 * events file: a model trained without events would learn an inactivity
 * rule from their absence.
 * @throws LeadliftError "unreadable-column" naming the column, a sample and the `input.dateFormat` that reads it.
 */
export function assertEventColumnsReadable(log: IssueLog, columns: EventColumns, totalRows: number, config: LeadliftConfig): void {
  log.assertColumnReadable(columns.occurred_at, "bad-date", totalRows, expectedDateText(config.input.dateFormat), (samples) => {
    const format = suggestDateFormat(samples);
    return format
      ? `Set "input": { "dateFormat": "${format}" } in the config.`
      : 'Export ISO 8601 dates (2024-03-01T10:00:00Z), or set "input": { "dateFormat": "MM/DD/YYYY" | "DD/MM/YYYY" } in the config.';
  });
}

/**
 * Validated events: a known `lead_id`, a non-empty `action`, an ISO
 * `occurred_at`. Events of unknown leads and bad dates are rejected with
 * an issue; actions listed in `training.excludeActions` are skipped with one.
 * @throws LeadliftError "unreadable-column" / "unreadable-file" when (nearly) no row can be read.
 */
export function loadEvents(
  table: RawTable,
  config: LeadliftConfig,
  knownLeadIds: ReadonlySet<string>,
  rejectedLeadIds: ReadonlyMap<string, number> = new Map(),
  leadsFile = "the leads file",
): LoadResult<EventRecord> {
  const columns = resolveEventColumns(table, config);
  const log = new IssueLog(table.file);
  const totalRows = logReaderProblems(table.problems, log, table.numRows);
  assertRowsReadable(table.file, table.problems, totalRows);
  const validate = createEventRowValidator({ file: table.file, columns, config, knownLeadIds, rejectedLeadIds, leadsFile, log });
  const ids = table.column(columns.lead_id);
  const actions = table.column(columns.action);
  const times = table.column(columns.occurred_at);
  const categories = columns.category ? table.column(columns.category) : null;
  const rows: EventRecord[] = [];

  for (let i = 0; i < table.numRows; i++) {
    const record = validate(table.rowNumber(i), ids[i], actions[i], times[i], categories?.[i]);
    if (record) rows.push(record);
  }
  assertEventColumnsReadable(log, columns, totalRows, config);
  return { rows, issues: log.issues, summary: log.summary(totalRows) };
}

/** Events loaded from a stream: the compact store plus a full account of the rows. */
export interface LoadedEvents {
  readonly store: EventStore;
  readonly issues: RowIssue[];
  readonly summary: FileSummary;
}

/**
 * `loadEvents` for a file read as a stream (`openRowStream`), into the
 * compact `EventStore`: the same validation and accounting, without
 * holding the file's text or one object per event — each valid event
 * becomes a lead index, an instant and two dictionary ids as it streams in.
 * @param leadIds the loaded leads' ids in `CrmData.leads` order (the store's lead index).
 * @param onIssue sees every issue, beyond the examples kept in `issues`.
 */
export async function loadEventStream(
  stream: RowStream,
  config: LeadliftConfig,
  leadIds: readonly string[],
  rejectedLeadIds: ReadonlyMap<string, number> = new Map(),
  leadsFile = "the leads file",
  onIssue?: IssueListener,
): Promise<LoadedEvents> {
  const columns = resolveEventColumns(stream, config);
  const log = new IssueLog(stream.file, onIssue);
  const leadIndex = new Map(leadIds.map((id, i) => [id, i]));
  const validate = createEventRowValidator({ file: stream.file, columns, config, knownLeadIds: leadIndex, rejectedLeadIds, leadsFile, log });
  const at = (name: string | null) => (name === null ? -1 : stream.columnNames.indexOf(name));
  const [idColumn, actionColumn, timeColumn, categoryColumn] = [at(columns.lead_id), at(columns.action), at(columns.occurred_at), at(columns.category)];
  const wanted = [columns.lead_id, columns.action, columns.occurred_at, ...(columns.category === null ? [] : [columns.category])];
  const builder = new EventStoreBuilder(leadIds);
  const readerRejected: RowProblem[] = [];
  let totalRows = 0;
  for await (const batch of stream.batches({ columns: wanted })) {
    for (const problem of batch.problems) {
      log.record(problem);
      if (problem.severity === "rejected") readerRejected.push(problem);
    }
    for (let r = 0; r < batch.rows.length; r++) {
      const cells = batch.rows[r];
      const record = validate(batch.rowNumbers[r], cells[idColumn], cells[actionColumn], cells[timeColumn], categoryColumn < 0 ? null : cells[categoryColumn]);
      if (record) builder.push(leadIndex.get(record.leadId) as number, record.occurredAt, builder.actionId(record.action), builder.categoryId(record.category));
    }
    totalRows += batch.rows.length + batch.problems.length;
  }
  assertRowsReadable(stream.file, readerRejected, totalRows);
  assertEventColumnsReadable(log, columns, totalRows, config);
  return { store: builder.build(), issues: log.issues, summary: log.summary(totalRows) };
}
