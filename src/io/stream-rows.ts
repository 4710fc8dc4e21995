import { stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { LeadliftError } from "../errors.js";
import type { InputEncoding } from "./decode-text.js";
import type { RawTable } from "./read-table.js";
import type { RowIssue } from "./records.js";
import { openDelimitedRows } from "./stream-delimited.js";
import { openJsonLinesRows } from "./stream-json-lines.js";

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

/** Options for opening a row stream. */
export interface OpenRowStreamOptions {
  /** Text encoding when the file has no byte-order mark (`input.encoding`). Default "utf-8". */
  readonly encoding?: InputEncoding;
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
  progress(): StreamProgress;
}

export const STREAM_EXTENSIONS = [".csv", ".tsv", ".txt", ".jsonl", ".ndjson", ".parquet"] as const;

/**
 * Opens a CSV (delimiter detected from the header: comma, semicolon or tab),
 * JSON Lines or Parquet file, chosen by extension, for reading row by row.
 * This is the one reader of every command (`readTable` collects it). Cells
 * are text, so validation — not a type guesser — decides what a value
 * means. Row numbers: CSV as a spreadsheet shows them (header = row 1),
 * JSON Lines by line number, Parquet from 1 for the first row (it has no
 * header row). Rows the reader cannot split into cells are reported in
 * `RowBatch.problems`, never dropped silently.
 * @throws LeadliftError "unsupported-format" / "unreadable-file" / "empty-file" / "unterminated-quote" / "bad-encoding" / "unreadable-parquet".
 */
export async function openRowStream(path: string, options: OpenRowStreamOptions = {}): Promise<RowStream> {
  const extension = extname(path).toLowerCase();
  const file = basename(path);
  if (!(STREAM_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new LeadliftError(
      "unsupported-format",
      `${file}: expected one of ${STREAM_EXTENSIONS.join(", ")}, got ${JSON.stringify(extension || "(no extension)")}. Save the export as CSV, JSON Lines or Parquet.`,
    );
  }
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error("not a file");
    size = info.size;
  } catch (error) {
    throw new LeadliftError("unreadable-file", `Cannot read ${path}: ${(error as Error).message}`);
  }
  if (extension === ".parquet") {
    // Loaded only for Parquet input: hyparquet stays out of every other run (and of `leadlift --version`).
    const { openParquetRows } = await import("./read-parquet.js");
    return openParquetRows(path, file);
  }
  if (extension === ".jsonl" || extension === ".ndjson") return openJsonLinesRows(path, file, size, options.encoding);
  return openDelimitedRows(path, file, size, options.encoding);
}

/**
 * Reads a whole row stream into a `RawTable` (column arrays of text), for
 * files that are held in memory anyway (leads, outcomes).
 * @param onBatch called after each batch with the rows read so far (progress).
 */
export async function collectTable(stream: RowStream, onBatch?: (rowsRead: number) => void): Promise<RawTable> {
  const columns: Array<Array<string | null>> = [];
  const rowNumbers: number[] = [];
  const problems: RowProblem[] = [];
  for await (const batch of stream.batches()) {
    for (const problem of batch.problems) problems.push(problem);
    for (let c = columns.length; c < stream.columnNames.length; c++) columns.push(new Array<string | null>(rowNumbers.length).fill(null));
    for (let r = 0; r < batch.rows.length; r++) {
      const cells = batch.rows[r];
      for (let c = 0; c < columns.length; c++) columns[c].push(cells[c] ?? null);
      rowNumbers.push(batch.rowNumbers[r]);
    }
    onBatch?.(rowNumbers.length);
  }
  for (let c = columns.length; c < stream.columnNames.length; c++) columns.push(new Array<string | null>(rowNumbers.length).fill(null));
  const columnNames = [...stream.columnNames];
  const byName = new Map(columnNames.map((name, c) => [name, columns[c]] as const));
  return {
    file: stream.file,
    columnNames,
    numRows: rowNumbers.length,
    problems,
    column(name) {
      const values = byName.get(name);
      if (!values) throw new LeadliftError("missing-columns", `${stream.file} has no column ${JSON.stringify(name)}.`);
      return values;
    },
    rowNumber: (index) => rowNumbers[index],
  };
}

/** Cell text as every reader keeps it: blank text is an empty cell (`null`). */
export function textCell(text: string): string | null {
  return text === "" || text.trim() === "" ? null : text;
}
