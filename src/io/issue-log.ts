import type { FileSummary, RowIssue } from "./records.js";

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
  private skippedRows = 0;
  private rejectedRows = 0;

  constructor(
    readonly file: string,
    private readonly onIssue?: IssueListener,
  ) {}

  /** Records an issue; returns false so callers can `return log.reject(...)`. */
  reject(row: number, column: string | null, code: string, value: string | null, message: string): false {
    this.rejectedRows += 1;
    this.add({ file: this.file, row, column, code, value, message, severity: "rejected" });
    return false;
  }

  skip(row: number, column: string | null, code: string, value: string | null, message: string): false {
    this.skippedRows += 1;
    this.add({ file: this.file, row, column, code, value, message, severity: "skipped" });
    return false;
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
    this.onIssue?.(issue);
  }
}

/** `file row N, column "c": ` — the prefix every row message starts with. */
export function where(file: string, row: number, column: string | null): string {
  return column === null ? `${file} row ${row}` : `${file} row ${row}, column ${JSON.stringify(column)}`;
}
