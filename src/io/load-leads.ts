import type { LeadliftConfig } from "../config/config-schema.js";
import { LeadliftError } from "../errors.js";
import { assertRowsReadable, IssueLog, logReaderProblems, where, type IssueListener } from "./issue-log.js";
import { createDateParser, expectedDateText, suggestDateFormat } from "./parse-date.js";
import { isNumberText, isOtherDecimal, normaliseNumber } from "./parse-number.js";
import type { RawTable } from "./read-table.js";
import type { LeadRecord, LoadResult } from "./records.js";
import { mappingHint, requireColumns } from "./require-columns.js";

/** Leads plus whether the export carried creation dates at all. */
export interface LoadedLeads extends LoadResult<LeadRecord> {
  /** False when the file has no `created_at` column: point-in-time checks cannot be made. */
  readonly hasCreatedAt: boolean;
  /** Profile columns kept (every column outside the contract, less exclusions). */
  readonly profileColumns: string[];
  /** Ids of rejected lead rows → their row, so dependent rows can say why they are rejected too. */
  readonly rejectedIds: Map<string, number>;
  /** Ids of the kept leads (`rows`) → their row: the set of known lead ids, without building another of 1M ids. */
  readonly rowOfId: ReadonlyMap<string, number>;
}

/** Options for `loadLeads`. */
export interface LoadLeadsOptions {
  /** Sees every issue as it is recorded, beyond the examples kept in `issues`. Default none. */
  readonly onIssue?: IssueListener;
}

/**
 * What every lead's profile object inherits: nothing — it is empty and has
 * no prototype itself, so no column name (`__proto__`, `constructor`) is
 * special, as with `Object.create(null)`. But objects made from it keep
 * V8's fast layout, one hidden class shared by the file's leads, where
 * `Object.create(null)` gives each lead its own property dictionary: about
 * 180 bytes more a lead with four profile columns (0.18 GB at 1M leads).
 */
const PROFILE_PROTOTYPE: object = Object.freeze(Object.create(null));

/**
 * Validated leads: unique `lead_id`, `created_at` (when the column exists)
 * in ISO 8601 or `input.dateFormat`, optional `account_id` and `as_of`;
 * every other column is a profile attribute kept as text (numbers rewritten
 * with a decimal point when `input.decimal` is ","). Rows with a bad id or
 * date are rejected with an issue naming row and column; duplicates keep
 * the first row. A date column unreadable in (nearly) every row, or a
 * numeric column written with the other decimal separator, is an error
 * naming the config key that fixes it.
 * @throws LeadliftError "unreadable-column" / "unreadable-file".
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
    mappingHint("leads"),
  );
  const log = new IssueLog(table.file, options.onIssue);
  const totalRows = logReaderProblems(table.problems, log, table.numRows);
  assertRowsReadable(table.file, table.problems, totalRows);
  const parseDate = createDateParser(config.input.dateFormat);
  const expectedDate = expectedDateText(config.input.dateFormat);
  const decimal = config.input.decimal;
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
    log.reject(row, column, code, value, message, leadId);
  };
  const otherDecimal = profileColumns.map(() => ({ count: 0, numbers: 0, filled: 0, first: null as { row: number; value: string } | null }));
  let asOfFilled = 0;

  for (let i = 0; i < table.numRows; i++) {
    const row = table.rowNumber(i);
    const leadId = ids[i]?.trim() ?? null;
    if (!leadId) {
      log.reject(row, columns.lead_id, "missing-value", null, `${where(table.file, row, columns.lead_id)}: expected a lead id, got an empty cell.`);
      continue;
    }
    const firstRow = firstRowOf.get(leadId);
    if (firstRow !== undefined) {
      log.reject(row, columns.lead_id, "duplicate-id", leadId, `${where(table.file, row, columns.lead_id)}: lead id ${JSON.stringify(leadId)} already appears at row ${firstRow}; lead ids must be unique.`, leadId);
      continue;
    }
    let createdAt: number | null = null;
    if (created) {
      const text = created[i];
      createdAt = text === null ? null : parseDate(text);
      if (createdAt === null) {
        reject(row, leadId, columns.created_at, "bad-date", text, `${where(table.file, row, columns.created_at)}: expected ${expectedDate}, got ${JSON.stringify(text ?? "")}.`);
        continue;
      }
    }
    let asOf: number | null = null;
    const asOfText = asOfs?.[i] ?? null;
    if (asOfText !== null) {
      asOfFilled += 1;
      asOf = parseDate(asOfText);
      if (asOf === null) {
        reject(row, leadId, columns.as_of, "bad-date", asOfText, `${where(table.file, row, columns.as_of)}: expected ${expectedDate}, got ${JSON.stringify(asOfText)}.`);
        continue;
      }
    }
    const profile = Object.create(PROFILE_PROTOTYPE) as Record<string, string | null>;
    profileColumns.forEach((name, c) => {
      const value = profileValues[c][i];
      const text = value === null || missing.has(value.trim().toLowerCase()) ? null : value.trim();
      if (text !== null) {
        const tally = otherDecimal[c];
        tally.filled += 1;
        if (isOtherDecimal(text, decimal)) {
          tally.count += 1;
          tally.first ??= { row, value: text };
        } else if (isNumberText(text, decimal)) tally.numbers += 1;
      }
      profile[name] = text === null ? null : normaliseNumber(text, decimal);
    });
    firstRowOf.set(leadId, row);
    rows.push({ leadId, createdAt, accountId: accounts?.[i]?.trim() || null, asOf, profile, row });
  }
  const dateFix = (samples: ReadonlyArray<string | null>) => {
    const format = suggestDateFormat(samples);
    return format
      ? `Set "input": { "dateFormat": "${format}" } in the config.`
      : 'Export ISO 8601 dates (2024-03-01), or set "input": { "dateFormat": "MM/DD/YYYY" | "DD/MM/YYYY" } in the config.';
  };
  if (columns.created_at) log.assertColumnReadable(columns.created_at, "bad-date", totalRows, expectedDate, dateFix);
  if (columns.as_of) log.assertColumnReadable(columns.as_of, "bad-date", asOfFilled, expectedDate, dateFix);
  profileColumns.forEach((name, c) => {
    const tally = otherDecimal[c];
    if (tally.first === null) return;
    // A numeric column whose cells read as numbers only with the other separator: misread, not a category.
    if (tally.count + tally.numbers >= 0.9 * tally.filled && tally.count >= 0.1 * tally.filled) {
      const other = decimal === "." ? "," : ".";
      throw new LeadliftError(
        "unreadable-column",
        `${table.file} column ${JSON.stringify(name)}: ${tally.count} of ${tally.filled} numbers are written with a decimal ${other === "," ? "comma" : "point"} (first at row ${tally.first.row}: ${JSON.stringify(tally.first.value)}), which would be misread. Set "input": { "decimal": "${other}" } in the config.`,
      );
    }
  });
  return {
    rows,
    issues: log.issues,
    summary: log.summary(totalRows),
    hasCreatedAt: created !== null,
    profileColumns,
    rejectedIds,
    rowOfId: firstRowOf,
  };
}

function selectProfileColumns(names: readonly string[], contract: Set<string>, config: LeadliftConfig): string[] {
  const excluded = new Set(config.profile.exclude);
  const candidates = config.profile.include ?? names;
  return candidates.filter((name) => names.includes(name) && !contract.has(name) && !excluded.has(name));
}
