import { createReadStream, type ReadStream } from "node:fs";
import { TextDecoder } from "node:util";
import { LeadliftError } from "../errors.js";
import { INPUT_ENCODINGS, type InputEncoding } from "../config/input-options.js";

export { INPUT_ENCODINGS, type InputEncoding };

/** Bytes read from disk at a time: large enough that per-chunk work is negligible. */
const CHUNK_BYTES = 1 << 20;

/** A text file decoded chunk by chunk, with how many bytes were read so far. */
export interface TextChunks {
  /** The next decoded chunk, or null at the end of the file. */
  next(): Promise<string | null>;
  bytesRead(): number;
  close(): void;
}

/**
 * Opens `path` and decodes it chunk by chunk. The encoding is detected
 * where it can be: a UTF-8 byte-order mark is dropped; a UTF-16 mark, or
 * NUL bytes at every other position of the first chunk (UTF-16 without a
 * mark), switch to UTF-16. Otherwise the text must be valid UTF-8 unless
 * the config says `"input": { "encoding": "latin1" }` (read as
 * Windows-1252, the WHATWG meaning of latin1). Invalid UTF-8 is refused
 * with the row and byte where it starts, never replaced by `�` silently.
 * @throws LeadliftError "unreadable-file" / "bad-encoding".
 */
export function openTextChunks(path: string, file: string, encoding: InputEncoding = "utf-8"): TextChunks {
  const input = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  const chunks = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let decoder: TextDecoder | null = null;
  let chosen: InputEncoding = encoding;
  let bytesBefore = 0;
  let linesBefore = 0;
  let finished = false;

  const fail = (buffer: Buffer, start: number): never => {
    const offset = invalidUtf8Offset(buffer, start);
    let lines = linesBefore;
    for (let i = buffer.indexOf(10, start); i !== -1 && i < offset; i = buffer.indexOf(10, i + 1)) lines += 1;
    const byte = buffer[offset] === undefined ? "an incomplete character at the end" : `byte 0x${buffer[offset].toString(16).toUpperCase().padStart(2, "0")}`;
    throw new LeadliftError(
      "bad-encoding",
      `${file} row ${lines + 1} is not valid UTF-8 (${byte} at file offset ${bytesBefore + offset}): the file looks Latin-1 / Windows-1252 encoded. Save it as UTF-8, or set "input": { "encoding": "latin1" } in the config.`,
    );
  };

  return {
    bytesRead: () => (input as ReadStream).bytesRead,
    close: () => input.destroy(),
    async next() {
      if (finished) return null;
      let result: IteratorResult<Buffer>;
      try {
        result = await chunks.next();
      } catch (error) {
        throw new LeadliftError("unreadable-file", `Cannot read ${path}: ${(error as Error).message}`);
      }
      if (result.done) {
        finished = true;
        if (decoder === null) return null;
        try {
          const rest = decoder.decode();
          return rest === "" ? null : rest;
        } catch {
          return fail(Buffer.alloc(0), 0);
        }
      }
      const buffer = result.value;
      let start = 0;
      if (decoder === null) {
        const detected = detectEncoding(buffer, encoding);
        chosen = detected.encoding;
        start = detected.bomBytes;
        decoder = new TextDecoder(chosen === "latin1" ? "windows-1252" : chosen, { fatal: chosen === "utf-8", ignoreBOM: true });
      }
      let text: string;
      try {
        text = decoder.decode(start === 0 ? buffer : buffer.subarray(start), { stream: true });
      } catch {
        return fail(buffer, start);
      }
      if (chosen === "utf-8") for (let i = buffer.indexOf(10, start); i !== -1; i = buffer.indexOf(10, i + 1)) linesBefore += 1;
      bytesBefore += buffer.length;
      return text;
    },
  };
}

/** The encoding of a file from its first bytes: a byte-order mark, UTF-16's NUL pattern, else the configured one. */
export function detectEncoding(head: Uint8Array, configured: InputEncoding): { encoding: InputEncoding; bomBytes: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: "utf-8", bomBytes: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: "utf-16le", bomBytes: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: "utf-16be", bomBytes: 2 };
  const sample = Math.min(head.length, 512) & ~1;
  if (sample >= 4 && configured === "utf-8") {
    let evenNul = 0;
    let oddNul = 0;
    for (let i = 0; i < sample; i += 2) {
      if (head[i] === 0) evenNul += 1;
      if (head[i + 1] === 0) oddNul += 1;
    }
    if (oddNul > sample / 4 && evenNul === 0) return { encoding: "utf-16le", bomBytes: 0 };
    if (evenNul > sample / 4 && oddNul === 0) return { encoding: "utf-16be", bomBytes: 0 };
  }
  return { encoding: configured, bomBytes: 0 };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function invalidUtf8Offset(buffer: Uint8Array, start: number): number {
  let i = start;
  while (i < buffer.length) {
    const b = buffer[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    if (i + length > buffer.length) return i;
    for (let k = 1; k < length; k++) if ((buffer[i + k] & 0xc0) !== 0x80) return i;
    i += length;
  }
  return buffer.length;
}
