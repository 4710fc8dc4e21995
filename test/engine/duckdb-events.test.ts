import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeCrm, loadCrm, parseConfig, trainAndCalibrate, type CrmData, type RowIssue } from "../../src/index.js";
import { actionsInFileOrder } from "../../src/features/action-indicators.js";
import { engineOf } from "../../src/engine/engine-registry.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";
import { openTestDatabase } from "../helpers/duckdb.js";
import { temporaryFolder } from "../helpers/packed-packages.js";

const SAMPLE = join(import.meta.dirname, "../../data/sample");

/** Loads an export with one engine, with every issue the listener saw. */
async function load(events: string, engine: "in-process" | "duckdb", settings: Record<string, unknown> = {}): Promise<{ crm: CrmData; seen: RowIssue[] }> {
  const seen: RowIssue[] = [];
  const crm = await loadCrm({ leads: join(SAMPLE, "leads.csv"), events, outcomes: join(SAMPLE, "outcomes.csv") }, parseConfig({ ...settings, engine }), { onIssue: (issue) => seen.push(issue) });
  return { crm, seen };
}

/** The events as `lead|action|instant|category` lines, lead by lead. */
const records = (crm: CrmData) => [...crm.events].map((e) => `${e.leadId}|${e.action}|${e.occurredAt}|${e.category}`);

describe("events read by DuckDB from Parquet", () => {
  const temp = temporaryFolder("leadlift-duckdb-events-");
  const files: Record<string, string> = {};

  beforeAll(async () => {
    // The sample's events, written to Parquet three ways: text cells, a TIMESTAMP column, and text with seeded damage
    // (unknown and padded lead ids, empty and padded actions, other date layouts and offsets, blank categories).
    const db = await openTestDatabase();
    const csv = join(SAMPLE, "events.csv");
    const random = mulberry32(14);
    const lines = (await import("node:fs")).readFileSync(csv, "utf8").trimEnd().split("\n");
    const damaged = lines.map((line, n) => {
      if (n === 0) return line;
      const [lead, action, at, category] = line.split(",");
      const r = random();
      if (r < 0.01) return `NOPE${lead},${action},${at},${category}`;
      if (r < 0.02) return ` ${lead},${action},${at},${category}`;
      if (r < 0.03) return `${lead},,${at},${category}`;
      if (r < 0.04) return `${lead},${action} ,${at},${category}`;
      if (r < 0.05) return `${lead},${action},${at.slice(5, 7)}/${at.slice(8, 10)}/${at.slice(0, 4)},${category}`;
      if (r < 0.06) return `${lead},${action},${at.replace("Z", "+02:00")},${category}`;
      if (r < 0.065) return `${lead},${action},,${category}`;
      if (r < 0.075) return `${lead},${action},${at},  `;
      return line;
    });
    writeFileSync(join(temp.dir, "damaged.csv"), `${damaged.join("\n")}\n`);
    const read = (path: string) => `read_csv('${path}', all_varchar = true, header = true)`;
    files.text = join(temp.dir, "text.parquet");
    files.timestamp = join(temp.dir, "timestamp.parquet");
    files.damaged = join(temp.dir, "damaged.parquet");
    await db.query(`COPY (SELECT * FROM ${read(csv)}) TO '${files.text}' (FORMAT parquet)`);
    await db.query(`COPY (SELECT lead_id, action, CAST(occurred_at AS TIMESTAMP) AS occurred_at, category FROM ${read(csv)}) TO '${files.timestamp}' (FORMAT parquet)`);
    await db.query(`COPY (SELECT * FROM ${read(join(temp.dir, "damaged.csv"))}) TO '${files.damaged}' (FORMAT parquet)`);
    db.close();
  }, 60_000);
  afterAll(() => temp.remove());

  it("leaves the events' categories and file order in DuckDB through training; closeCrm reads them before it closes, unless the data is done with", async () => {
    const reader = await load(files.text, "in-process");
    for (const keepEvents of [true, false]) {
      const { crm } = await load(files.text, "duckdb");
      trainAndCalibrate(crm, parseConfig({ engine: "duckdb" }), { now: new Date("2026-01-01T00:00:00Z"), toolVersion: "test" });
      closeCrm(crm, { keepEvents });
      if (keepEvents) {
        expect(records(crm)).toEqual(records(reader.crm));
        expect(actionsInFileOrder(crm.events)).toEqual(actionsInFileOrder(reader.crm.events));
      } else {
        // Had training read them, they would be in memory now.
        expect(() => crm.events.sequence).toThrowError(/The DuckDB engine of this export was closed\./);
        expect(() => crm.events.categoryIds).toThrowError(/The DuckDB engine of this export was closed\./);
      }
    }
  }, 120_000);

  it.each([
    ["text cells", "text", {}],
    ["a TIMESTAMP column", "timestamp", {}],
    ["damaged rows", "damaged", {}],
    ["damaged rows, excluded actions and month-first dates", "damaged", { training: { excludeActions: ["demo_request"] }, input: { dateFormat: "MM/DD/YYYY" } }],
  ])("uses, skips and rejects the same rows with the same issues as leadlift's reader: %s", async (_name, file, settings) => {
    const reader = await load(files[file], "in-process", settings);
    const duckdb = await load(files[file], "duckdb", settings);
    try {
      expect(engineOf(duckdb.crm.events)).not.toBeNull();
      expect(duckdb.crm.files).toEqual(reader.crm.files);
      expect(duckdb.crm.issues).toEqual(reader.crm.issues);
      expect(duckdb.seen).toEqual(reader.seen);
      expect(records(duckdb.crm)).toEqual(records(reader.crm));
      expect(Array.from(duckdb.crm.events.start)).toEqual(Array.from(reader.crm.events.start));
      if (file === "damaged") {
        expect(reader.seen.length).toBeGreaterThan(1000);
        // DuckDB read the file itself: its events carry their file row, the reader's their count among used rows.
        expect(Array.from(duckdb.crm.events.sequence)).not.toEqual(Array.from(reader.crm.events.sequence));
      }
    } finally {
      closeCrm(duckdb.crm);
    }
  }, 60_000);
});
