import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LeadliftError } from "../../src/errors.js";
import type { ModelV1 } from "../../src/model/types.js";
import { createScorer, type LeadInput } from "../../src/runtime/index.js";
import { modelToSql, sqlInputs } from "../../src/sql/model-to-sql.js";
import { openTestDatabase, type TestDatabase } from "../helpers/duckdb.js";
import { actionsModel, decayRules, handModel } from "../helpers/model-fixture.js";
import { compareSqlWithRuntime, duckdbEngine, leadInputs, type ParityCase } from "../helpers/sql-parity.js";
import { sampleParityTests } from "../helpers/sql-sample-parity-suite.js";
import {
  additionOrderCase, everyRuleModel, HAND_AT, HAND_LEAD_COLUMNS, HAND_MOMENTS, HAND_ROWS, HAND_VARIANTS, loadSampleHistory, placeholderCase, randomHistoryCase,
  reasonNames, SAMPLE_MOMENTS, sampleModelWithEveryRule, toEvents,
} from "../helpers/sql-parity-cases.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

/** Asserts SQL and runtime agree on every lead, showing the first differences when they do not. */
async function expectParity(parity: ParityCase): Promise<Awaited<ReturnType<typeof compareSqlWithRuntime>>> {
  const result = await compareSqlWithRuntime(duckdbEngine(db), parity);
  expect(result.mismatches.slice(0, 10)).toEqual([]);
  expect(result.compared).toBe(parity.leads.length);
  expect(result.compared).toBeGreaterThan(0);
  return result;
}

describe("modelToSql on the bundled sample (data/sample/*.csv)", () => {
  let leads: LeadInput[];
  let events: Array<{ lead_id: string; action: string; occurred_at: string }>;

  beforeAll(async () => {
    // The runtime reads the CSV with leadlift's own reader, DuckDB with read_csv: two independent readers of the same files.
    ({ leads, events } = await loadSampleHistory());
    await db.connection.run("CREATE OR REPLACE VIEW leads AS SELECT * FROM read_csv('data/sample/leads.csv', all_varchar = true)");
    await db.connection.run("CREATE OR REPLACE VIEW events AS SELECT * FROM read_csv('data/sample/events.csv', all_varchar = true)");
  });

  sampleParityTests(expectParity, () => ({ leads, events }));

  it("gives the same scores when DuckDB types the columns itself (TIMESTAMP, BIGINT)", async () => {
    await db.connection.run("CREATE OR REPLACE VIEW typed_leads AS SELECT * FROM read_csv('data/sample/leads.csv')");
    await db.connection.run("CREATE OR REPLACE VIEW typed_events AS SELECT * FROM read_csv('data/sample/events.csv')");
    const types = await db.query("SELECT typeof(created_at) AS created, typeof(company_size) AS size, typeof(occurred_at) AS occurred FROM typed_leads, (SELECT occurred_at FROM typed_events LIMIT 1) LIMIT 1");
    expect(types[0]).toEqual({ created: "TIMESTAMP WITH TIME ZONE", size: "BIGINT", occurred: "TIMESTAMP WITH TIME ZONE" });
    await expectParity({ model: sampleModelWithEveryRule(), leads, events, at: SAMPLE_MOMENTS[1], options: { leadsTable: "typed_leads", eventsTable: "typed_events" } });
  });

  it("scores each lead at its own as_of when asked, else at $at", async () => {
    await db.connection.run(`CREATE OR REPLACE VIEW leads_as_of AS SELECT *,
      CASE WHEN hash(lead_id) % 3 = 0 THEN NULL ELSE strftime(CAST(created_at AS TIMESTAMP) + to_days(CAST(hash(lead_id) % 120 AS INTEGER)), '%Y-%m-%dT%H:%M:%SZ') END AS as_of
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

describe("modelToSql on hand-made leads exercising every rule", () => {
  const AT = HAND_AT;
  const rows = HAND_ROWS;
  const leadColumns = HAND_LEAD_COLUMNS;
  const MOMENTS = HAND_MOMENTS;

  beforeAll(async () => {
    await db.createTextTable("hand_leads", leadColumns, rows.leads);
    await db.createTextTable("hand_events", ["lead_id", "action", "occurred_at"], rows.events);
  });

  const tables = { leadsTable: "hand_leads", eventsTable: "hand_events" };

  it.each(MOMENTS)("agrees with the runtime on all 420 leads at %s", async (at) => {
    const result = await expectParity({ model: everyRuleModel(), leads: leadInputs(rows.leads), events: toEvents(rows.events), at, options: tables });
    if (at === AT) {
      const names = reasonNames(result);
      for (const rule of ["inactivity:inactivity", "velocity:velocity", "fit-cap:fit_cap", "action:demo_request", "action:o'reilly_download", "action:unsubscribe", "profile:target_account", "profile:visits"]) {
        expect(names, rule).toContain(rule);
      }
    }
  });

  it("applies each rule as the runtime does (spot checks against hand calculation)", async () => {
    const result = await expectParity({ model: everyRuleModel(), leads: leadInputs(rows.leads), events: toEvents(rows.events), at: AT, options: tables });
    const actionPoints = (leadId: string, action: string) => result.runtime.get(leadId)!.reasons.find((r) => r.kind === "action" && r.name === action)?.points;
    // H003: demo 3 days ago, half-life 10 days: 20 × 0.5^0.3 = 16.245… → 16.2.
    expect(actionPoints("H003", "demo_request")).toBe(16.2);
    // H009: demo at the moment does not count; pricing a millisecond before counts in full (rounded).
    expect(actionPoints("H009", "demo_request")).toBeUndefined();
    expect(actionPoints("H009", "pricing page view")).toBe(10);
    // H013 (no created_at): unsubscribe 100 days ago, quiet longer than the exit: nothing counts, not even negative points.
    expect(actionPoints("H013", "unsubscribe")).toBeUndefined();
    // H012, created half a day ago, is not quiet: its only episode still counts.
    expect(actionPoints("H012", "unsubscribe")).toBe(-8);
    // H015: unsubscribe 20 days ago keeps its −8 (negative points never fade).
    expect(actionPoints("H015", "unsubscribe")).toBe(-8);
    // H018: the demo 80 days ago is before a 35-day gap.
    expect(actionPoints("H018", "demo_request")).toBeUndefined();
  });


  it("adds action points in the runtime's order (floating-point addition is not associative)", async () => {
    const { model, leads, events } = additionOrderCase();
    expect(0.3 + 0.2 + 0.1).toBeLessThan(model.velocity!.minPointsPerDay);
    await db.createTextTable("order_leads", ["lead_id", "created_at", "account_id"], leads);
    await db.createTextTable("order_events", ["lead_id", "action", "occurred_at"], events);
    const result = await expectParity({ model, leads: leadInputs(leads), events: toEvents(events), at: AT, options: { leadsTable: "order_leads", eventsTable: "order_events" } });
    expect(result.runtime.get("V1")!.reasons.map((r) => `${r.name} ${r.points}`)).toEqual(["velocity 5", "c 0.3", "b 0.2", "a 0.1"]);
  });


  it("reads the moment from a literal `at` as from the $at parameter", async () => {
    const sqlWithLiteral = modelToSql(everyRuleModel(), { ...tables, at: MOMENTS[1] });
    expect(sqlWithLiteral).not.toContain("$at");
    await expectParity({ model: everyRuleModel(), leads: leadInputs(rows.leads), events: toEvents(rows.events), at: MOMENTS[1], options: { ...tables, at: MOMENTS[1] } });
  });

  it.each(HAND_VARIANTS)("agrees with the runtime on a model with %s", async (_, vary) => {
    await expectParity({ model: vary(everyRuleModel()), leads: leadInputs(rows.leads), events: toEvents(rows.events), at: MOMENTS[0], options: tables });
  });

  it("needs no events table for a model without behaviour rules", async () => {
    const model = { ...everyRuleModel(), actions: [], decay: null, velocity: null, threshold: { ...everyRuleModel().threshold, score: 10 } };
    expect(sqlInputs(model, tables).eventsTable).toBeNull();
    expect(modelToSql(model, tables)).not.toContain("hand_events");
  });

  it("reads renamed columns and schema-qualified tables (a config's column mapping)", async () => {
    await db.connection.run(`CREATE SCHEMA IF NOT EXISTS crm`);
    await db.connection.run(`CREATE OR REPLACE TABLE crm."CRM Leads" AS SELECT lead_id AS "Prospect ID", created_at AS "first contact", * EXCLUDE (lead_id, created_at) FROM hand_leads`);
    await db.connection.run(`CREATE OR REPLACE TABLE crm.activity AS SELECT lead_id AS who, action AS "what", occurred_at AS "when" FROM hand_events`);
    const options = {
      leadsTable: "crm.CRM Leads",
      eventsTable: "crm.activity",
      columns: { leads: { lead_id: "Prospect ID", created_at: "first contact" }, events: { lead_id: "who", action: "what", occurred_at: "when" } },
    };
    const query = (sql: string) => db.query(`SELECT lead_id, score, fit, pain, probability, sdr_ready FROM (${sql.trimEnd()}) AS scored ORDER BY lead_id`, { at: AT });
    const renamed = await query(modelToSql(everyRuleModel(), options));
    expect(renamed).toHaveLength(420);
    expect(renamed).toEqual(await query(modelToSql(everyRuleModel(), tables)));
  });

  it("scores a leads table without account_id or created_at, as the runtime scores leads without them", async () => {
    await db.connection.run(`CREATE OR REPLACE TABLE bare_leads AS SELECT * EXCLUDE (account_id, created_at) FROM hand_leads`);
    const model = { ...everyRuleModel(), decay: null, velocity: null };
    const options = { ...tables, leadsTable: "bare_leads" };
    const scored = await db.query(`SELECT lead_id, account_id, score FROM (${modelToSql(model, options).trimEnd()}) AS scored ORDER BY lead_id`, { at: AT });
    expect(scored).toHaveLength(420);
    expect(scored.every((row) => row.account_id === null)).toBe(true);
    const withColumns = await db.query(`SELECT lead_id, score FROM (${modelToSql(model, tables).trimEnd()}) AS scored ORDER BY lead_id`, { at: AT });
    const leadsById = new Map(leadInputs(rows.leads).map((lead) => [String(lead.lead_id), lead]));
    const scorer = createScorer(model);
    const events = toEvents(rows.events);
    for (const row of scored) {
      const { account_id: _account, created_at: _created, ...lead } = leadsById.get(String(row.lead_id)) as Record<string, unknown>;
      expect(row.score, String(row.lead_id)).toBe(scorer.score(lead, events.filter((e) => e.lead_id === row.lead_id), AT).score);
    }
    expect(withColumns).toHaveLength(420);
  });

  it("reads placeholders as empty with missingValues, as `leadlift score` loads leads", async () => {
    const { rows: placeholderRows, loaded, missingValues } = placeholderCase();
    await db.createTextTable("placeholder_leads", leadColumns, placeholderRows);
    await expectParity({ model: everyRuleModel(), leads: loaded, events: toEvents(rows.events), at: AT, options: { ...tables, leadsTable: "placeholder_leads", missingValues } });
  });
});

describe("modelToSql on seeded random histories (decay rounding stress)", () => {
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

describe("modelToSql's query and errors", () => {
  it("is one CTE per rule, named after it", () => {
    const sql = modelToSql({ ...handModel(), decay: decayRules({ halfLifeDays: { demo_request: 5 }, exitAfterDays: 20, inactivity: { days: 9, points: -3 } }), velocity: { minPointsPerDay: 2, points: 3 } });
    const names = [...sql.matchAll(/^(\w+) AS \($/gm)].map((m) => m[1]);
    expect(names).toEqual([
      "lead_cells", "lead_instant_texts", "lead_instant_parts", "lead_instants", "scoring_moments", "profile_inputs", "profile_numbers", "profile_values", "profile_points", "fit_cap",
      "event_rows", "event_instant_texts", "event_instant_parts", "event_instants", "events_before_moment", "exit_gaps", "exit_episodes", "counted_actions", "last_activity",
      "decayed_actions", "kept_action_points", "action_points", "inactivity_penalty", "velocity_points", "unrounded_pain", "pain", "unrounded_score", "score",
      "probability",
    ]);
  });

  it("names what is wrong with a model it cannot trust", () => {
    const model = { ...handModel(), actions: [{ ...handModel().actions[0], points: 2.5 }] };
    expect(() => modelToSql(model)).toThrowError(LeadliftError);
    expect(() => modelToSql(model)).toThrowError(/Cannot generate SQL for this model\. Invalid model at actions\[0\]\.points: expected whole points within ±1000000, got 2\.5/);
  });

  it("names an unreadable moment", () => {
    expect(() => modelToSql(handModel(), { at: "31/02/2024" })).toThrowError(/Option "at" must be an ISO 8601 date such as 2025-03-01T00:00:00Z\. Got "31\/02\/2024"\./);
  });

  it("refuses names SQL cannot hold, naming them", () => {
    expect(() => modelToSql(actionsModel({ "demo\u0000request": 5 }))).toThrowError(/Cannot write the string "demo\\u0000request" in SQL/);
    expect(() => modelToSql(handModel(), { leadsTable: "crm..leads" })).toThrowError(/Cannot write an empty identifier in SQL/);
  });

  it("lists the tables and columns it reads", () => {
    expect(sqlInputs(handModel(), { asOf: true })).toEqual({
      leadsTable: "leads",
      leadColumns: ["lead_id", "created_at", "account_id", "as_of", "title", "email", "visits"],
      eventsTable: "events",
      eventColumns: ["lead_id", "action", "occurred_at"],
      atParameter: true,
      dialectTitle: "DuckDB",
      howToBindMoment: "bind the parameter $at (ISO 8601 text or a TIMESTAMP)",
      optionalColumnsMayBeAbsent: true,
    });
  });
});
