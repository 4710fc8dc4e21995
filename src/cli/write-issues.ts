import { writeFile } from "node:fs/promises";
import type { RowIssue } from "../io/records.js";

/** Writes row issues as CSV (or JSON Lines for .jsonl) so users can fix their export. */
export async function writeIssues(issues: readonly RowIssue[], path: string): Promise<void> {
  if (path.endsWith(".jsonl")) {
    await writeFile(path, issues.map((issue) => JSON.stringify(issue)).join("\n") + "\n", "utf8");
    return;
  }
  const header = "file,row,column,severity,code,value,message";
  const quote = (v: unknown) => {
    const text = v === null || v === undefined ? "" : String(v);
    return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = issues.map((i) => [i.file, i.row, i.column, i.severity, i.code, i.value, i.message].map(quote).join(","));
  await writeFile(path, [header, ...lines].join("\n") + "\n", "utf8");
}
