import { readFileSync } from "node:fs";
import { join } from "node:path";
import { csvCell } from "../../src/batch/write-rows.js";
import type { ModelV1 } from "../../src/model/types.js";
import { handModel } from "../helpers/model-fixture.js";
import { writeTempFiles } from "../helpers/temp-files.js";

/** A row of the fixture: column → text, null for an empty cell. */
export type FixtureRow = Readonly<Record<string, string | null>>;

export const FIXTURE_DIR = join(import.meta.dirname, "../fixtures/batch");

/**
 * The batch fixture (test/fixtures/batch/crm.json, made by make-fixtures.mjs):
 * 43 lead rows (3 rejected: no id, a bad date, a duplicate) and 304 event rows
 * (4 rejected: unknown lead, rejected lead, empty action, bad date), with the
 * same rows in leads.parquet and events.parquet beside it.
 */
export function fixtureCrm(): { leads: FixtureRow[]; events: FixtureRow[] } {
  return JSON.parse(readFileSync(join(FIXTURE_DIR, "crm.json"), "utf8"));
}

/** Rows as CSV text (RFC 4180 quoting), columns from the first row. */
export function toCsv(rows: readonly FixtureRow[]): string {
  const columns = Object.keys(rows[0]);
  return `${[columns.join(","), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(","))].join("\n")}\n`;
}

/** Rows as JSON Lines, leaving out empty cells (so some keys first appear late). */
export function toJsonLines(rows: readonly FixtureRow[]): string {
  return rows.map((row) => JSON.stringify(Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null)))).join("\n") + "\n";
}

/** Paths of the fixture as CSV, JSON Lines and Parquet. */
export function fixtureFiles(events = fixtureCrm().events) {
  const { leads } = fixtureCrm();
  const files = writeTempFiles({
    "leads.csv": toCsv(leads),
    "events.csv": toCsv(events),
    "leads.jsonl": toJsonLines(leads),
    "events.jsonl": toJsonLines(events),
  });
  return {
    dir: files.dir,
    csv: { leads: files["leads.csv"], events: files["events.csv"] },
    jsonl: { leads: files["leads.jsonl"], events: files["events.jsonl"] },
    parquet: { leads: join(FIXTURE_DIR, "leads.parquet"), events: join(FIXTURE_DIR, "events.parquet") },
  };
}

/**
 * The hand model with time rules: demo_request fades (20-day half-life),
 * behaviour resets after 45 quiet days, and — where the runtime supports it —
 * an inactivity penalty after 30 days. Unknown keys are ignored by runtimes
 * that predate them, so the same fixture checks both.
 */
export function decayedModel(): ModelV1 {
  const decay = { halfLifeDays: { demo_request: 20 }, exitAfterDays: 45, inactivity: { days: 30, points: -5 }, evidence: [] };
  return { ...handModel(), decay: decay as unknown as ModelV1["decay"] };
}
