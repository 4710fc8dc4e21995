import { createReadStream, type ReadStream } from "node:fs";
import { LeadliftError } from "../errors.js";
import type { RowBatch, RowStream } from "./stream-rows.js";

const CHUNK_BYTES = 1 << 20;

/**
 * A JSON Lines file read chunk by chunk: one JSON object per line, numbered
 * by line; blank lines are not rows. Column names are the keys in order of
 * first appearance. The first batch is read on opening so that `columnNames`
 * already holds the keys of the file's first rows when the caller checks
 * for required columns; later keys are appended as they appear.
 * @throws LeadliftError "malformed-json" naming the line, as `readTable` does.
 */
export async function openJsonLinesRows(path: string, file: string, size: number): Promise<RowStream> {
  const input = createReadStream(path, { encoding: "utf8", highWaterMark: CHUNK_BYTES });
  const columnNames: string[] = [];
  const columnIndex = new Map<string, number>();
  let tail = "";
  let lineNumber = 0;
  let isFirstChunk = true;

  const parseLines = (text: string, isFinal: boolean): RowBatch => {
    const rows: Array<Array<string | null>> = [];
    const rowNumbers: number[] = [];
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
      rows.push(cellsOf(parseObject(file, lineNumber, line), columnNames, columnIndex));
      rowNumbers.push(lineNumber);
    }
    tail = text.slice(Math.min(position, text.length));
    return { rows, rowNumbers };
  };

  const chunks = (async function* (): AsyncGenerator<RowBatch> {
    try {
      for await (const chunk of input as AsyncIterable<string>) {
        let text = tail + chunk;
        if (isFirstChunk && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        isFirstChunk = false;
        const batch = parseLines(text, false);
        if (batch.rows.length > 0) yield batch;
      }
    } catch (error) {
      if (error instanceof LeadliftError) throw error;
      throw new LeadliftError("unreadable-file", `Cannot read ${path}: ${(error as Error).message}`);
    } finally {
      input.destroy();
    }
    const last = parseLines(tail, true);
    if (last.rows.length > 0) yield last;
  })();

  const first = await chunks.next();
  let started = false;
  return {
    file,
    columnNames,
    progress: () => ({ done: (input as ReadStream).bytesRead, total: size, unit: "bytes" }),
    async *batches() {
      if (started) throw new Error(`${file}: a row stream can be read once.`);
      started = true;
      if (first.done) return;
      yield first.value;
      yield* chunks;
    },
  };
}

function parseObject(file: string, lineNumber: number, line: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    throw new LeadliftError("malformed-json", `${file} row ${lineNumber}: expected one JSON object per line, got invalid JSON (${(error as Error).message}).`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new LeadliftError("malformed-json", `${file} row ${lineNumber}: expected a JSON object, got ${JSON.stringify(value)?.slice(0, 40)}.`);
  }
  return value as Record<string, unknown>;
}

/** The object's values as cell texts by column index, adding columns for new keys. */
function cellsOf(record: Record<string, unknown>, columnNames: string[], columnIndex: Map<string, number>): Array<string | null> {
  const cells: Array<string | null> = new Array(columnNames.length).fill(null);
  for (const key in record) {
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

/** Cell text of a JSON value, as `readTable` keeps it: blank strings and null are empty; objects stay JSON. */
export function jsonCellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return value.trim() === "" ? null : value;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
