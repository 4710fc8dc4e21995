import { LeadliftError } from "../errors.js";
import { CsvSplitter, UnterminatedQuoteError } from "./csv-splitter.js";
import { openTextChunks, type InputEncoding } from "./decode-text.js";
import { textCell, type RowBatch, type RowProblem, type RowStream } from "./row-stream.js";

/**
 * A CSV file read chunk by chunk. The delimiter (comma, semicolon or tab) is
 * the one the header line holds most of; records are numbered as a
 * spreadsheet shows them (header = row 1). A blank line is skipped with a
 * reason; a row with more or fewer cells than the header is rejected
 * ("ragged-row"), so a shifted row is never read into the wrong columns.
 * @throws LeadliftError "empty-file" when there is no header row,
 *   "unterminated-quote" naming the row and column where a quote opened and never closed,
 *   "bad-encoding" for text that is not valid in the file's encoding.
 */
export async function openDelimitedRows(path: string, file: string, size: number, encoding?: InputEncoding): Promise<RowStream> {
  const chunks = openTextChunks(path, file, encoding);
  let head = "";
  let finished = false;
  while (!/\r?\n/.test(head) && !finished) {
    const next = await chunks.next();
    if (next === null) finished = true;
    else head += next;
  }
  const headerLine = head.slice(0, head.search(/\r?\n|$/));
  if (headerLine.trim() === "") {
    chunks.close();
    throw new LeadliftError("empty-file", `${file} is empty: expected a header row with column names.`);
  }
  const splitter = new CsvSplitter(detectDelimiter(headerLine));
  let columnNames: string[] = [];
  const split = (run: () => string[][]): string[][] => {
    try {
      return run();
    } catch (error) {
      if (!(error instanceof UnterminatedQuoteError)) throw error;
      const column = error.record === 0 ? null : (columnNames[error.field] ?? null);
      const at = column === null ? `${file} row ${error.record + 1}` : `${file} row ${error.record + 1}, column ${JSON.stringify(column)}`;
      throw new LeadliftError(
        "unterminated-quote",
        `${at}: a quoted field opens here and never closes, so the rest of the file would be read as one cell. Close the quote (a quote inside a quoted field is written "") or remove it, then export again.`,
      );
    }
  };
  const first = split(() => (finished ? [...splitter.push(head), ...splitter.end()] : splitter.push(head)));
  columnNames = first.shift() ?? [];
  const width = columnNames.length;
  let nextRowNumber = 2;
  let started = false;

  const toBatch = (records: string[][]): RowBatch => {
    const rows: Array<Array<string | null>> = [];
    const rowNumbers: number[] = [];
    const problems: RowProblem[] = [];
    for (const record of records) {
      const row = nextRowNumber++;
      if (record.length === 1 && record[0].trim() === "" && width > 1) {
        problems.push({ row, column: null, code: "blank-row", value: null, severity: "skipped", message: `${file} row ${row}: blank line.` });
        continue;
      }
      if (record.length !== width) {
        const shown = record.length > width ? `${record.length - width} extra: ${JSON.stringify(record.slice(width).join(splitter.delimiter).slice(0, 40))}` : `${width - record.length} missing`;
        problems.push({
          row,
          column: null,
          code: "ragged-row",
          value: String(record.length),
          severity: "rejected",
          message: `${file} row ${row}: expected ${width} cells as in the header, got ${record.length} (${shown}). Check for an unquoted ${describeDelimiter(splitter.delimiter)} or a stray quote in this row.`,
        });
        continue;
      }
      const cells = record as Array<string | null>;
      for (let c = 0; c < cells.length; c++) cells[c] = textCell(cells[c] as string);
      rows.push(cells);
      rowNumbers.push(row);
    }
    return { rows, rowNumbers, problems };
  };

  return {
    file,
    columnNames,
    progress: () => ({ done: chunks.bytesRead(), total: size, unit: "bytes" }),
    async *batches() {
      if (started) throw new Error(`${file}: a row stream can be read once.`);
      started = true;
      try {
        if (first.length > 0) yield toBatch(first);
        if (finished) return;
        for (;;) {
          const chunk = await chunks.next();
          if (chunk === null) break;
          const records = split(() => splitter.push(chunk));
          if (records.length > 0) yield toBatch(records);
        }
        const last = split(() => splitter.end());
        if (last.length > 0) yield toBatch(last);
      } finally {
        chunks.close();
      }
    },
  };
}

function describeDelimiter(delimiter: string): string {
  return delimiter === "\t" ? "tab" : delimiter === ";" ? "semicolon" : "comma";
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
