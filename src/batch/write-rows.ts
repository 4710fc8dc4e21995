import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, extname } from "node:path";
import { once } from "node:events";
import { LeadliftError } from "../errors.js";

/**
 * Writes plain rows as CSV (RFC 4180 quoting) or JSON Lines, chosen by the
 * file extension, streaming so large outputs do not build one string.
 * @throws LeadliftError "unsupported-format" for other extensions.
 */
export async function writeRows<Row extends object>(rows: Iterable<Row>, columns: readonly (keyof Row & string)[], path: string): Promise<void> {
  const extension = assertRowFileExtension(path);
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path, "utf8");
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, "drain");
  };
  if (extension === ".csv") await write(`${columns.join(",")}\n`);
  for (const row of rows) {
    if (extension === ".jsonl") await write(`${JSON.stringify(row)}\n`);
    else await write(`${columns.map((c) => csvCell(row[c])).join(",")}\n`);
  }
  out.end();
  await once(out, "finish");
}

/**
 * The output format of `path` (".csv" or ".jsonl"). Check it before a long
 * run, so a typo fails at once rather than after an hour of reading.
 * @throws LeadliftError "unsupported-format" for other extensions.
 */
export function assertRowFileExtension(path: string): ".csv" | ".jsonl" {
  const extension = extname(path).toLowerCase();
  if (extension !== ".csv" && extension !== ".jsonl") {
    throw new LeadliftError("unsupported-format", `${path}: expected a .csv or .jsonl output file, got ${JSON.stringify(extension || "(no extension)")}.`);
  }
  return extension;
}

/** One CSV cell: empty for null, quoted when it holds a comma, quote or newline. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
