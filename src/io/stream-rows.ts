import { stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { LeadliftError } from "../errors.js";
import type { RawTable } from "./read-table.js";
import { openDelimitedRows } from "./stream-delimited.js";
import { openJsonLinesRows } from "./stream-json-lines.js";
import { openParquetRows } from "./read-parquet.js";

/**
 * Cell texts of one row, aligned to `RowStream.columnNames` (index = column).
 * `null` or a missing index is an empty cell. A JSON Lines row may be
 * shorter than `columnNames` when later rows brought new keys.
 */
export type RowCells = ReadonlyArray<string | null | undefined>;

/** Consecutive rows of one file and the row numbers users see for them. */
export interface RowBatch {
  readonly rows: readonly RowCells[];
  /** `rowNumbers[i]` is the number of `rows[i]` in messages (see `openRowStream`). */
  readonly rowNumbers: readonly number[];
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
  progress(): StreamProgress;
}

export const STREAM_EXTENSIONS = [".csv", ".tsv", ".txt", ".jsonl", ".ndjson", ".parquet"] as const;

/**
 * Opens a CSV (delimiter detected from the header: comma, semicolon or tab),
 * JSON Lines or Parquet file, chosen by extension, for reading row by row.
 * Cells are text, as `readTable` gives them, so the same validation decides
 * what a value means. Row numbers: CSV as a spreadsheet shows them (header =
 * row 1), JSON Lines by line number, Parquet from 1 for the first row (it
 * has no header row). Use it instead of `readTable` when the file may not
 * fit in memory (events exports of tens of millions of rows).
 * @throws LeadliftError "unsupported-format" / "unreadable-file" / "empty-file" / "malformed-json" / "unreadable-parquet".
 */
export async function openRowStream(path: string): Promise<RowStream> {
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
  if (extension === ".parquet") return openParquetRows(path, file);
  if (extension === ".jsonl" || extension === ".ndjson") return openJsonLinesRows(path, file, size);
  return openDelimitedRows(path, file, size);
}

/**
 * Reads a whole row stream into a `RawTable` (column arrays of text), for
 * files that are held in memory anyway — the leads of `leadlift score` — so
 * that `loadLeads` validates them exactly as it does `readTable`'s output.
 * @param onBatch called after each batch with the rows read so far (progress).
 */
export async function collectTable(stream: RowStream, onBatch?: (rowsRead: number) => void): Promise<RawTable> {
  const columns: Array<Array<string | null>> = [];
  const rowNumbers: number[] = [];
  for await (const batch of stream.batches()) {
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
    column(name) {
      const values = byName.get(name);
      if (!values) throw new LeadliftError("missing-columns", `${stream.file} has no column ${JSON.stringify(name)}.`);
      return values;
    },
    rowNumber: (index) => rowNumbers[index],
  };
}

/** Cell text as `readTable` keeps it: blank text is an empty cell (`null`). */
export function textCell(text: string): string | null {
  return text === "" || text.trim() === "" ? null : text;
}
