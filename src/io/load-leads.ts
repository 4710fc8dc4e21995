import type { LeadliftConfig } from "../config/config-schema.js";
import { IssueLog, where, type IssueListener } from "./issue-log.js";
import { parseInstant } from "../runtime/parse-instant.js";
import type { RawTable } from "./read-table.js";
import type { LeadRecord, LoadResult } from "./records.js";
import { MAPPING_HINT, requireColumns } from "./require-columns.js";

/** Leads plus whether the export carried creation dates at all. */
export interface LoadedLeads extends LoadResult<LeadRecord> {
  /** False when the file has no `created_at` column: point-in-time checks cannot be made. */
  readonly hasCreatedAt: boolean;
  /** Profile columns kept (every column outside the contract, less exclusions). */
  readonly profileColumns: string[];
  /** Ids of rejected lead rows → their row, so dependent rows can say why they are rejected too. */
  readonly rejectedIds: Map<string, number>;
}

/** Options for `loadLeads`. */
export interface LoadLeadsOptions {
  /** Sees every issue as it is recorded, beyond the examples kept in `issues`. Default none. */
  readonly onIssue?: IssueListener;
}

/**
 * Validated leads: unique `lead_id`, ISO `created_at` (when the column
 * exists), optional `account_id` and `as_of`; every other column is a
 * profile attribute kept as text. Rows with a bad id or date are rejected
 * with an issue naming row and column; duplicates keep the first row.
 * @param reservedColumns export columns used for something else (outcome columns in the leads file).
 */
export function loadLeads(
  table: RawTable,
  config: LeadliftConfig,
  reservedColumns: readonly string[] = [],
  options: LoadLeadsOptions = {},
): LoadedLeads {
  const columns = requireColumns(
    table,
    config.columns.leads,
    ["lead_id"],
    ["created_at", "account_id", "as_of"],
    MAPPING_HINT,
  );
  const log = new IssueLog(table.file, options.onIssue);
  const contract = new Set(
    [...Object.values(columns), ...reservedColumns].filter((c): c is string => c !== null),
  );
  const profileColumns = selectProfileColumns(table.columnNames, contract, config);
  const ids = table.column(columns.lead_id);
  const created = columns.created_at ? table.column(columns.created_at) : null;
  const accounts = columns.account_id ? table.column(columns.account_id) : null;
  const asOfs = columns.as_of ? table.column(columns.as_of) : null;
  const profileValues = profileColumns.map((name) => table.column(name));
  const missing = new Set(config.profile.missingValues.map((v) => v.toLowerCase()));
  const firstRowOf = new Map<string, number>();
  const rows: LeadRecord[] = [];
  const rejectedIds = new Map<string, number>();
  const reject = (row: number, leadId: string, column: string | null, code: string, value: string | null, message: string) => {
    if (!rejectedIds.has(leadId)) rejectedIds.set(leadId, row);
    log.reject(row, column, code, value, message);
  };

  for (let i = 0; i < table.numRows; i++) {
    const row = table.rowNumber(i);
    const leadId = ids[i]?.trim() ?? null;
    if (!leadId) {
      log.reject(row, columns.lead_id, "missing-value", null, `${where(table.file, row, columns.lead_id)}: expected a lead id, got an empty cell.`);
      continue;
    }
    const firstRow = firstRowOf.get(leadId);
    if (firstRow !== undefined) {
      log.reject(row, columns.lead_id, "duplicate-id", leadId, `${where(table.file, row, columns.lead_id)}: lead id ${JSON.stringify(leadId)} already appears at row ${firstRow}; lead ids must be unique.`);
      continue;
    }
    let createdAt: number | null = null;
    if (created) {
      const text = created[i];
      createdAt = text === null ? null : parseInstant(text);
      if (createdAt === null) {
        reject(row, leadId, columns.created_at, "bad-date", text, `${where(table.file, row, columns.created_at)}: expected an ISO date, got ${JSON.stringify(text ?? "")}.`);
        continue;
      }
    }
    let asOf: number | null = null;
    const asOfText = asOfs?.[i] ?? null;
    if (asOfText !== null) {
      asOf = parseInstant(asOfText);
      if (asOf === null) {
        reject(row, leadId, columns.as_of, "bad-date", asOfText, `${where(table.file, row, columns.as_of)}: expected an ISO date, got ${JSON.stringify(asOfText)}.`);
        continue;
      }
    }
    const profile: Record<string, string | null> = {};
    profileColumns.forEach((name, c) => {
      const value = profileValues[c][i];
      profile[name] = value === null || missing.has(value.trim().toLowerCase()) ? null : value.trim();
    });
    firstRowOf.set(leadId, row);
    rows.push({ leadId, createdAt, accountId: accounts?.[i]?.trim() || null, asOf, profile, row });
  }
  return {
    rows,
    issues: log.issues,
    summary: log.summary(table.numRows),
    hasCreatedAt: created !== null,
    profileColumns,
    rejectedIds,
  };
}

function selectProfileColumns(names: string[], contract: Set<string>, config: LeadliftConfig): string[] {
  const excluded = new Set(config.profile.exclude);
  const candidates = config.profile.include ?? names;
  return candidates.filter((name) => names.includes(name) && !contract.has(name) && !excluded.has(name));
}
