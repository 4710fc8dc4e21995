import { openTextChunks, type InputEncoding } from "./decode-text.js";
import { assertRowsReadable } from "./issue-log.js";
import type { RowBatch, RowProblem, RowStream } from "./row-stream.js";

/**
 * A JSON Lines file read chunk by chunk: one JSON object per line, numbered
 * by line; blank lines are not rows. Column names are the keys in order of
 * first appearance. The first batch is read on opening so that `columnNames`
 * already holds the keys of the file's first rows when the caller checks
 * for required columns; later keys are appended as they appear. A line that
 * is not a JSON object is a rejected row ("malformed-json"), not the end of
 * the run. Keys go into a Map, so no key name (`__proto__`) is special.
 */
export async function openJsonLinesRows(path: string, file: string, size: number, encoding?: InputEncoding): Promise<RowStream> {
  const input = openTextChunks(path, file, encoding);
  const columnNames: string[] = [];
  const columnIndex = new Map<string, number>();
  let tail = "";
  let lineNumber = 0;

  const parseLines = (text: string, isFinal: boolean): RowBatch => {
    const rows: Array<Array<string | null>> = [];
    const rowNumbers: number[] = [];
    const problems: RowProblem[] = [];
    let position = 0;
    for (;;) {
      let lineEnd = text.indexOf("\n", position);
      if (lineEnd === -1) {
        if (!isFinal || position >= text.length) break;
        lineEnd = text.length;
      }
      lineNumber += 1;
      const line = text.slice(position, lineEnd);
      position = lineEnd + 1;
      if (line.trim() === "") continue;
      const parsed = parseObject(file, lineNumber, line);
      if (typeof parsed === "string") {
        problems.push({ row: lineNumber, column: null, code: "malformed-json", value: line.slice(0, 60), severity: "rejected", message: parsed });
        continue;
      }
      rows.push(cellsOf(parsed, columnNames, columnIndex));
      rowNumbers.push(lineNumber);
    }
    tail = text.slice(Math.min(position, text.length));
    return { rows, rowNumbers, problems };
  };

  const chunks = (async function* (): AsyncGenerator<RowBatch> {
    try {
      for (;;) {
        const chunk = await input.next();
        if (chunk === null) break;
        const batch = parseLines(tail + chunk, false);
        if (batch.rows.length > 0 || batch.problems.length > 0) yield batch;
      }
    } finally {
      input.close();
    }
    const last = parseLines(tail, true);
    if (last.rows.length > 0 || last.problems.length > 0) yield last;
  })();

  const first = await chunks.next();
  // A first stretch of the file with no object at all: not JSON Lines (a CSV saved as .jsonl?). Say so now,
  // rather than "missing columns" with none found.
  if (!first.done && first.value.rows.length === 0) assertRowsReadable(file, first.value.problems, first.value.problems.length);
  let started = false;
  return {
    file,
    columnNames,
    progress: () => ({ done: input.bytesRead(), total: size, unit: "bytes" }),
    async *batches() {
      if (started) throw new Error(`${file}: a row stream can be read once.`);
      started = true;
      if (first.done) return;
      yield first.value;
      yield* chunks;
    },
  };
}

/** The line's object, or the message saying why it is not one. */
function parseObject(file: string, lineNumber: number, line: string): Record<string, unknown> | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return `${file} row ${lineNumber}: expected one JSON object per line, got invalid JSON (${(error as Error).message}).`;
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return `${file} row ${lineNumber}: expected a JSON object, got ${JSON.stringify(value)?.slice(0, 40)}.`;
  }
  return value as Record<string, unknown>;
}

/** The object's values as cell texts by column index, adding columns for new keys. */
function cellsOf(record: Record<string, unknown>, columnNames: string[], columnIndex: Map<string, number>): Array<string | null> {
  const cells: Array<string | null> = new Array(columnNames.length).fill(null);
  for (const key of Object.keys(record)) {
    let index = columnIndex.get(key);
    if (index === undefined) {
      index = columnNames.length;
      columnNames.push(key);
      columnIndex.set(key, index);
    }
    cells[index] = jsonCellText(record[key]);
  }
  return cells;
}

/** Cell text of a JSON value, as every reader keeps it: blank strings and null are empty; objects stay JSON. */
export function jsonCellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
