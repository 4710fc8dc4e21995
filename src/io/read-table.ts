import type { RowProblem } from "./stream-rows.js";
import { collectTable, openRowStream, type OpenRowStreamOptions } from "./stream-rows.js";

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
 * Reads a CSV (delimiter detected from the header: comma, semicolon or tab),
 * JSON Lines or Parquet file, chosen by extension, into memory through the
 * same streaming reader `leadlift score` uses (`openRowStream`), so every
 * command numbers rows, splits quotes and reports bad rows identically.
 * Cells stay text so that validation — not a type guesser — decides what a
 * value means.
 * @throws LeadliftError as `openRowStream` does.
 */
export async function readTable(path: string, options: OpenRowStreamOptions = {}): Promise<RawTable> {
  return collectTable(await openRowStream(path, options));
}
