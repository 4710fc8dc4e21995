import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { once } from "node:events";
import { dirname } from "node:path";
import type { RowIssue } from "../io/records.js";
import { csvCell } from "./write-rows.js";

/** Columns of an issues CSV, the same as `leadlift train --issues` writes. */
export const ISSUE_COLUMNS = ["file", "row", "column", "severity", "code", "value", "message"] as const;

/** An issues file being written while the input is read. */
export interface IssueFile {
  /** Appends one issue (buffered; call `settle` now and then). */
  write(issue: RowIssue): void;
  /** Resolves once the file has taken what was written, so buffered issues stay bounded. */
  settle(): Promise<void>;
  /** Finishes the file. */
  close(): Promise<void>;
}

/**
 * Opens `--issues FILE` for streaming: every row issue is written as it is
 * found (CSV, or JSON Lines for `.jsonl`), so millions of rejected rows never
 * sit in memory — the run keeps only counts and the first examples.
 */
export async function openIssueFile(path: string): Promise<IssueFile> {
  await mkdir(dirname(path), { recursive: true });
  const out = createWriteStream(path, "utf8");
  const asJsonLines = path.toLowerCase().endsWith(".jsonl");
  let failure: Error | null = null;
  out.on("error", (error) => {
    failure = error;
  });
  if (!asJsonLines) out.write(`${ISSUE_COLUMNS.join(",")}\n`);
  const check = () => {
    if (failure) throw failure;
  };
  return {
    write(issue) {
      out.write(asJsonLines ? `${JSON.stringify(issue)}\n` : `${ISSUE_COLUMNS.map((column) => csvCell(issue[column])).join(",")}\n`);
    },
    async settle() {
      check();
      if (out.writableNeedDrain) await once(out, "drain");
      check();
    },
    async close() {
      check();
      out.end();
      await once(out, "finish");
      check();
    },
  };
}
