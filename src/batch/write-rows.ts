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
export async function writeRows(rows: Iterable<Record<string, unknown>>, columns: readonly string[], path: string): Promise<void> {
  const extension = extname(path).toLowerCase();
  if (extension !== ".csv" && extension !== ".jsonl") {
    throw new LeadliftError("unsupported-format", `${path}: expected a .csv or .jsonl output file, got ${JSON.stringify(extension || "(no extension)")}.`);
  }
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

/** One CSV cell: empty for null, quoted when it holds a comma, quote or newline. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
