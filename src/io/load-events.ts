import type { LeadliftConfig } from "../config/config-schema.js";
import { IssueLog, where } from "./issue-log.js";
import { parseInstant } from "../runtime/parse-instant.js";
import type { RawTable } from "./read-table.js";
import type { EventRecord, LoadResult } from "./records.js";
import { MAPPING_HINT, requireColumns } from "./require-columns.js";

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
  const columns = requireColumns(
    table,
    config.columns.events,
    ["lead_id", "action", "occurred_at"],
    ["category"],
    MAPPING_HINT,
  );
  const log = new IssueLog(table.file);
  const ids = table.column(columns.lead_id);
  const actions = table.column(columns.action);
  const times = table.column(columns.occurred_at);
  const categories = columns.category ? table.column(columns.category) : null;
  const excluded = new Set(config.training.excludeActions);
  const rows: EventRecord[] = [];

  for (let i = 0; i < table.numRows; i++) {
    const row = table.rowNumber(i);
    const leadId = ids[i]?.trim() ?? "";
    if (!knownLeadIds.has(leadId)) {
      const leadRow = rejectedLeadIds.get(leadId);
      if (leadRow !== undefined) {
        log.reject(row, columns.lead_id, "lead-rejected", leadId, `${where(table.file, row, columns.lead_id)}: lead ${JSON.stringify(leadId)} was rejected at ${leadsFile} row ${leadRow}; fix that row.`);
        continue;
      }
      log.reject(row, columns.lead_id, "unknown-lead", ids[i], `${where(table.file, row, columns.lead_id)}: expected a lead id from the leads file, got ${JSON.stringify(ids[i] ?? "")}.`);
      continue;
    }
    const action = actions[i]?.trim() ?? "";
    if (!action) {
      log.reject(row, columns.action, "missing-value", null, `${where(table.file, row, columns.action)}: expected an action name, got an empty cell.`);
      continue;
    }
    const text = times[i];
    const occurredAt = text === null ? null : parseInstant(text);
    if (occurredAt === null) {
      log.reject(row, columns.occurred_at, "bad-date", text, `${where(table.file, row, columns.occurred_at)}: expected an ISO date, got ${JSON.stringify(text ?? "")}.`);
      continue;
    }
    if (excluded.has(action)) {
      log.skip(row, columns.action, "excluded-action", action, `${where(table.file, row, columns.action)}: action ${JSON.stringify(action)} is in training.excludeActions.`);
      continue;
    }
    rows.push({ leadId, action, occurredAt, category: categories?.[i]?.trim() || null });
  }
  return { rows, issues: log.issues, summary: log.summary(table.numRows) };
}
