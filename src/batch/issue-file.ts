import type { RowIssue } from "../io/records.js";
import { openAtomicOutput } from "../io/safe-output.js";
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
 * sit in memory — the run keeps only counts and the first examples. The file
 * is written beside its path and renamed into place on `close`, which the
 * caller does even when the run fails: the issues explain the failure.
 */
export async function openIssueFile(path: string): Promise<IssueFile> {
  const out = await openAtomicOutput(path);
  const asJsonLines = path.toLowerCase().endsWith(".jsonl");
  if (!asJsonLines) out.stream.write(`${ISSUE_COLUMNS.join(",")}\n`);
  let failure: Error | null = null;
  out.stream.on("error", (error) => {
    failure = error;
  });
  const check = () => {
    if (failure) throw failure;
  };
  return {
    write(issue) {
      out.stream.write(asJsonLines ? `${JSON.stringify(issue)}\n` : `${ISSUE_COLUMNS.map((column) => csvCell(issue[column])).join(",")}\n`);
    },
    async settle() {
      await out.write("");
      check();
    },
    async close() {
      check();
      await out.commit();
    },
  };
}
