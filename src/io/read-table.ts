import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { fromCSV } from "arquero";
import { LeadliftError } from "../errors.js";
import { detectDelimiter } from "./stream-delimited.js";
import { jsonCellText } from "./stream-json-lines.js";

/** Raw text cells of one input file, column by column, before validation. */
export interface RawTable {
  /** File name used in messages (base name, as users see it). */
  readonly file: string;
  readonly columnNames: string[];
  readonly numRows: number;
  /** Cell text by column; empty cells are `null`. */
  column(name: string): ReadonlyArray<string | null>;
  /** The row number users see for data row `index` (0-based). */
  rowNumber(index: number): number;
}

export const SUPPORTED_EXTENSIONS = [".csv", ".tsv", ".txt", ".jsonl", ".ndjson"] as const;

/**
 * Reads a CSV (delimiter detected from the header: comma, semicolon or tab)
 * or JSON Lines file, chosen by extension, keeping every cell as text so
 * that validation — not a type guesser — decides what a value means.
 * CSV rows are numbered as a spreadsheet shows them (header = row 1);
 * JSON Lines rows by line number.
 * @throws LeadliftError "unreadable-file" / "unsupported-format".
 */
export async function readTable(path: string): Promise<RawTable> {
  const extension = extname(path).toLowerCase();
  if (!(SUPPORTED_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new LeadliftError(
      "unsupported-format",
      `${basename(path)}: expected one of ${SUPPORTED_EXTENSIONS.join(", ")}, got ${JSON.stringify(extension || "(no extension)")}. Save the export as CSV or JSON Lines.`,
    );
  }
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new LeadliftError("unreadable-file", `Cannot read ${path}: ${(error as Error).message}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const file = basename(path);
  return extension === ".jsonl" || extension === ".ndjson"
    ? parseJsonLines(file, text)
    : parseDelimited(file, text);
}

/** Parses delimited text already in memory (exported for tests). */
export function parseDelimited(file: string, text: string): RawTable {
  const headerLine = text.slice(0, text.search(/\r?\n|$/));
  if (headerLine.trim() === "") {
    throw new LeadliftError("empty-file", `${file} is empty: expected a header row with column names.`);
  }
  const delimiter = detectDelimiter(headerLine);
  const table = fromCSV(text, { autoType: false, delimiter });
  const columnNames = table.columnNames();
  const columns = new Map<string, Array<string | null>>();
  for (const name of columnNames) {
    const values = table.array(name) as ArrayLike<string | null>;
    columns.set(
      name,
      Array.from(values, (v) => (v === null || v === undefined || v.trim() === "" ? null : v)),
    );
  }
  return makeTable(file, columnNames, table.numRows(), columns, (index) => index + 2);
}

/** Parses JSON Lines text already in memory (exported for tests). */
export function parseJsonLines(file: string, text: string): RawTable {
  const lines = text.split(/\r?\n/);
  const records: Array<Record<string, unknown>> = [];
  const lineNumbers: number[] = [];
  const names = new Set<string>();
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      throw new LeadliftError(
        "malformed-json",
        `${file} row ${i + 1}: expected one JSON object per line, got invalid JSON (${(error as Error).message}).`,
      );
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new LeadliftError(
        "malformed-json",
        `${file} row ${i + 1}: expected a JSON object, got ${JSON.stringify(value)?.slice(0, 40)}.`,
      );
    }
    for (const key of Object.keys(value)) names.add(key);
    records.push(value as Record<string, unknown>);
    lineNumbers.push(i + 1);
  });
  const columnNames = [...names];
  const columns = new Map<string, Array<string | null>>();
  for (const name of columnNames) {
    columns.set(name, records.map((record) => jsonCellText(record[name])));
  }
  return makeTable(file, columnNames, records.length, columns, (index) => lineNumbers[index]);
}

function makeTable(
  file: string,
  columnNames: string[],
  numRows: number,
  columns: Map<string, Array<string | null>>,
  rowNumber: (index: number) => number,
): RawTable {
  return {
    file,
    columnNames,
    numRows,
    column(name) {
      const values = columns.get(name);
      if (!values) throw new LeadliftError("missing-columns", `${file} has no column ${JSON.stringify(name)}.`);
      return values;
    },
    rowNumber,
  };
}
