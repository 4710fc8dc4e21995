import { stat } from "node:fs/promises";
import { basename, extname } from "node:path";
import { LeadliftError } from "../errors.js";
import type { InputEncoding } from "./decode-text.js";
import { rawTableOf, type RawTable, type RowProblem, type RowStream } from "./row-stream.js";
import { openDelimitedRows } from "./stream-delimited.js";
import { openJsonLinesRows } from "./stream-json-lines.js";

export type { RowBatch, RowBatchOptions, RowCells, RowProblem, RowStream, StreamProgress } from "./row-stream.js";
export { textCell } from "./row-stream.js";

/** Options for opening a row stream. */
export interface OpenRowStreamOptions {
  /** Text encoding when the file has no byte-order mark (`input.encoding`). Default "utf-8". */
  readonly encoding?: InputEncoding;
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
  if (stream.collect) return stream.collect(onBatch);
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
  return rawTableOf(stream.file, stream.columnNames, columns, rowNumbers.length, (index) => rowNumbers[index], problems);
}
