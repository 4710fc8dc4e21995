import { createReadStream, type ReadStream } from "node:fs";
import { LeadliftError } from "../errors.js";
import { CsvSplitter } from "./csv-splitter.js";
import { textCell, type RowBatch, type RowStream } from "./stream-rows.js";

/** Bytes read from disk at a time: large enough that per-chunk work is negligible. */
const CHUNK_BYTES = 1 << 20;

/**
 * A CSV file read chunk by chunk. The delimiter (comma, semicolon or tab) is
 * the one the header line holds most of, as `readTable` detects it; records
 * are numbered as a spreadsheet shows them (header = row 1).
 * @throws LeadliftError "empty-file" when there is no header row.
 */
export async function openDelimitedRows(path: string, file: string, size: number): Promise<RowStream> {
  const input = createReadStream(path, { encoding: "utf8", highWaterMark: CHUNK_BYTES });
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<string>;
  let head = "";
  let finished = false;
  while (!/\r?\n/.test(head) && !finished) {
    const next = await readChunk(chunks, path);
    if (next === null) finished = true;
    else head += next;
  }
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  const headerLine = head.slice(0, head.search(/\r?\n|$/));
  if (headerLine.trim() === "") {
    input.destroy();
    throw new LeadliftError("empty-file", `${file} is empty: expected a header row with column names.`);
  }
  const splitter = new CsvSplitter(detectDelimiter(headerLine));
  const first = finished ? [...splitter.push(head), ...splitter.end()] : splitter.push(head);
  const columnNames = first.shift() ?? [];
  let nextRowNumber = 2;
  let started = false;

  const toBatch = (records: string[][]): RowBatch => {
    const rowNumbers = new Array<number>(records.length);
    for (let r = 0; r < records.length; r++) {
      const cells = records[r] as Array<string | null>;
      for (let c = 0; c < cells.length; c++) cells[c] = textCell(cells[c] as string);
      rowNumbers[r] = nextRowNumber++;
    }
    return { rows: records, rowNumbers };
  };

  return {
    file,
    columnNames,
    progress: () => ({ done: (input as ReadStream).bytesRead, total: size, unit: "bytes" }),
    async *batches() {
      if (started) throw new Error(`${file}: a row stream can be read once.`);
      started = true;
      try {
        if (first.length > 0) yield toBatch(first);
        if (finished) return;
        for (;;) {
          const chunk = await readChunk(chunks, path);
          if (chunk === null) break;
          const records = splitter.push(chunk);
          if (records.length > 0) yield toBatch(records);
        }
        const last = splitter.end();
        if (last.length > 0) yield toBatch(last);
      } finally {
        input.destroy();
      }
    },
  };
}

async function readChunk(chunks: AsyncIterator<string>, path: string): Promise<string | null> {
  try {
    const next = await chunks.next();
    return next.done ? null : next.value;
  } catch (error) {
    throw new LeadliftError("unreadable-file", `Cannot read ${path}: ${(error as Error).message}`);
  }
}

/** The candidate delimiter the header line holds most of (comma on a tie or none). */
export function detectDelimiter(headerLine: string): string {
  const candidates = [",", ";", "\t"];
  let best = ",";
  let bestCount = 0;
  for (const candidate of candidates) {
    const count = headerLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}
