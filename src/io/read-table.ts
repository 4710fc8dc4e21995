export type { RawTable } from "./row-stream.js";
import type { RawTable } from "./row-stream.js";
import { collectTable, openRowStream, type OpenRowStreamOptions } from "./stream-rows.js";


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
