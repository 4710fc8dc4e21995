import { extname } from "node:path";
import { UsageError } from "../errors.js";
import { openAtomicOutput } from "../io/safe-output.js";
import { csvCell } from "../io/csv-cell.js";

export { csvCell };

/**
 * Writes plain rows as CSV (RFC 4180 quoting) or JSON Lines, chosen by the
 * file extension, streaming so large outputs do not build one string. The
 * file appears only once complete (temporary file, fsync, rename); a run
 * that fails leaves the old file, if any, in place.
 * @throws LeadliftError "unsupported-format" for other extensions.
 */
export async function writeRows<Row extends object>(rows: Iterable<Row>, columns: readonly (keyof Row & string)[], path: string): Promise<void> {
  const extension = assertRowFileExtension(path);
  const out = await openAtomicOutput(path);
  try {
    if (extension === ".csv") await out.write(`${columns.join(",")}\n`);
    for (const row of rows) {
      if (extension === ".jsonl") await out.write(`${JSON.stringify(row)}\n`);
      else await out.write(`${columns.map((c) => csvCell(row[c])).join(",")}\n`);
    }
    await out.commit();
  } finally {
    await out.discard();
  }
}

/**
 * The output format of `path` (".csv" or ".jsonl"). Check it before a long
 * run, so a typo fails at once rather than after an hour of reading.
 * @throws UsageError "unsupported-format" for other extensions.
 */
export function assertRowFileExtension(path: string): ".csv" | ".jsonl" {
  const extension = extname(path).toLowerCase();
  if (extension !== ".csv" && extension !== ".jsonl") {
    throw new UsageError("unsupported-format", `${path}: expected a .csv or .jsonl output file, got ${JSON.stringify(extension || "(no extension)")}.`);
  }
  return extension;
}

