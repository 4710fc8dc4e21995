import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeCrm, loadCrm, parseConfig, trainAndCalibrate, type ModelV1, type RowIssue } from "../../src/index.js";
import { engineOf } from "../../src/engine/engine-registry.js";
import { openTestDatabase, type TestDatabase } from "../helpers/duckdb.js";
import { expectSameModel } from "../helpers/model-parity.js";
import { temporaryFolder } from "../helpers/packed-packages.js";

/*
 * Parquet exports as real tools write them — typed columns, odd texts,
 * several row groups, damaged bytes, awkward file names — read by both
 * engines: DuckDB must use, skip and reject exactly the rows leadlift's
 * reader does, with the same issues, events and dictionaries.
 */

const SAMPLE = join(import.meta.dirname, "../../data/sample");
const NOW = new Date("2026-01-01T00:00:00Z");

/** Rows of `SELECT * FROM (VALUES …) t(lead_id, action, occurred_at, category)`. */
const values = (rows: string) => `SELECT * FROM (VALUES ${rows}) t(lead_id, action, occurred_at, category)`;

/** One load's full account of an events file. */
interface Account {
  files: unknown;
  seen: string[];
  events: string[];
  start: number[];
  actions: readonly string[];
  categories: readonly string[];
}

describe("Parquet exports read by the DuckDB engine", () => {
  const temp = temporaryFolder("leadlift-duckdb-exports-");
  const leads = join(temp.dir, "leads.csv");
  const outcomes = join(temp.dir, "outcomes.csv");
  let db: TestDatabase;
  let written = 0;

  beforeAll(async () => {
    db = await openTestDatabase();
    // Lead ids a typed export may or may not match: numbers, leading zeros, case, a duplicate (rejected) and a rejected row.
    writeFileSync(leads, "lead_id,created_at\n1,2024-01-01\n1,2024-01-05\n2,2024-01-01\n007,2024-01-01\nA,2024-01-01\nb,2024-01-01\nX,notadate\n4294967295,2024-01-01\n-5,2024-01-01\n");
    writeFileSync(outcomes, "lead_id,status,closed_at\n1,won,2024-03-01\n2,lost,2024-03-01\n");
  });
  afterAll(() => {
    db.close();
    temp.remove();
  });

  /** Writes `select` to a Parquet file (DuckDB's COPY `options`). */
  async function writeParquet(select: string, options = "", name = `events-${++written}.parquet`): Promise<string> {
    const path = join(temp.dir, name);
    await db.query(`COPY (${select}) TO '${path.replaceAll("'", "''")}' (FORMAT parquet${options ? `, ${options}` : ""})`);
    return path;
  }

  /** Loads the export with one engine: its account, or the error message. */
  async function load(events: string, engine: "in-process" | "duckdb", settings: Record<string, unknown> = {}): Promise<Account | string> {
    const seen: RowIssue[] = [];
    try {
      const crm = await loadCrm({ leads, events, outcomes }, parseConfig({ ...settings, engine }), { onIssue: (issue) => seen.push(issue) });
      try {
        if (engine === "duckdb") expect(engineOf(crm.events)).not.toBeNull();
        return {
          files: crm.files,
          seen: seen.map((issue) => `${issue.file} ${issue.row} ${issue.severity} ${issue.code}: ${issue.message}`),
          events: [...crm.events].map((e) => `${e.leadId}|${e.action}|${e.occurredAt}|${e.category}`),
          start: Array.from(crm.events.start),
          actions: crm.events.actions,
          categories: crm.events.categories,
        };
      } finally {
        closeCrm(crm);
      }
    } catch (error) {
      return `error: ${(error as Error).message}`;
    }
  }

  async function expectSameAccount(events: string, settings: Record<string, unknown> = {}): Promise<Account | string> {
    const reader = await load(events, "in-process", settings);
    expect(await load(events, "duckdb", settings)).toEqual(reader);
    return reader;
  }

  it.each([
    ["INTEGER lead ids (7 is not 007; negative ids)", values("(1, 'a', TIMESTAMP '2024-01-02 00:00:00', 'c'), (7, 'a', TIMESTAMP '2024-01-02', 'c'), (-5, 'b', TIMESTAMP '2024-01-02', 'c')")],
    ["unsigned 32- and 64-bit lead ids", values("(4294967295::UINTEGER, 'a', TIMESTAMP '2024-01-02', 'c'), (1::UINTEGER, 'a', TIMESTAMP '2024-01-02', 'c')")],
    ["TIMESTAMPTZ with offsets and microseconds", values("('1', 'a', TIMESTAMPTZ '2024-01-02 00:00:00+05', 'c'), ('1', 'a', TIMESTAMPTZ '2024-01-02 10:00:00.123456+00', 'c')")],
    ["TIMESTAMP_NS / _MS / _S", "SELECT '1' AS lead_id, 'a' AS action, TIMESTAMP_NS '2024-01-02 00:00:00.123456789' AS occurred_at, NULL::VARCHAR AS category UNION ALL SELECT '1', 'b', TIMESTAMP '2024-01-02 00:00:00.999999'::TIMESTAMP_MS, 'c' UNION ALL SELECT '2', 'c', TIMESTAMP '2024-01-02 00:00:00.5'::TIMESTAMP_S, 'c'"],
    ["DATE with NULLs and unknown leads", values("('1', 'a', DATE '2024-01-02', 'c'), ('1', 'a', NULL, 'c'), ('zz', 'a', DATE '2024-01-02', 'c')")],
    ["timestamps before 1970 (by half a millisecond) and after 9999", values("('1', 'a', TIMESTAMP '1969-12-31 23:59:59.9995', 'c'), ('1', 'a', TIMESTAMP '2024-01-02', 'c'), ('1', 'b', TIMESTAMP '10000-01-02', 'c')")],
    ["BIGINT epoch milliseconds (not dates to either reader)", values("('1', 'a', 1704153600000::BIGINT, 'c')")],
    [
      "ISO texts: Z, no seconds, fractions, offsets, blanks, pre-1970, impossible dates and times, leap days, other layouts",
      values(
        ["2024-01-02T10:00:00Z", "2024-01-02 10:00", "2024-01-02T10:00:00.5Z", "2024-01-02T10:00:00.123456Z", "2024-01-02T10:00:00+02:00", "", "1960-05-01", "0999-05-01", "9999-12-31T23:59:59.999Z", "2024-02-30", "2024-01-02T24:00:00", " 2024-01-02", "2024-01-02t10:00:00z", "2024-01-02T10:00:00z", "2024-1-2", "20240102", "2024-01-02T10:00:00.123", "2024-01-02 10:00:00 Z", "2024-01-02 10:00:00Z", "2024-01-02T10:00Z", "2024-01-02 10:00Z", "2024-01-02T10:00", "2024-02-29T23:59:59Z", "2023-02-29T00:00:00Z", "2024-01-02T10:00:00.1234Z", "2024-01-02T10:00:60Z", "2024-01-02T10:60:00Z", "1970-01-01T00:00:00.000Z", "2024-01-02T10:00:00.999", "2024-01-02T10:00:00ZZ"]
          .map((text) => `('1', 'a', '${text}', 'c')`)
          .concat("('1', 'a', NULL, 'c')")
          .join(", "),
      ),
    ],
    [
      "actions and categories: case, accents, empty, NULL, padded, non-breaking and ideographic spaces, zero-width characters",
      values("('1', 'Démo', '2024-01-02', 'c'), ('1', 'démo', '2024-01-02', ''), ('1', ' a', '2024-01-02', NULL), ('1', '', '2024-01-02', 'x'), ('1', NULL, '2024-01-02', 'x'), ('1', 'a\u00a0', '2024-01-02', 'x'), ('1', 'a', '2024-01-02', '\u00a0'), ('1', '\u3000', '2024-01-02', 'y'), ('1', 'b\t', '2024-01-02', 'y'), ('1', 'c', '2024-01-02', 'k\u200b'), ('1', '\ufeffd', '2024-01-02', 'k')"),
    ],
    ["lead id texts: leading zeros, case, blanks, rejected and unknown leads", values("('007', 'a', '2024-01-02', 'c'), (' 1', 'a', '2024-01-02', 'c'), ('a', 'a', '2024-01-02', 'c'), ('A', 'a', '2024-01-02', 'c'), ('X', 'a', '2024-01-02', 'c'), ('', 'a', '2024-01-02', 'c'), (NULL, 'a', '2024-01-02', 'c'), ('1 ', 'a', '2024-01-02', 'c')")],
    ["names first seen (or only seen) in rejected rows", values("('zz', 'late', '2024-01-02', 'c'), ('1', 'early', '2024-01-02', 'd'), ('1', 'late', 'bad', 'e'), ('1', 'late', '2024-01-02', 'c'), ('zz', 'only_rejected', '2024-01-02', 'f')")],
    [
      "only rows the fast path reads (none for the validator), in each ISO layout it reads, out of lead and time order",
      values("('2', 'a', '2024-01-03T10:00Z', 'c'), ('1', 'b', '2024-01-02', 'c'), ('1', 'a', '2024-01-02 10:00', 'c'), ('2', 'b', '2024-01-02T09:00:00.123Z', ''), ('1', 'a', '2024-01-02T10:00Z', 'd'), ('1', 'c', '2024-01-02 10:00:00', NULL), ('007', 'a', '2024-01-02T10:00', 'c'), ('1', 'a', '2024-01-02 09:59:59.999Z', 'c')"),
    ],
    [
      "fast rows with rows the validator only rejects among them (unknown and rejected leads, unreadable dates; none accepted)",
      values("('2', 'a', '2024-01-03', 'c'), ('zz', 'a', '2024-01-02', 'c'), ('1', 'b', '2024-01-02', 'c'), ('X', 'a', '2024-01-02', 'c'), ('1', 'a', 'bad', 'c'), ('2', 'b', '2024-01-01', NULL), ('1', 'a', NULL, 'd')"),
    ],
    ["duplicate events", values("('1', 'a', '2024-01-02', 'c'), ('1', 'a', '2024-01-02', 'c'), ('1', 'a', '2024-01-02', 'c')")],
    ["no category column, with rows only the validator can judge (unknown lead, padded action, other date layout)", "SELECT * FROM (VALUES ('1', 'a', '2024-01-02'), ('zz', 'a', '2024-01-02'), ('1', ' b', '2024-01-02'), ('1', 'a', '03/15/2024')) t(lead_id, action, occurred_at)"],
    ["no category column, extra and nested columns", "SELECT '1' AS lead_id, 'a' AS action, '2024-01-02' AS occurred_at, 5 AS extra, [1, 2] AS list, {'k': 1} AS struct"],
    ["an ENUM action and a BOOLEAN category", "SELECT '1' AS lead_id, 'a'::ENUM('a', 'b') AS action, '2024-01-02' AS occurred_at, true AS category"],
    ["zero rows", `${values("('1', 'a', '2024-01-02', 'c')")} WHERE false`],
  ])("reads %s as leadlift's reader does", async (_name, select) => {
    await expectSameAccount(await writeParquet(select));
  }, 60_000);

  it("reads renamed columns (the config's columns) as leadlift's reader does, and names a missing one with the file", async () => {
    const settings = { columns: { events: { lead_id: "Lead ID", action: "Activity", occurred_at: "When", category: "Type" } } };
    const renamed = await writeParquet(`SELECT * FROM (VALUES ('1', 'a', '2024-01-02', 'c'), ('1', 'b', '2024-01-03', 'd')) t("Lead ID", "Activity", "When", "Type")`, "", "renamed.parquet");
    expect((await expectSameAccount(renamed, settings)) as Account).toMatchObject({ events: ["1|a|1704153600000|c", "1|b|1704240000000|d"] });
    const missing = await writeParquet(`SELECT * FROM (VALUES ('1', 'a', 'c')) t("Lead ID", "Activity", "Type")`, "", "missing.parquet");
    expect(await expectSameAccount(missing, settings)).toMatch(/^error: missing\.parquet is missing columns: When \(for occurred_at\)\. Found: Lead ID, Activity, Type\./);
  }, 60_000);

  it("skips excluded actions of a file without a category column as leadlift's reader does", async () => {
    const path = await writeParquet("SELECT '1' AS lead_id, CASE WHEN i % 2 = 0 THEN 'a' ELSE 'b' END AS action, '2024-01-02' AS occurred_at FROM range(6) r(i)");
    expect((await expectSameAccount(path, { training: { excludeActions: ["a"] } })) as Account).toMatchObject({ events: ["1|b|1704153600000|null", "1|b|1704153600000|null", "1|b|1704153600000|null"] });
  }, 60_000);

  it.each([
    ["", {}, /^error: events-\d+\.parquet column "occurred_at": 95 of 100 rows could not be read \(first at row 1: "03\/15\/2024"\); expected an ISO date\. Set "input": \{ "dateFormat": "MM\/DD\/YYYY" \} in the config\.$/],
    [" (read with the dateFormat the message suggests)", { input: { dateFormat: "MM/DD/YYYY" } }, null],
  ])("stops on a date column it cannot read in (nearly) every row with the reader's message%s", async (_name, settings, message) => {
    const path = await writeParquet("SELECT '1' AS lead_id, 'a' AS action, CASE WHEN i < 95 THEN '03/15/2024' ELSE '2024-01-02' END AS occurred_at FROM range(100) r(i)");
    const account = await expectSameAccount(path, settings);
    if (message) expect(account).toMatch(message);
    else expect((account as Account).events).toHaveLength(100);
  }, 60_000);

  it("numbers rows across row groups and keeps the dictionaries in first-use order", async () => {
    const select = `SELECT CASE WHEN i % 97 = 0 THEN 'zz' WHEN i % 89 = 0 THEN ' 1' ELSE (1 + i % 2)::VARCHAR END AS lead_id,
      CASE WHEN i % 83 = 0 THEN '' ELSE 'a' || (i % 7) END AS action,
      CASE WHEN i % 79 = 0 THEN '03/02/2024' ELSE strftime(TIMESTAMP '2024-01-01' + INTERVAL (i) MINUTE, '%Y-%m-%dT%H:%M:%SZ') END AS occurred_at,
      'c' || (i % 3) AS category FROM range(9000) r(i)`;
    const account = (await expectSameAccount(await writeParquet(select, "ROW_GROUP_SIZE 2048"))) as Account;
    expect(account.seen.length).toBeGreaterThan(300);
    // Row 1 (i = 0) is of an unknown lead: its category c0 is first used later, after c1 and c2.
    expect(account.categories).toEqual(["c1", "c2", "c0"]);
  }, 60_000);

  it("stops on text that is not UTF-8 with leadlift's reader's message naming the row and column, instead of DuckDB's", async () => {
    const path = await writeParquet(values("('1', 'a', '2024-01-02', 'c'), ('2', 'webinar_attended', '2024-01-02', 'c')"), "COMPRESSION uncompressed");
    const bytes = readFileSync(path);
    const needle = Buffer.from("webinar_attended");
    let patched = 0;
    for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + 1), patched++) bytes[at + 7] = 0xff;
    expect(patched).toBeGreaterThan(0);
    writeFileSync(path, bytes);
    const name = path.split("/").pop() as string;
    expect(await expectSameAccount(path)).toBe(
      `error: ${name} row 2, column "action": text that is not valid UTF-8 (bytes 77 65 62 69 6E 61 72 FF 61 74 74 65 …). Parquet text must be UTF-8: write the file again from data decoded with its real encoding.`,
    );
  }, 60_000);

  it("stops on a damaged page with leadlift's reader's message naming the file and rows", async () => {
    const path = await writeParquet(`SELECT (1 + i % 2)::VARCHAR AS lead_id, 'a' || (i % 50) AS action, strftime(TIMESTAMP '2024-01-01' + INTERVAL (i) MINUTE, '%Y-%m-%dT%H:%M:%SZ') AS occurred_at, 'c' AS category FROM range(3000) r(i)`);
    const bytes = readFileSync(path);
    bytes.fill(0x5a, 200, 600);
    writeFileSync(path, bytes);
    const name = path.split("/").pop() as string;
    expect(await expectSameAccount(path)).toMatch(new RegExp(`^error: ${name.replace(".", "\\.")}: cannot read rows 1–3000 \\(`));
  }, 60_000);

  it("reads the file named, not the files its name matches as a glob pattern", async () => {
    const folder = join(temp.dir, "glob");
    mkdirSync(folder);
    const named = join(folder, "events [copy].parquet");
    copyFileSync(await writeParquet(values("('1', 'named', '2024-01-02', 'c')")), named);
    copyFileSync(await writeParquet(values("('1', 'other', '2024-01-02', 'c'), ('2', 'other', '2024-01-02', 'c')")), join(folder, "events c.parquet"));
    expect(await expectSameAccount(named)).toMatchObject({ events: ["1|named|1704153600000|c"] });
  }, 60_000);
});

describe("the DuckDB engine on the sample as a typed Parquet export", () => {
  const temp = temporaryFolder("leadlift-duckdb-sample-parquet-");
  afterAll(() => temp.remove());

  it("trains the same model as the in-process engine, with events at each cut-off, just before it, after hand-off, duplicated, and leads without a creation date", async () => {
    const outcomeRows = readFileSync(join(SAMPLE, "outcomes.csv"), "utf8").trimEnd().split("\n").slice(1).map((line) => line.split(","));
    const extra: string[] = [];
    for (const [lead, status, closedAt, handoffAt] of outcomeRows) {
      const cutoff = handoffAt || closedAt;
      if (!cutoff) continue;
      // At the cut-off (never counted), a millisecond before it (counted), and after it for won leads.
      extra.push(`${lead},demo_request,${cutoff},sales`, `${lead},pricing_view,${new Date(Date.parse(cutoff) - 1).toISOString()},web`);
      if (status === "won") extra.push(`${lead},late_action,${new Date(Date.parse(cutoff) + 1000).toISOString()},sales`);
    }
    const lines = readFileSync(join(SAMPLE, "events.csv"), "utf8").trimEnd().split("\n");
    writeFileSync(join(temp.dir, "events.csv"), `${[...lines, ...extra, ...lines.slice(1, 500)].join("\n")}\n`);
    const leadLines = readFileSync(join(SAMPLE, "leads.csv"), "utf8").trimEnd().split("\n");
    writeFileSync(join(temp.dir, "leads.csv"), `${leadLines.map((line, n) => (n > 0 && n % 7 === 0 ? line.replace(/^([^,]*),[^,]*,/, "$1,,") : line)).join("\n")}\n`);
    const db = await openTestDatabase();
    const csv = `read_csv('${join(temp.dir, "events.csv")}', all_varchar = true, header = true)`;
    await db.query(`COPY (SELECT lead_id, action, CAST(occurred_at AS TIMESTAMPTZ) AS occurred_at, category FROM ${csv}) TO '${join(temp.dir, "events.parquet")}' (FORMAT parquet, ROW_GROUP_SIZE 8192)`);
    db.close();
    const models: ModelV1[] = [];
    for (const engine of ["in-process", "duckdb"] as const) {
      const config = parseConfig({ engine });
      const crm = await loadCrm({ leads: join(temp.dir, "leads.csv"), events: join(temp.dir, "events.parquet"), outcomes: join(SAMPLE, "outcomes.csv") }, config);
      expect(engineOf(crm.events)?.designPatterns !== undefined).toBe(engine === "duckdb");
      try {
        models.push(trainAndCalibrate(crm, config, { now: NOW, toolVersion: "test" }).model);
      } finally {
        closeCrm(crm);
      }
    }
    expectSameModel(models[1], models[0]);
    // Events at or after the cut-off never count: no training lead has late_action before its cut-off.
    expect(models[1].actions.find((a) => a.action === "late_action")).toMatchObject({ kept: false, dropCode: "degenerate" });
  }, 120_000);
});
