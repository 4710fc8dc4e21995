import { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema, type AsyncBuffer, type ColumnData, type FileMetaData } from "hyparquet";
import { decompressLz4, decompressLz4Raw, decompressZstd } from "hyparquet-compressors";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { LeadliftError } from "../errors.js";
import { rawTableOf, textCell, type RawTable, type RowBatch, type RowBatchOptions, type RowStream } from "./row-stream.js";

/** Most rows handed on at once; a row group is decoded whole, then passed on in slices of this size. */
const BATCH_ROWS = 65_536;

const PARQUET_HINT = "Parquet files are read with hyparquet: uncompressed, Snappy, GZIP, Brotli, ZSTD, LZ4 and LZ4_RAW are read.";

/**
 * Decompressors beyond hyparquet's built-in Snappy: GZIP and Brotli from
 * Node's zlib (native), ZSTD and LZ4 from hyparquet-compressors (pure
 * JavaScript, by hyparquet's authors) — ZSTD is what Polars writes by default.
 */
const COMPRESSORS = {
  GZIP: (input: Uint8Array) => new Uint8Array(gunzipSync(input)),
  BROTLI: (input: Uint8Array) => new Uint8Array(brotliDecompressSync(input)),
  ZSTD: (input: Uint8Array, outputLength: number) => decompressZstd(input, new Uint8Array(outputLength)),
  LZ4: (input: Uint8Array, outputLength: number) => decompressLz4(input, outputLength),
  LZ4_RAW: (input: Uint8Array, outputLength: number) => decompressLz4Raw(input, outputLength),
};

/** Consecutive decoded values of one column, from row `rowStart` (0-based, in the file). */
interface ColumnChunk {
  readonly rowStart: number;
  readonly values: ArrayLike<unknown>;
}

/** A Parquet text value whose bytes are not UTF-8: kept as a marker so the row and column can be named. */
class InvalidUtf8 {
  constructor(readonly bytes: Uint8Array) {}
}

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Parquet text is UTF-8 by the format's definition; hyparquet's default
 * decoder would turn other bytes into U+FFFD silently. Decoded strictly
 * instead, a bad value becomes an `InvalidUtf8` marker, refused with its
 * row and column as CSV text in another encoding is.
 */
const PARSERS = {
  stringFromBytes(bytes: Uint8Array | undefined): string | InvalidUtf8 | undefined {
    if (!bytes) return bytes;
    try {
      return strictUtf8.decode(bytes);
    } catch {
      return new InvalidUtf8(bytes);
    }
  },
};

/**
 * A Parquet file read one row group at a time with hyparquet, decoding only
 * the columns asked for. Memory is bounded by one row group's columns, not
 * the file. Values become the text a CSV export would hold: timestamps and
 * dates as ISO 8601 (UTC), numbers and 64-bit integers in decimal, nested
 * values as JSON. Rows are numbered from 1 (Parquet has no header row).
 * Only top-level columns are offered.
 * @throws LeadliftError "unreadable-parquet" naming the file and the reader's reason; "bad-encoding" naming the row and column of text that is not UTF-8.
 */
export async function openParquetRows(path: string, file: string): Promise<RowStream> {
  let buffer: AsyncBuffer;
  let metadata: FileMetaData;
  try {
    buffer = await asyncBufferFromFile(path);
    metadata = await parquetMetadataAsync(buffer);
  } catch (error) {
    throw new LeadliftError("unreadable-parquet", `${file}: cannot read it as Parquet (${(error as Error).message}). ${PARQUET_HINT}`);
  }
  const columnNames = parquetSchema(metadata).children.map((child) => child.element.name);
  const totalRows = Number(metadata.num_rows);
  let rowsDone = 0;

  /** Decodes `columns` of rows `groupStart` … `groupEnd` − 1 (one row group) with hyparquet, handing the values to `receive`. */
  async function decodeGroup(groupStart: number, groupEnd: number, columns: string[], receive: { onComplete?: (rows: unknown[][]) => void; onChunk?: (chunk: ColumnData) => void }): Promise<void> {
    try {
      await parquetRead({ file: buffer, metadata, columns, rowStart: groupStart, rowEnd: groupEnd, rowFormat: "array", compressors: COMPRESSORS, parsers: PARSERS, ...receive });
    } catch (error) {
      throw new LeadliftError("unreadable-parquet", `${file}: cannot read rows ${groupStart + 1}–${groupEnd} (${(error as Error).message}). ${PARQUET_HINT}`);
    }
  }

  async function readGroup(groupStart: number, groupEnd: number, columns: string[]): Promise<unknown[][]> {
    let rows: unknown[][] = [];
    await decodeGroup(groupStart, groupEnd, columns, {
      onComplete: (result: unknown[][]) => {
        rows = result;
      },
    });
    return rows;
  }

  /** Each of `columns`' decoded chunks in one row group, by column, in row order (no array of the group's rows). */
  async function readGroupChunks(groupStart: number, groupEnd: number, columns: string[]): Promise<ColumnChunk[][]> {
    const chunks = columns.map((): ColumnChunk[] => []);
    await decodeGroup(groupStart, groupEnd, columns, {
      onChunk: ({ columnName, columnData, rowStart }) => {
        chunks[columns.indexOf(columnName)].push({ rowStart, values: columnData });
      },
    });
    for (const column of chunks) column.sort((a, b) => a.rowStart - b.rowStart);
    return chunks;
  }

  let started = false;
  const start = () => {
    if (started) throw new Error(`${file}: a row stream can be read once.`);
    started = true;
  };

  return {
    file,
    columnNames,
    progress: () => ({ done: rowsDone, total: totalRows, unit: "rows" }),
    /**
     * The whole file by column: each row group's columns go straight into
     * the table's columns, without the row arrays `batches()` builds (for
     * 1M leads, two million short-lived arrays the garbage collector traces).
     * The same cells, and the same error for text that is not UTF-8: the
     * first such cell in row order, then column order, as `batches()` meets it.
     */
    async collect(onBatch?: (rowsRead: number) => void): Promise<RawTable> {
      start();
      // Grown by push, group by group: an array made at its full length (1M rows) would be a slow dictionary.
      const columns = columnNames.map((): Array<string | null> => []);
      let groupStart = 0;
      for (const group of metadata.row_groups) {
        const groupEnd = groupStart + Number(group.num_rows);
        const chunks = columnNames.length > 0 ? await readGroupChunks(groupStart, groupEnd, [...columnNames]) : [];
        let bad: { row: number; column: number; value: InvalidUtf8 } | null = null;
        chunks.forEach((columnChunks, c) => {
          const cells = columns[c];
          for (const { rowStart, values } of columnChunks) {
            // A row the chunks skip (none do when the whole group is read) is an empty cell, as in batches().
            while (cells.length < rowStart) cells.push(null);
            for (let j = 0; j < values.length; j++) {
              const value = values[j];
              if (value instanceof InvalidUtf8) {
                const row = rowStart - groupStart + j;
                if (bad === null || row < bad.row || (row === bad.row && c < bad.column)) bad = { row, column: c, value };
                cells.push(null);
              } else cells.push(parquetCellText(value));
            }
          }
          while (cells.length < groupEnd) cells.push(null);
        });
        if (bad !== null) {
          const { row, column, value } = bad;
          throw notUtf8(file, groupStart + row + 1, columnNames[column], value);
        }
        rowsDone = groupEnd;
        onBatch?.(groupEnd);
        groupStart = groupEnd;
      }
      return rawTableOf(file, columnNames, columns, totalRows, (index) => index + 1);
    },
    async *batches(options: RowBatchOptions = {}): AsyncGenerator<RowBatch> {
      start();
      const wanted = options.columns ? columnNames.filter((name) => options.columns?.includes(name)) : columnNames;
      const target = wanted.map((name) => columnNames.indexOf(name));
      let groupStart = 0;
      for (const group of metadata.row_groups) {
        const groupEnd = groupStart + Number(group.num_rows);
        const values = wanted.length > 0 ? await readGroup(groupStart, groupEnd, wanted) : [];
        for (let sliceStart = groupStart; sliceStart < groupEnd; sliceStart += BATCH_ROWS) {
          const sliceEnd = Math.min(sliceStart + BATCH_ROWS, groupEnd);
          const rows: Array<Array<string | null>> = [];
          const rowNumbers: number[] = [];
          for (let index = sliceStart; index < sliceEnd; index++) {
            const source = values[index - groupStart] ?? [];
            const cells = new Array<string | null>(columnNames.length).fill(null);
            for (let k = 0; k < target.length; k++) {
              const value = source[k];
              if (value instanceof InvalidUtf8) throw notUtf8(file, index + 1, wanted[k], value);
              cells[target[k]] = parquetCellText(value);
            }
            rows.push(cells);
            rowNumbers.push(index + 1);
          }
          rowsDone = sliceEnd;
          yield { rows, rowNumbers, problems: [] };
        }
        groupStart = groupEnd;
      }
    },
  };
}

/** The error for a text cell that is not UTF-8, naming its row and column. */
function notUtf8(file: string, row: number, column: string, value: InvalidUtf8): LeadliftError {
  return new LeadliftError(
    "bad-encoding",
    `${file} row ${row}, column "${column}": text that is not valid UTF-8 (bytes ${hexPreview(value.bytes)}). Parquet text must be UTF-8: write the file again from data decoded with its real encoding.`,
  );
}

/** The first bytes of a value in hex, for an error message. */
function hexPreview(bytes: Uint8Array): string {
  const shown = Array.from(bytes.subarray(0, 12), (b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ");
  return bytes.length > 12 ? `${shown} …` : shown;
}

/** Text of one decoded Parquet value, as a CSV export of it would read. */
export function parquetCellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return textCell(value);
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  return JSON.stringify(value, (_key, inner) => (typeof inner === "bigint" ? inner.toString() : inner));
}
