import { LeadliftError } from "../errors.js";
import type { RowIssue } from "./records.js";

/*
 * The shapes every row reader shares (CSV, JSON Lines, Parquet), in a file
 * that imports nothing but the record and error types, so the readers and the code
 * that opens them do not import each other.
 */

/**
 * Cell texts of one row, aligned to `RowStream.columnNames` (index = column).
 * `null` or a missing index is an empty cell. A JSON Lines row may be
 * shorter than `columnNames` when later rows brought new keys.
 */
export type RowCells = ReadonlyArray<string | null | undefined>;

/**
 * A row the reader itself could not turn into cells (a JSON Lines line that
 * is not an object, a CSV row with the wrong number of cells) or left out
 * (a blank line): the loader records it, so every row is still accounted for.
 */
export type RowProblem = Omit<RowIssue, "file" | "severity"> & { readonly severity: "rejected" | "skipped" };

/** Consecutive rows of one file and the row numbers users see for them. */
export interface RowBatch {
  readonly rows: readonly RowCells[];
  /** `rowNumbers[i]` is the number of `rows[i]` in messages (see `openRowStream`). */
  readonly rowNumbers: readonly number[];
  /** Rows of this stretch of the file that are not in `rows`, and why. */
  readonly problems: readonly RowProblem[];
}

/** How far through its input a stream is, for progress bars. */
export interface StreamProgress {
  readonly done: number;
  readonly total: number;
  /** What `done` and `total` count: bytes of CSV / JSON Lines text, or Parquet rows. */
  readonly unit: "bytes" | "rows";
}

/** Options for reading a row stream. */
export interface RowBatchOptions {
  /**
   * Columns the caller will read. Default: all. Parquet decodes only these
   * (a large saving on wide files); text formats parse every column anyway.
   */
  readonly columns?: readonly string[];
}

/** One input file read row by row: memory is bounded by a batch, not the file. */
export interface RowStream {
  /** File name used in messages (base name, as users see it). */
  readonly file: string;
  /**
   * Column names: the header (CSV), the schema (Parquet), or for JSON Lines
   * the keys of the rows read so far — the first batch is read on opening,
   * and names from later rows are appended as they appear.
   */
  readonly columnNames: readonly string[];
  /** The rows in file order, in batches. Can be iterated once. */
  batches(options?: RowBatchOptions): AsyncIterable<RowBatch>;
  /**
   * Every cell of the file by column, in place of `batches()` (a stream is read
   * once, either way): the table `collectTable` would build from the batches,
   * for a format that can produce columns without a row array per row.
   * @param onBatch called as rows are read, with the rows read so far (progress).
   */
  collect?(onBatch?: (rowsRead: number) => void): Promise<RawTable>;
  progress(): StreamProgress;
}

/** Cell text as every reader keeps it: blank text is an empty cell (`null`). */
export function textCell(text: string): string | null {
  return text === "" || text.trim() === "" ? null : text;
}

/** Raw text cells of one input file, column by column, before validation. */
export interface RawTable {
  /** File name used in messages (base name, as users see it). */
  readonly file: string;
  readonly columnNames: readonly string[];
  /** Rows with cells (rows in `problems` are not among them). */
  readonly numRows: number;
  /** Rows the reader could not split into cells, or left out (blank lines): each counts as a row of the file. */
  readonly problems: readonly RowProblem[];
  /** Cell text by column; empty cells are `null`. */
  column(name: string): ReadonlyArray<string | null>;
  /** The row number users see for data row `index` (0-based). */
  rowNumber(index: number): number;
}

/**
 * A `RawTable` over column arrays of cell text.
 * @param rowNumber the number users see for data row `index`.
 */
export function rawTableOf(
  file: string,
  columnNames: readonly string[],
  columns: ReadonlyArray<ReadonlyArray<string | null>>,
  numRows: number,
  rowNumber: (index: number) => number,
  problems: readonly RowProblem[] = [],
): RawTable {
  const byName = new Map(columnNames.map((name, c) => [name, columns[c]] as const));
  return {
    file,
    columnNames: [...columnNames],
    numRows,
    problems,
    column(name) {
      const values = byName.get(name);
      if (!values) throw new LeadliftError("missing-columns", `${file} has no column ${JSON.stringify(name)}.`);
      return values;
    },
    rowNumber,
  };
}
