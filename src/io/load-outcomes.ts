import type { LeadliftConfig } from "../config/config-schema.js";
import { LeadliftError } from "../errors.js";
import { assertRowsReadable, IssueLog, logReaderProblems, where, type IssueListener } from "./issue-log.js";
import { createDateParser, expectedDateText, suggestDateFormat } from "./parse-date.js";
import type { RawTable } from "./read-table.js";
import { OUTCOME_STATUSES, type LoadResult, type OutcomeRecord, type OutcomeStatus } from "./records.js";
import { mappingHint, requireColumns } from "./require-columns.js";

/** Outcomes plus which dates the export carried. */
export interface LoadedOutcomes extends LoadResult<OutcomeRecord> {
  readonly hasClosedAt: boolean;
  readonly hasHandoffAt: boolean;
  /** Export columns this loader consumed (so a leads-file source does not also treat them as profile). */
  readonly consumedColumns: string[];
}

/**
 * Validated outcomes, from an outcomes file or from outcome columns of the
 * leads file (`outcomes.source: "leads"`). Status values are mapped through
 * `outcomes.values`; won and lost rows need `closed_at` when the column
 * exists. Unknown leads, unknown statuses, bad dates and second outcomes for
 * the same lead are rejected with an issue naming row and column. With
 * `outcomes.level: "account"` rows are keyed by `account_id` instead (the
 * record's `leadId` then holds the account id; `knownLeadIds` the accounts).
 */
export function loadOutcomes(
  table: RawTable,
  config: LeadliftConfig,
  knownLeadIds: { has(leadId: string): boolean },
  rejectedLeadIds: ReadonlyMap<string, number> = new Map(),
  leadsFile = "the leads file",
  onIssue?: IssueListener,
): LoadedOutcomes {
  const byAccount = config.outcomes.level === "account";
  const key = byAccount ? "account_id" : "lead_id";
  const subject = byAccount ? "account" : "lead";
  const mapping = { ...config.columns.outcomes };
  if (config.outcomes.source === "leads" && !mapping.lead_id) mapping.lead_id = config.columns.leads.lead_id;
  const hasStatusFallback = config.outcomes.statusIfNoColumn !== undefined;
  const columns = requireColumns(
    table,
    mapping,
    hasStatusFallback ? [key] : [key, "status"],
    hasStatusFallback ? ["status", "closed_at", "handoff_at"] : ["closed_at", "handoff_at"],
    `${mappingHint("outcomes")} A file without a status column can set "outcomes": { "statusIfNoColumn": "won" }.`,
  );
  const idColumn = columns[key as "lead_id"];
  const log = new IssueLog(table.file, onIssue);
  const totalRows = logReaderProblems(table.problems, log, table.numRows);
  assertRowsReadable(table.file, table.problems, totalRows);
  const parseDate = createDateParser(config.input.dateFormat);
  const expectedDate = expectedDateText(config.input.dateFormat);
  let decidedRows = 0;
  const decidedByStatus = { won: 0, lost: 0 };
  const undatedByStatus = { won: 0, lost: 0 };
  let knownRows = 0;
  let handoffFilled = 0;
  const statusOf = statusLookup(config);
  const ids = table.column(idColumn);
  const statuses = columns.status ? table.column(columns.status) : null;
  const closed = columns.closed_at ? table.column(columns.closed_at) : null;
  const handoffs = columns.handoff_at ? table.column(columns.handoff_at) : null;
  const firstRowOf = new Map<string, number>();
  const rows: OutcomeRecord[] = [];
  const allowed = [...statusOf.keys()].map((v) => JSON.stringify(v)).join(", ");

  for (let i = 0; i < table.numRows; i++) {
    const row = table.rowNumber(i);
    const leadId = ids[i]?.trim() ?? "";
    if (!knownLeadIds.has(leadId)) {
      const leadRow = rejectedLeadIds.get(leadId);
      if (leadRow !== undefined) {
        log.reject(row, idColumn, "lead-rejected", leadId, `${where(table.file, row, idColumn)}: lead ${JSON.stringify(leadId)} was rejected at ${leadsFile} row ${leadRow}; fix that row.`);
        continue;
      }
      log.reject(row, idColumn, `unknown-${subject}`, ids[i], `${where(table.file, row, idColumn)}: expected ${byAccount ? "an account id (account_id) of a lead in the leads file" : "a lead id from the leads file"}, got ${JSON.stringify(ids[i] ?? "")}.`);
      continue;
    }
    knownRows += 1;
    const firstRow = firstRowOf.get(leadId);
    if (firstRow !== undefined) {
      log.reject(row, idColumn, "duplicate-outcome", leadId, `${where(table.file, row, idColumn)}: ${subject} ${JSON.stringify(leadId)} already has an outcome at row ${firstRow}; keep one outcome row per ${subject}.`);
      continue;
    }
    let status: OutcomeStatus | undefined = config.outcomes.statusIfNoColumn;
    if (statuses) {
      const text = statuses[i]?.trim() ?? "";
      status = statusOf.get(text.toLowerCase());
      if (!status) {
        log.reject(row, columns.status, "unknown-status", statuses[i], `${where(table.file, row, columns.status)}: expected one of ${allowed}, got ${JSON.stringify(statuses[i] ?? "")}. Map export values in the config's "outcomes.values".`);
        continue;
      }
    }
    if (status === "won" || status === "lost") {
      decidedRows += 1;
      decidedByStatus[status] += 1;
      if (closed && (closed[i] ?? null) === null) undatedByStatus[status] += 1;
    }
    const closedText = closed?.[i] ?? null;
    let closedAt: number | null = null;
    if (closedText !== null) {
      closedAt = parseDate(closedText);
      if (closedAt === null) {
        log.reject(row, columns.closed_at, "bad-date", closedText, `${where(table.file, row, columns.closed_at)}: expected ${expectedDate}, got ${JSON.stringify(closedText)}.`);
        continue;
      }
    } else if (closed && (status === "won" || status === "lost")) {
      log.reject(row, columns.closed_at, "missing-value", null, `${where(table.file, row, columns.closed_at)}: expected the close date of a ${status} lead, got an empty cell.`);
      continue;
    }
    const handoffText = handoffs?.[i] ?? null;
    if (handoffText !== null) handoffFilled += 1;
    const handoffAt = handoffText === null ? null : parseDate(handoffText);
    if (handoffText !== null && handoffAt === null) {
      log.reject(row, columns.handoff_at, "bad-date", handoffText, `${where(table.file, row, columns.handoff_at)}: expected ${expectedDate}, got ${JSON.stringify(handoffText)}.`);
      continue;
    }
    if (status === "open" && closedAt !== null) {
      log.warn(row, columns.closed_at, "open-with-close-date", closedText, `${where(table.file, row, columns.closed_at)}: an open lead has a close date ${JSON.stringify(closedText)}; it is ignored.`);
      closedAt = null;
    }
    firstRowOf.set(leadId, row);
    rows.push({ leadId, status: status as OutcomeStatus, closedAt, handoffAt });
  }
  const dateFix = (samples: ReadonlyArray<string | null>) => {
    const format = suggestDateFormat(samples);
    return format ? `Set "input": { "dateFormat": "${format}" } in the config.` : 'Export ISO 8601 dates, or set "input": { "dateFormat": "MM/DD/YYYY" | "DD/MM/YYYY" } in the config.';
  };
  if (columns.status) {
    log.assertColumnReadable(columns.status, "unknown-status", knownRows, `one of ${allowed}`, 'Map the export\'s values in the config, e.g. "outcomes": { "values": { "won": ["Closed Won"], "lost": ["Closed Lost"] } }.');
  }
  if (columns.closed_at) {
    log.assertColumnReadable(columns.closed_at, "bad-date", decidedRows, expectedDate, dateFix);
    log.assertColumnReadable(columns.closed_at, "missing-value", decidedRows, "the close date of each won and lost row", `Won and lost rows need a close date: map the export's close-date column with "columns": { "outcomes": { "closed_at": "…" } }.`);
    for (const status of ["won", "lost"] as const) {
      // Every won (or lost) row without its close date would leave training with 0 won (or lost) leads and no reason given.
      if (decidedByStatus[status] > 0 && undatedByStatus[status] >= 0.9 * decidedByStatus[status]) {
        const first = log.issues.find((issue) => issue.code === "missing-value" && issue.column === columns.closed_at && /of a (won|lost) lead/.test(issue.message) && issue.message.includes(`of a ${status} lead`));
        throw new LeadliftError(
          "unreadable-column",
          `${table.file} column ${JSON.stringify(columns.closed_at)}: empty in ${undatedByStatus[status]} of ${decidedByStatus[status]} ${status} rows${first ? ` (first at row ${first.row})` : ""}; expected the close date of each ${status} lead, which training needs to place it in time. Fill in the close dates, or map the export's close-date column with "columns": { "outcomes": { "closed_at": "…" } }.`,
        );
      }
    }
  }
  if (columns.handoff_at) log.assertColumnReadable(columns.handoff_at, "bad-date", handoffFilled, expectedDate, dateFix);
  return {
    rows,
    issues: log.issues,
    summary: log.summary(totalRows),
    hasClosedAt: closed !== null,
    hasHandoffAt: handoffs !== null,
    consumedColumns: Object.values(columns).filter((c): c is string => c !== null),
  };
}

/** Export value (lower case) → status, built from the same config the message lists. */
function statusLookup(config: LeadliftConfig): Map<string, OutcomeStatus> {
  const lookup = new Map<string, OutcomeStatus>();
  for (const status of OUTCOME_STATUSES) {
    for (const value of config.outcomes.values[status]) {
      const key = value.trim().toLowerCase();
      const existing = lookup.get(key);
      if (existing && existing !== status) {
        throw new LeadliftError("invalid-config", `outcomes.values maps ${JSON.stringify(value)} to both ${existing} and ${status}; give each export value one status.`);
      }
      lookup.set(key, status);
    }
  }
  return lookup;
}
