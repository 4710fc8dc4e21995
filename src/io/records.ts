/**
 * In-memory records after loading and validation. Instants are epoch
 * milliseconds in UTC (`null` when the export has no date for it).
 */

/** A lead: identity, creation instant and profile attributes. */
export interface LeadRecord {
  readonly leadId: string;
  readonly createdAt: number | null;
  readonly accountId: string | null;
  /** The moment to score this lead at (optional `as_of` column). */
  readonly asOf: number | null;
  /**
   * Every other column, as text (empty cells are `null`). An object that
   * inherits no property, so no column name (`__proto__`, `constructor`) is special.
   */
  readonly profile: Readonly<Record<string, string | null>>;
  /** 1-based row number in its file, for messages. */
  readonly row: number;
}

/** One timestamped action of a lead. */
export interface EventRecord {
  readonly leadId: string;
  readonly action: string;
  readonly occurredAt: number;
  readonly category: string | null;
}

export const OUTCOME_STATUSES = ["won", "lost", "open"] as const;
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

/** What became of a lead. */
export interface OutcomeRecord {
  readonly leadId: string;
  readonly status: OutcomeStatus;
  readonly closedAt: number | null;
  /** When sales took the lead over; the point-in-time cut-off when present. */
  readonly handoffAt: number | null;
}

/** A problem with one input row: data, not an exception. */
export interface RowIssue {
  readonly file: string;
  /** Row number as a spreadsheet shows it: the header is row 1, the first data row is row 2 (JSON Lines: the line number). */
  readonly row: number;
  readonly column: string | null;
  readonly code: string;
  readonly value: string | null;
  readonly message: string;
  /** `rejected`: unusable input; `skipped`: valid but deliberately left out; `warning`: used, but worth a look. */
  readonly severity: "rejected" | "skipped" | "warning";
  /** The row's lead id, when one was read (so a rejected lead row's output still names its lead). */
  readonly leadId?: string;
}

/** Accounting for one input file: every row is used, skipped or rejected. */
export interface FileSummary {
  readonly file: string;
  readonly rows: number;
  readonly used: number;
  readonly skipped: number;
  readonly rejected: number;
}

/** What a loader returns: the usable rows plus a full account of the rest. */
export interface LoadResult<T> {
  readonly rows: T[];
  readonly issues: RowIssue[];
  readonly summary: FileSummary;
}
