import type { LeadliftConfig } from "../config/config-schema.js";
import { IssueLog, where } from "./issue-log.js";
import { parseInstant } from "../runtime/parse-instant.js";
import type { RawTable } from "./read-table.js";
import type { EventRecord, LoadResult } from "./records.js";
import { MAPPING_HINT, requireColumns } from "./require-columns.js";

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
  return requireColumns(table, config.columns.events, ["lead_id", "action", "occurred_at"], ["category"], MAPPING_HINT);
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
    const occurredAt = text === null ? null : parseInstant(text);
    if (occurredAt === null) {
      log.reject(row, columns.occurred_at, "bad-date", text, `${where(file, row, columns.occurred_at)}: expected an ISO date, got ${JSON.stringify(text ?? "")}.`);
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
 * Validated events: a known `lead_id`, a non-empty `action`, an ISO
 * `occurred_at`. Events of unknown leads and bad dates are rejected with
 * an issue; actions listed in `training.excludeActions` are skipped with one.
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
  return { rows, issues: log.issues, summary: log.summary(table.numRows) };
}
