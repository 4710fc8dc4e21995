import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { csvCell } from "../io/csv-cell.js";
import type { SimulatedCrm } from "./simulate-crm.js";

/**
 * Writes leads.csv, events.csv, outcomes.csv, truth.json and
 * truth-leads.csv (lead_id, probability: each lead's true close
 * probability, 6 decimals) into `dir`; returns their paths.
 */
export async function writeSimulatedCrm(crm: SimulatedCrm, dir: string): Promise<{ files: string[] }> {
  await mkdir(dir, { recursive: true });
  const files = [
    [join(dir, "leads.csv"), toCsv(crm.leads)],
    [join(dir, "events.csv"), toCsv(crm.events)],
    [join(dir, "outcomes.csv"), toCsv(crm.outcomes)],
    [join(dir, "truth.json"), `${JSON.stringify(crm.truth, null, 2)}\n`],
    [join(dir, "truth-leads.csv"), toCsv([...crm.leadTruth].map(([leadId, probability]) => ({ lead_id: leadId, probability: probability.toFixed(6) })))],
  ] as const;
  for (const [path, text] of files) await writeFile(path, text, "utf8");
  return { files: files.map(([path]) => path) };
}

function toCsv(rows: ReadonlyArray<Record<string, string>>): string {
  if (rows.length === 0) return "";
  const columns = Object.keys(rows[0]);
  const lines = [columns.join(",")];
  for (const row of rows) lines.push(columns.map((c) => csvCell(row[c])).join(","));
  return `${lines.join("\n")}\n`;
}
