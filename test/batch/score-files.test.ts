import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scoreBatch, type ScoredRow } from "../../src/batch/score-batch.js";
import { scoreFiles, type ScoreFilesOptions } from "../../src/batch/score-files.js";
import { loadConfig } from "../../src/config/load-config.js";
import { MAX_ISSUES_PER_CODE } from "../../src/io/issue-log.js";
import { loadEvents } from "../../src/io/load-events.js";
import { loadLeads } from "../../src/io/load-leads.js";
import { readTable } from "../../src/io/read-table.js";
import type { ModelV1 } from "../../src/model/types.js";
import { handModel } from "../helpers/model-fixture.js";
import { mulberry32, writeTempFiles } from "../helpers/temp-files.js";
import { decayedModel, fixtureCrm, fixtureFiles, toCsv, type FixtureRow } from "./crm-fixture.js";

const AT = Date.UTC(2025, 3, 1);

async function run(paths: { leads: string; events?: string }, overrides: Partial<ScoreFilesOptions> = {}) {
  const out = join(writeTempFiles({}).dir, "scores.jsonl");
  const result = await scoreFiles({ model: handModel(), config: await loadConfig(), leadsPath: paths.leads, eventsPath: paths.events, outPath: out, at: AT, ...overrides });
  const rows = readFileSync(out, "utf8").trimEnd().split("\n").map((line) => JSON.parse(line) as ScoredRow);
  return { result, rows };
}

/** The in-memory reference: every event loaded, each lead scored by scorer.score(lead, allItsEvents, moment). */
async function inMemoryRows(model: ModelV1, paths: { leads: string; events: string }): Promise<ScoredRow[]> {
  const config = await loadConfig();
  const leadsTable = await readTable(paths.leads);
  const leads = loadLeads(leadsTable, config);
  const events = loadEvents(await readTable(paths.events), config, new Set(leads.rows.map((l) => l.leadId)), leads.rejectedIds, leadsTable.file);
  const rejected = leads.issues.filter((issue) => issue.severity === "rejected");
  return JSON.parse(JSON.stringify(scoreBatch(model, leads.rows, events.rows, rejected, { at: AT })));
}

/**
 * Error messages with file and row replaced by the data row's index, so
 * formats compare: CSV rows start at 2 (header = row 1), JSON Lines and
 * Parquet rows at 1. `firstRow` gives each file's first data row.
 */
function withDataRowIndex(rows: readonly ScoredRow[], firstRow: { leads: number; events: number }): ScoredRow[] {
  const index = (name: "leads" | "events", n: string) => `${name} data row ${Number(n) - firstRow[name]}`;
  return rows.map((row) => ({
    ...row,
    error:
      row.error
        ?.replace(/(leads|events)\.(?:csv|jsonl|parquet) row (\d+)/g, (_m, name, n) => index(name, n))
        .replace(/already appears at row (\d+)/, (_m, n) => `already appears at ${index("leads", n)}`) ?? null,
  }));
}

describe("scoreFiles", () => {
  const files = fixtureFiles();

  it.each([
    ["the hand model", handModel],
    ["a model with decay, an exit rule and inactivity", decayedModel],
  ])("scores every lead exactly as scorer.score does with all its events, for %s", async (_name, makeModel) => {
    const model = makeModel();
    const { rows } = await run(files.csv, { model });
    const expected = await inMemoryRows(model, files.csv);
    expect(rows).toEqual(expected);
    expect(rows.filter((r) => r.score !== null && r.reasons.includes("demo_request")).length).toBeGreaterThan(5);
  });

  it("gives the same rows whatever the order of events in the file", async () => {
    const random = mulberry32(4);
    const shuffled = [...fixtureCrm().events].sort(() => random() - 0.5);
    const shuffledFiles = writeTempFiles({ "events.csv": toCsv(shuffled) });
    for (const model of [handModel(), decayedModel()]) {
      const ordered = await run(files.csv, { model });
      const reordered = await run({ leads: files.csv.leads, events: shuffledFiles["events.csv"] }, { model });
      expect(withoutEventRows(reordered.rows)).toEqual(withoutEventRows(ordered.rows));
    }
  });

  it("gives identical output from CSV, JSON Lines and Parquet inputs", async () => {
    const csv = withDataRowIndex((await run(files.csv)).rows, { leads: 2, events: 2 });
    expect(csv.filter((row) => row.error !== null)).toHaveLength(3);
    expect(withDataRowIndex((await run(files.jsonl)).rows, { leads: 1, events: 1 })).toEqual(csv);
    expect(withDataRowIndex((await run(files.parquet)).rows, { leads: 1, events: 1 })).toEqual(csv);
    const mixed = await run({ leads: files.parquet.leads, events: files.jsonl.events });
    expect(withDataRowIndex(mixed.rows, { leads: 1, events: 1 })).toEqual(csv);
  });

  it("writes exactly one row per input lead row: leads in file order, then rejected rows", async () => {
    const { rows, result } = await run(files.csv);
    const leadRows = fixtureCrm().leads;
    expect(rows).toHaveLength(leadRows.length);
    const validIds = uniqueIds(leadRows).filter((id) => id !== "L90");
    expect(rows.slice(0, validIds.length).map((r) => r.lead_id)).toEqual(validIds);
    expect(rows.slice(validIds.length).every((r) => r.score === null && r.error !== null)).toBe(true);
    expect(result).toMatchObject({ scored: 40, errorRows: 3, leads: { rows: 43, used: 40, skipped: 0, rejected: 3 } });
  });

  it("turns rejected lead rows into error rows naming file, row and column", async () => {
    const { rows } = await run(files.csv);
    expect(rows.slice(-3).map((r) => [r.lead_id, r.error])).toEqual([
      ["", 'leads.csv row 12, column "lead_id": expected a lead id, got an empty cell.'],
      ["L90", 'leads.csv row 22, column "created_at": expected an ISO date, got "31/02/2025".'],
      ["L03", 'leads.csv row 44, column "lead_id": lead id "L03" already appears at row 4; lead ids must be unique.'],
    ]);
  });

  it("accounts for every event row, with the same issues as the in-memory loader", async () => {
    const issuesPath = join(files.dir, "issues.jsonl");
    const { result } = await run(files.csv, { issuesPath });
    const config = await loadConfig();
    const leadsTable = await readTable(files.csv.leads);
    const leads = loadLeads(leadsTable, config);
    const events = loadEvents(await readTable(files.csv.events), config, new Set(leads.rows.map((l) => l.leadId)), leads.rejectedIds, leadsTable.file);
    expect(result.events?.summary).toEqual(events.summary);
    expect(result.events?.summary).toEqual({ file: "events.csv", rows: 304, used: 300, skipped: 0, rejected: 4 });
    expect(result.events!.counted + result.events!.afterMoment).toBe(300);
    const written = readFileSync(issuesPath, "utf8").trimEnd().split("\n").map((line) => JSON.parse(line));
    expect(written).toEqual([...leads.issues, ...events.issues]);
    expect(written.map((issue) => issue.message).filter((m) => m.startsWith("events.csv"))).toEqual([
      'events.csv row 52, column "lead_id": expected a lead id from the leads file, got "L99".',
      'events.csv row 102, column "lead_id": lead "L90" was rejected at leads.csv row 22; fix that row.',
      'events.csv row 152, column "action": expected an action name, got an empty cell.',
      'events.csv row 202, column "occurred_at": expected an ISO date, got "yesterday".',
    ]);
    expect(result.issueCounts).toEqual({ "missing-value": 2, "bad-date": 2, "duplicate-id": 1, "unknown-lead": 1, "lead-rejected": 1 });
  });

  it("streams every issue to the issues file but keeps only the first examples of each code", async () => {
    const unknown: FixtureRow[] = Array.from({ length: MAX_ISSUES_PER_CODE + 150 }, (_, i) => ({ lead_id: `NOPE${i}`, action: "demo_request", occurred_at: "2025-02-01T00:00:00Z", category: null }));
    const many = writeTempFiles({ "events.csv": toCsv([...fixtureCrm().events, ...unknown]), "issues.csv": "" });
    const { result } = await run({ leads: files.csv.leads, events: many["events.csv"] }, { issuesPath: many["issues.csv"] });
    expect(result.issueCounts["unknown-lead"]).toBe(MAX_ISSUES_PER_CODE + 151);
    expect(result.issues.filter((issue) => issue.code === "unknown-lead")).toHaveLength(MAX_ISSUES_PER_CODE);
    const lines = readFileSync(many["issues.csv"], "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe("file,row,column,severity,code,value,message");
    expect(lines.filter((line) => line.includes(",unknown-lead,"))).toHaveLength(MAX_ISSUES_PER_CODE + 151);
    expect(lines).toHaveLength(1 + Object.values(result.issueCounts).reduce((a, b) => a + b, 0));
  });

  it("gives every rejected lead row an error row, beyond the issue examples kept in memory", async () => {
    const badDates: FixtureRow[] = Array.from({ length: MAX_ISSUES_PER_CODE + 50 }, (_, i) => ({ lead_id: `BAD${i}`, created_at: "soon" }));
    const good: FixtureRow[] = Array.from({ length: 100 }, (_, i) => ({ lead_id: `OK${i}`, created_at: "2025-01-01" }));
    const leadsFile = writeTempFiles({ "leads.csv": toCsv([...good, ...badDates]) });
    const { rows, result } = await run({ leads: leadsFile["leads.csv"] });
    expect(rows).toHaveLength(good.length + badDates.length);
    expect(rows.filter((r) => r.error?.includes('expected an ISO date, got "soon"'))).toHaveLength(badDates.length);
    expect(rows.slice(good.length).map((r) => r.lead_id)).toEqual(badDates.map((r) => r.lead_id));
    expect(result).toMatchObject({ scored: good.length, errorRows: badDates.length, events: null });
  });

  it("scores leads without an events file from their profile alone", async () => {
    const { rows } = await run({ leads: files.csv.leads });
    const reference = await inMemoryRows(handModel(), { leads: files.csv.leads, events: writeTempFiles({ "events.csv": "lead_id,action,occurred_at\n" })["events.csv"] });
    expect(rows).toEqual(reference);
  });

  it("refuses an output file it cannot write before reading any input", async () => {
    await expect(scoreFiles({ model: handModel(), config: await loadConfig(), leadsPath: "/nonexistent.csv", outPath: "scores.xlsx", at: AT })).rejects.toThrowError(
      /scores\.xlsx: expected a \.csv or \.jsonl output file, got "\.xlsx"\./,
    );
  });

  it("names the events file's missing columns", async () => {
    const bad = writeTempFiles({ "events.csv": "id,type,ts\nL01,demo_request,2025-01-01\n" });
    await expect(run({ leads: files.csv.leads, events: bad["events.csv"] })).rejects.toThrowError(/events\.csv is missing columns: lead_id, action, occurred_at\. Found: id, type, ts\./);
  });
});

/** Output rows with event row numbers removed from messages (shuffling moves events, not leads). */
function withoutEventRows(rows: readonly ScoredRow[]): ScoredRow[] {
  return rows.map((row) => ({ ...row, error: row.error?.replace(/events\.csv row \d+/g, "events.csv row N") ?? null }));
}

function uniqueIds(rows: readonly FixtureRow[]): string[] {
  const seen = new Set<string>();
  for (const row of rows) if (row.lead_id) seen.add(row.lead_id);
  return [...seen];
}
