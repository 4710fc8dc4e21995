import { LeadliftError } from "../errors.js";
import type { FileSummary, RowIssue } from "./records.js";
import type { RowProblem } from "./row-stream.js";

/** Most issues kept per file and code; beyond it they are only counted. */
export const MAX_ISSUES_PER_CODE = 200;

/** Called with every issue as it is recorded, including those beyond the kept examples. */
export type IssueListener = (issue: RowIssue) => void;

/**
 * Collects row issues for one file and tallies rows, so the loader can
 * account for every row (used / skipped / rejected) without keeping
 * millions of identical messages. An optional listener sees every issue
 * (e.g. to stream them all to an `--issues` file).
 */
export class IssueLog {
  readonly issues: RowIssue[] = [];
  readonly countsByCode = new Map<string, number>();
  /** Count and first issue per code and column, to tell a column that fails everywhere from a few bad rows. */
  private readonly byColumn = new Map<string, { count: number; first: RowIssue; samples: Array<string | null> }>();
  private skippedRows = 0;
  private rejectedRows = 0;

  constructor(
    readonly file: string,
    private readonly onIssue?: IssueListener,
  ) {}

  /** Records an issue; returns false so callers can `return log.reject(...)`. */
  reject(row: number, column: string | null, code: string, value: string | null, message: string, leadId?: string): false {
    this.rejectedRows += 1;
    this.add({ file: this.file, row, column, code, value, message, severity: "rejected", ...(leadId ? { leadId } : {}) });
    return false;
  }

  /** Records a row the reader could not split into cells, or left out (`RowProblem`). */
  record(problem: RowProblem): void {
    if (problem.severity === "rejected") this.rejectedRows += 1;
    else this.skippedRows += 1;
    this.add({ ...problem, file: this.file });
  }

  /**
   * Throws when `code` hit `column` in (nearly) every row it could apply to —
   * at least 90% of `applicableRows` — so that a whole column in the wrong
   * format is one clear error naming the column, a sample value and the fix,
   * never a model trained without that column.
   * @param fix what to change, e.g. `Set "input": { "dateFormat": "MM/DD/YYYY" } in the config.`
   *   (a function gets the first sample values of the failing cells).
   * @throws LeadliftError "unreadable-column".
   */
  assertColumnReadable(column: string, code: string, applicableRows: number, expected: string, fix: string | ((samples: ReadonlyArray<string | null>) => string)): void {
    const failures = this.byColumn.get(`${code}\u0000${column}`);
    if (!failures || applicableRows === 0 || failures.count < 0.9 * applicableRows) return;
    const { first, samples } = failures;
    const sample = first.value === null ? "an empty cell" : JSON.stringify(first.value);
    throw new LeadliftError(
      "unreadable-column",
      `${this.file} column ${JSON.stringify(column)}: ${failures.count} of ${applicableRows} rows could not be read (first at row ${first.row}: ${sample}); expected ${expected}. ${typeof fix === "string" ? fix : fix(samples)}`,
    );
  }

  skip(row: number, column: string | null, code: string, value: string | null, message: string): false {
    this.skippedRows += 1;
    this.add({ file: this.file, row, column, code, value, message, severity: "skipped" });
    return false;
  }

  /** Rows skipped plus rejected so far. */
  get notUsed(): number {
    return this.skippedRows + this.rejectedRows;
  }

  warn(row: number, column: string | null, code: string, value: string | null, message: string): void {
    this.add({ file: this.file, row, column, code, value, message, severity: "warning" });
  }

  summary(rows: number): FileSummary {
    return {
      file: this.file,
      rows,
      used: rows - this.skippedRows - this.rejectedRows,
      skipped: this.skippedRows,
      rejected: this.rejectedRows,
    };
  }

  private add(issue: RowIssue): void {
    const count = (this.countsByCode.get(issue.code) ?? 0) + 1;
    this.countsByCode.set(issue.code, count);
    if (count <= MAX_ISSUES_PER_CODE) this.issues.push(issue);
    if (issue.column !== null) {
      const key = `${issue.code}\u0000${issue.column}`;
      const entry = this.byColumn.get(key);
      if (!entry) this.byColumn.set(key, { count: 1, first: issue, samples: [issue.value] });
      else {
        entry.count += 1;
        if (entry.samples.length < 50) entry.samples.push(issue.value);
      }
    }
    this.onIssue?.(issue);
  }
}

/** `file row N, column "c": ` — the prefix every row message starts with. */
export function where(file: string, row: number, column: string | null): string {
  return column === null ? `${file} row ${row}` : `${file} row ${row}, column ${JSON.stringify(column)}`;
}

/**
 * Records the rows a reader could not split into cells (`RawTable.problems`
 * or a batch's), and returns the file's row count including them.
 */
export function logReaderProblems(problems: readonly RowProblem[], log: IssueLog, rowsWithCells: number): number {
  for (const problem of problems) log.record(problem);
  return rowsWithCells + problems.length;
}

/**
 * Throws when (nearly) every row of a file was rejected by the reader
 * (wrong cell counts, lines that are not JSON): the file is in another
 * format than its name says, or split with the wrong delimiter.
 * @throws LeadliftError "unreadable-file".
 */
export function assertRowsReadable(file: string, problems: readonly RowProblem[], totalRows: number): void {
  const rejected = problems.filter((p) => p.severity === "rejected");
  if (rejected.length === 0 || rejected.length < 0.9 * totalRows) return;
  const hint = rejected[0].code === "malformed-json"
    ? "Is it really JSON Lines (one object per line)? Give a CSV export a .csv name."
    : "Check the delimiter (the one the header holds most of: comma, semicolon or tab) and the quoting.";
  throw new LeadliftError("unreadable-file", `${file}: ${rejected.length} of ${totalRows} rows could not be read. First: ${rejected[0].message} ${hint}`);
}
