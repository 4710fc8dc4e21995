import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScorer, type LeadInput } from "../../src/runtime/index.js";
import { modelToSql } from "../../src/sql/model-to-sql.js";
import { openTestDatabase } from "../helpers/duckdb.js";
import { openTestPostgres, type TestPostgres } from "../helpers/postgres.js";
import { compareSqlWithRuntime, leadInputs, postgresEngine, type ParityCase } from "../helpers/sql-parity.js";
import { sampleParityTests } from "../helpers/sql-sample-parity-suite.js";
import {
  additionOrderCase, everyRuleModel, HAND_AT, HAND_LEAD_COLUMNS, HAND_MOMENTS, HAND_ROWS, HAND_VARIANTS, loadSampleHistory, placeholderCase, randomHistoryCase,
  reasonNames, SAMPLE_MOMENTS, sampleModelWithEveryRule, toEvents,
} from "../helpers/sql-parity-cases.js";

/**
 * The PostgreSQL query against the runtime, lead by lead, on a real server
 * (`npm run test:postgres`): the cases of the DuckDB parity tests
 * (model-to-sql.test.ts), bit for bit — score, fit, pain and probability
 * compared with Object.is.
 */
let db: TestPostgres;
let compared = 0;
beforeAll(async () => {
  db = await openTestPostgres();
});
afterAll(async () => {
  console.log(`PostgreSQL parity: ${compared} lead scores compared with the runtime (leads × moments), every one bit for bit.`);
  await db.close();
});

async function expectParity(parity: ParityCase): Promise<Awaited<ReturnType<typeof compareSqlWithRuntime>>> {
  const result = await compareSqlWithRuntime(postgresEngine(db), parity);
  expect(result.mismatches.slice(0, 10)).toEqual([]);
  expect(result.compared).toBe(parity.leads.length);
  expect(result.compared).toBeGreaterThan(0);
  compared += result.compared;
  return result;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

describe("modelToSql for PostgreSQL on the bundled sample (data/sample/*.csv)", () => {
  let leads: LeadInput[];
  let events: Array<{ lead_id: string; action: string; occurred_at: string }>;
  let leadColumns: string[];

  beforeAll(async () => {
    // The runtime reads the CSV with leadlift's own reader; PostgreSQL gets the cells DuckDB's read_csv reads: two independent readers.
    ({ leads, events } = await loadSampleHistory());
    const duckdb = await openTestDatabase();
    try {
      for (const [table, file] of [["leads", "data/sample/leads.csv"], ["events", "data/sample/events.csv"]] as const) {
        const rows = (await duckdb.query(`SELECT * FROM read_csv('${file}', all_varchar = true)`)) as Array<Record<string, string | null>>;
        const columns = Object.keys(rows[0]);
        if (table === "leads") leadColumns = columns;
        await db.createTextTable(table, columns, rows);
      }
    } finally {
      duckdb.close();
    }
  });

  sampleParityTests(expectParity, () => ({ leads, events }));

  it("gives the same scores from typed columns (TIMESTAMPTZ, BIGINT), whatever the session's time zone and DateStyle", async () => {
    const typed = (column: string) =>
      column === "created_at" ? `CAST(NULLIF(created_at, '') AS TIMESTAMPTZ) AS created_at` : column === "company_size" ? "CAST(NULLIF(company_size, '') AS BIGINT) AS company_size" : quote(column);
    await db.query(`CREATE VIEW typed_leads AS SELECT ${leadColumns.map(typed).join(", ")} FROM leads`);
    await db.query("CREATE VIEW typed_events AS SELECT lead_id, action, CAST(occurred_at AS TIMESTAMPTZ) AS occurred_at FROM events");
    const [types] = await db.query("SELECT pg_typeof(created_at)::text AS created, pg_typeof(company_size)::text AS size FROM typed_leads LIMIT 1");
    expect(types).toEqual({ created: "timestamp with time zone", size: "bigint" });
    await db.query("SET TimeZone = 'Asia/Kolkata'");
    await db.query("SET DateStyle = 'SQL, DMY'");
    try {
      await expectParity({ model: sampleModelWithEveryRule(), leads, events, at: SAMPLE_MOMENTS[1], options: { leadsTable: "typed_leads", eventsTable: "typed_events" } });
    } finally {
      await db.query("SET TimeZone = 'UTC'");
      await db.query("SET DateStyle = 'ISO, MDY'");
    }
  });

  it("scores each lead at its own as_of when asked, else at the moment bound to $1", async () => {
    await db.query(`CREATE VIEW leads_as_of AS SELECT *,
      CASE WHEN abs(hashtext(lead_id)) % 3 = 0 THEN NULL
        ELSE to_char(CAST(created_at AS TIMESTAMPTZ) AT TIME ZONE 'UTC' + (abs(hashtext(lead_id)) % 120) * INTERVAL '1 day', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') END AS as_of
      FROM leads`);
    const asOf = new Map((await db.query("SELECT lead_id, as_of FROM leads_as_of")).map((row) => [row.lead_id as string, row.as_of as string | null]));
    expect([...asOf.values()].filter((v) => v !== null).length).toBeGreaterThan(3000);
    await expectParity({
      model: sampleModelWithEveryRule(),
      leads,
      events,
      at: SAMPLE_MOMENTS[2],
      options: { asOf: true, leadsTable: "leads_as_of" },
      momentOf: (lead) => asOf.get(lead.lead_id as string) ?? null,
    });
  });
});

describe("modelToSql for PostgreSQL on hand-made leads exercising every rule", () => {
  const rows = HAND_ROWS;
  const tables = { leadsTable: "hand_leads", eventsTable: "hand_events" };
  const handLeads = leadInputs(rows.leads);
  const handEvents = toEvents(rows.events);

  beforeAll(async () => {
    await db.createTextTable("hand_leads", HAND_LEAD_COLUMNS, rows.leads);
    await db.createTextTable("hand_events", ["lead_id", "action", "occurred_at"], rows.events);
  });

  it.each(HAND_MOMENTS)("agrees with the runtime on all 420 leads at %s", async (at) => {
    const result = await expectParity({ model: everyRuleModel(), leads: handLeads, events: handEvents, at, options: tables });
    if (at === HAND_AT) {
      const names = reasonNames(result);
      for (const rule of ["inactivity:inactivity", "velocity:velocity", "fit-cap:fit_cap", "action:demo_request", "action:o'reilly_download", "action:unsubscribe", "profile:target_account", "profile:visits"]) {
        expect(names, rule).toContain(rule);
      }
    }
  });

  it("adds action points in the runtime's order (floating-point addition is not associative)", async () => {
    const { model, leads, events } = additionOrderCase();
    await db.createTextTable("order_leads", ["lead_id", "created_at", "account_id"], leads);
    await db.createTextTable("order_events", ["lead_id", "action", "occurred_at"], events);
    const result = await expectParity({ model, leads: leadInputs(leads), events: toEvents(events), at: HAND_AT, options: { leadsTable: "order_leads", eventsTable: "order_events" } });
    expect(result.runtime.get("V1")!.reasons.map((r) => `${r.name} ${r.points}`)).toEqual(["velocity 5", "c 0.3", "b 0.2", "a 0.1"]);
  });

  it("reads the moment from a literal `at` as from the $1 parameter", async () => {
    const sql = modelToSql(everyRuleModel(), { ...tables, at: HAND_MOMENTS[1], dialect: "postgres" });
    expect(sql).not.toContain("$1");
    await expectParity({ model: everyRuleModel(), leads: handLeads, events: handEvents, at: HAND_MOMENTS[1], options: { ...tables, at: HAND_MOMENTS[1] } });
  });

  it.each(HAND_VARIANTS)("agrees with the runtime on a model with %s", async (_, vary) => {
    await expectParity({ model: vary(everyRuleModel()), leads: handLeads, events: handEvents, at: HAND_MOMENTS[0], options: tables });
  });

  it("reads renamed columns and schema-qualified tables (a config's column mapping)", async () => {
    const schema = `crm_${Math.random().toString(36).slice(2, 8)}`;
    await db.query(`CREATE SCHEMA ${schema}`);
    const others = HAND_LEAD_COLUMNS.filter((c) => c !== "lead_id" && c !== "created_at").map(quote);
    await db.query(`CREATE TABLE ${schema}."CRM Leads" AS SELECT lead_id AS "Prospect ID", created_at AS "first contact", ${others.join(", ")} FROM hand_leads`);
    await db.query(`CREATE TABLE ${schema}.activity AS SELECT lead_id AS who, action AS "what", occurred_at AS "when" FROM hand_events`);
    const options = {
      leadsTable: `${schema}.CRM Leads`,
      eventsTable: `${schema}.activity`,
      columns: { leads: { lead_id: "Prospect ID", created_at: "first contact" }, events: { lead_id: "who", action: "what", occurred_at: "when" } },
    };
    await expectParity({ model: everyRuleModel(), leads: handLeads, events: handEvents, at: HAND_AT, options });
  });

  it("scores a leads table without account_id or created_at (read through the row's JSON), as the runtime scores leads without them", async () => {
    const kept = HAND_LEAD_COLUMNS.filter((c) => c !== "account_id" && c !== "created_at");
    await db.createTextTable("bare_leads", kept, rows.leads);
    const bare = handLeads.map(({ account_id: _account, created_at: _created, ...lead }) => lead);
    const model = { ...everyRuleModel(), decay: null, velocity: null };
    const result = await expectParity({ model, leads: bare, events: handEvents, at: HAND_AT, options: { ...tables, leadsTable: "bare_leads" } });
    expect(result.compared).toBe(420);
    const scored = await db.query(`SELECT account_id FROM (${modelToSql(model, { ...tables, leadsTable: "bare_leads", dialect: "postgres" }).trimEnd()}) AS scored`, [HAND_AT]);
    expect(scored.every((row) => row.account_id === null)).toBe(true);
  });

  it("reads placeholders as empty with missingValues, as `leadlift score` loads leads", async () => {
    const { rows: placeholderRows, loaded, missingValues } = placeholderCase();
    await db.createTextTable("placeholder_leads", HAND_LEAD_COLUMNS, placeholderRows);
    await expectParity({ model: everyRuleModel(), leads: loaded, events: handEvents, at: HAND_AT, options: { ...tables, leadsTable: "placeholder_leads", missingValues } });
  });

  it("stops on an instant the runtime refuses, naming the column and the text", async () => {
    await db.createTextTable("bad_leads", ["lead_id", "created_at", "account_id"], [{ lead_id: "B1", created_at: "2024-02-30", account_id: null }]);
    const model = { ...everyRuleModel(), profile: { ...everyRuleModel().profile, rules: [] } };
    const sql = modelToSql(model, { leadsTable: "bad_leads", eventsTable: "hand_events", dialect: "postgres", at: HAND_AT });
    expect(() => createScorer(model).score({ lead_id: "B1", created_at: "2024-02-30" }, [], HAND_AT)).toThrowError(/lead\.created_at/);
    await expect(db.query(sql)).rejects.toThrowError(/lead\.created_at: expected an ISO 8601 date such as 2025-03-01T12:00:00Z, got 2024-02-30/);
  });
});

describe("modelToSql for PostgreSQL on seeded random histories (decay rounding stress)", () => {
  it("agrees with the runtime on 3000 leads × 4 moments with fractional half-lives", async () => {
    const { model, leads, events, moments } = randomHistoryCase();
    await db.createTextTable("random_leads", ["lead_id", "created_at", "account_id"], leads);
    await db.createTextTable("random_events", ["lead_id", "action", "occurred_at"], events);
    let fractional = 0;
    for (const at of moments) {
      const result = await expectParity({ model, leads: leadInputs(leads), events: toEvents(events), at, options: { leadsTable: "random_leads", eventsTable: "random_events" } });
      fractional += [...result.runtime.values()].filter((s) => !Number.isInteger(s.pain)).length;
    }
    expect(fractional).toBeGreaterThan(1000);
  });
});
