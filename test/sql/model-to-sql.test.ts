import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LeadliftError } from "../../src/errors.js";
import { readTable } from "../../src/io/read-table.js";
import type { ModelV1, ProfileFeature } from "../../src/model/types.js";
import { deriveProfileValue, type ProfileTransform } from "../../src/runtime/derive-profile.js";
import { createScorer, type LeadInput } from "../../src/runtime/index.js";
import { modelToSql, sqlInputs } from "../../src/sql/model-to-sql.js";
import { openTestDatabase, type TestDatabase, type TextRow } from "../helpers/duckdb.js";
import { actionsModel, decayRules, handModel } from "../helpers/model-fixture.js";
import { compareSqlWithRuntime, leadInputs, type ParityCase } from "../helpers/sql-parity.js";
import { mulberry32 } from "../helpers/temp-files.js";

let db: TestDatabase;
beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());

const DAY = 86_400_000;
const SAMPLE_MODEL = JSON.parse(readFileSync("models/sample-model.json", "utf8")) as ModelV1;

/** Asserts SQL and runtime agree on every lead, showing the first differences when they do not. */
async function expectParity(parity: ParityCase): Promise<Awaited<ReturnType<typeof compareSqlWithRuntime>>> {
  const result = await compareSqlWithRuntime(db, parity);
  expect(result.mismatches.slice(0, 10)).toEqual([]);
  expect(result.compared).toBe(parity.leads.length);
  expect(result.compared).toBeGreaterThan(0);
  return result;
}

/** Kinds and names of the reasons the runtime gave: proof that a case exercised a rule. */
function reasonNames(result: Awaited<ReturnType<typeof compareSqlWithRuntime>>): Set<string> {
  return new Set([...result.runtime.values()].flatMap((score) => score.reasons.map((r) => `${r.kind}:${r.name}`)));
}

/** The label the runtime gives `cell` under `transform`, so rules can be written against real labels. */
const label = (transform: ProfileTransform, cell: string) => deriveProfileValue(transform, cell);

/**
 * The sample model with every time rule switched on and points on every
 * profile transform: fading points (fractional half-lives; a half-life on
 * the negative action, which must be ignored), exit, inactivity, velocity
 * and a FIT cap — hand-made, applied to the realistic sample history.
 */
function sampleModelWithEveryRule(): ModelV1 {
  const size = SAMPLE_MODEL.profile.features.find((f) => f.name === "company_size_band")!.transform;
  const rule = (feature: string, value: string, points: number) => ({ ...handModel().profile.rules[0], feature, value, comparedWith: "test", points, kept: true });
  return {
    ...SAMPLE_MODEL,
    profile: {
      ...SAMPLE_MODEL.profile,
      rules: [
        ...SAMPLE_MODEL.profile.rules,
        rule("email_domain", "free-mail", -4),
        rule("country", "US", 2),
        rule("country", "(other)", 3),
        rule("company_size_band", label(size, "5"), -3),
        rule("company_size_band", label(size, "3000"), 4),
        rule("company_size_band", label(size, "9000"), 6),
      ],
      fitCap: 12,
    },
    decay: decayRules({
      halfLifeDays: { demo_request: 14, teammate_invited: 30, pricing_page_view: 7, image_added: 45.5, document_created: 3, trial_signup: 90, unsubscribe: 20 },
      exitAfterDays: 30,
      inactivity: { days: 21, points: -6 },
    }),
    velocity: { minPointsPerDay: 0.8, points: 5 },
  };
}

describe("modelToSql on the bundled sample (data/sample/*.csv)", () => {
  let leads: LeadInput[];
  let events: Array<{ lead_id: string; action: string; occurred_at: string }>;

  beforeAll(async () => {
    // The runtime reads the CSV with leadlift's own reader, DuckDB with read_csv: two independent readers of the same files.
    const leadTable = await readTable("data/sample/leads.csv");
    const leadColumns = leadTable.columnNames.map((name) => leadTable.column(name));
    leads = Array.from({ length: leadTable.numRows }, (_, i) =>
      Object.fromEntries(leadTable.columnNames.map((name, c) => [name, leadColumns[c][i]]).filter(([, v]) => v !== null)),
    );
    const eventTable = await readTable("data/sample/events.csv");
    const [ids, actions, times] = ["lead_id", "action", "occurred_at"].map((name) => eventTable.column(name));
    events = Array.from({ length: eventTable.numRows }, (_, i) => ({ lead_id: ids[i]!, action: actions[i]!, occurred_at: times[i]! }));
    await db.connection.run("CREATE OR REPLACE VIEW leads AS SELECT * FROM read_csv('data/sample/leads.csv', all_varchar = true)");
    await db.connection.run("CREATE OR REPLACE VIEW events AS SELECT * FROM read_csv('data/sample/events.csv', all_varchar = true)");
  });

  const MOMENTS = ["2024-06-01T00:00:00Z", "2025-01-15T12:34:56.789Z", "2025-07-24T00:00:00Z"];

  it.each(MOMENTS)("scores all 6000 leads exactly as the runtime with models/sample-model.json at %s", async (at) => {
    const result = await expectParity({ model: SAMPLE_MODEL, leads, events, at });
    expect(result.compared).toBe(6000);
    expect([...result.runtime.values()].some((s) => s.sdrReady)).toBe(true);
  });

  it("scores all 6000 leads exactly as the runtime with every time rule switched on, at each moment", async () => {
    const names = new Set<string>();
    let fractional = 0;
    for (const at of MOMENTS) {
      const result = await expectParity({ model: sampleModelWithEveryRule(), leads, events, at });
      for (const name of reasonNames(result)) names.add(name);
      fractional += [...result.runtime.values()].filter((s) => !Number.isInteger(s.pain)).length;
    }
    for (const rule of ["inactivity:inactivity", "velocity:velocity", "fit-cap:fit_cap", "profile:company_size_band", "profile:email_domain", "profile:country"]) {
      expect(names, rule).toContain(rule);
    }
    // Fading points make PAIN fractional for many leads.
    expect(fractional).toBeGreaterThan(100);
  });

  it("gives the same scores when DuckDB types the columns itself (TIMESTAMP, BIGINT)", async () => {
    await db.connection.run("CREATE OR REPLACE VIEW typed_leads AS SELECT * FROM read_csv('data/sample/leads.csv')");
    await db.connection.run("CREATE OR REPLACE VIEW typed_events AS SELECT * FROM read_csv('data/sample/events.csv')");
    const types = await db.query("SELECT typeof(created_at) AS created, typeof(company_size) AS size, typeof(occurred_at) AS occurred FROM typed_leads, (SELECT occurred_at FROM typed_events LIMIT 1) LIMIT 1");
    expect(types[0]).toEqual({ created: "TIMESTAMP WITH TIME ZONE", size: "BIGINT", occurred: "TIMESTAMP WITH TIME ZONE" });
    await expectParity({ model: sampleModelWithEveryRule(), leads, events, at: MOMENTS[1], options: { leadsTable: "typed_leads", eventsTable: "typed_events" } });
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
      at: MOMENTS[2],
      options: { asOf: true, leadsTable: "leads_as_of" },
      momentOf: (lead) => asOf.get(lead.lead_id as string) ?? null,
    });
  });
});

describe("modelToSql on hand-made leads exercising every rule", () => {
  const AT = "2025-03-01T00:00:00Z";
  const AT_MS = Date.parse(AT);
  const iso = (ms: number) => new Date(ms).toISOString();
  const daysBefore = (days: number) => iso(AT_MS - days * DAY);

  const SIZE: ProfileFeature["transform"] = { kind: "size-band", edges: [10, 50, 200, 1000, 5000] };
  const VISITS: ProfileFeature["transform"] = { kind: "numeric-band", edges: [0.5, 2, 5] };

  /** demo +20 (half-life 10 d), "pricing page view" +10 (2.5 d), o'reilly_download +7 (none), unsubscribe −8 (a half-life it must ignore). */
  function everyRuleModel(): ModelV1 {
    const base = handModel();
    const rule = (feature: string, value: string, points: number) => ({ ...base.profile.rules[0], feature, value, comparedWith: "test", points });
    return {
      ...actionsModel({ demo_request: 20, "pricing page view": 10, "o'reilly_download": 7, unsubscribe: -8, webinar: 0 }),
      profile: {
        features: [
          { name: "seniority", column: "Job Title", role: "fit", transform: { kind: "seniority" } },
          { name: "email_domain", column: "email", role: "fit", transform: { kind: "email-domain" } },
          { name: "size", column: "Company Size", role: "fit", transform: SIZE },
          { name: "country", column: "country", role: "fit", transform: { kind: "category", levels: ["US", "DE", "Côte d'Ivoire"] } },
          { name: "target_account", column: "account_id", role: "fit", transform: { kind: "target-account", accounts: ["acme", "key co", "ünïcode gmbh", ""] } },
          { name: "visits", column: 'Visits "30d"', role: "pain", transform: VISITS },
        ],
        rules: [
          rule("seniority", "c-level", 9), rule("seniority", "vp", 7), rule("seniority", "director", 5), rule("seniority", "manager", 3),
          rule("seniority", "student-other", -6), rule("seniority", "(missing)", -1),
          rule("email_domain", "business", 4), rule("email_domain", "free-mail", -3), rule("email_domain", "(missing)", -5),
          rule("size", label(SIZE, "5"), -2), rule("size", label(SIZE, "100"), 2), rule("size", label(SIZE, "3000"), 5), rule("size", label(SIZE, "9999"), 8), rule("size", "(missing)", -4),
          rule("country", "DE", 1), rule("country", "Côte d'Ivoire", 2), rule("country", "(other)", -1), rule("country", "(missing)", -2),
          { ...rule("country", "US", 3), kept: false },
          rule("target_account", "yes", 6),
          rule("visits", label(VISITS, "0"), -1), rule("visits", label(VISITS, "1"), 1), rule("visits", label(VISITS, "9"), 3),
        ],
        skippedColumns: [],
        fitCap: 20,
      },
      decay: decayRules({ halfLifeDays: { demo_request: 10, "pricing page view": 2.5, unsubscribe: 5 }, exitAfterDays: 30, inactivity: { days: 14, points: -5 } }),
      velocity: { minPointsPerDay: 3, points: 4 },
      threshold: { ...base.threshold, score: 30 },
      probability: { method: "isotonic", scores: [-10, 0, 30, 60], probabilities: [0, 0.02, 0.12, 0.3], fittedOn: { leads: 100, won: 12 } },
    };
  }

  const TITLES = [
    "VP Sales", "vice-president", "Vice President of Ops", "HEAD OF marketing", "Headmaster", "Co-Founder", "CEO/Founder", "Chief Revenue Officer",
    "Preſident", "ſtudent", "İntern", "intern", "Internal Auditor", "Team Lead", "Leader", "Directeur Général", "Director\t", "\u00a0Manager\u00a0",
    "None", "none of the above", "É-CEO", "Analyst", "", "   ", "C\u212AO", "svp, finance", "Owner", "Partner-in-charge", "Retired",
  ];
  const EMAILS = [
    "ana@acme.com", "ANA@GMAIL.COM", "a@b@yahoo.com", "ana@", "@gmail.com", "no-at-sign", "  bob@Outlook.com  ", "x@outloo\u212a.com",
    "x@\u0130cloud.com", "x@gmail.com\u00a0", "x@gmail.com\t", "x@mail.ru", "first\nlast@hey.com", "", "a@@", "x@ gmail.com",
  ];
  const SIZES = [
    "1,000", "1 000", "  50 ", "10", "10.0000000001", "0x10", "0o17", "0b11", "1e3", ".5", "5.", "+7", "-3", "1_000", "abc", "Infinity",
    "1e400", "", ",", " , ", "\t12\t", "1\t000", "9999", "5000", "5001", "200.5", "-0",
  ];
  const COUNTRIES = ["US", "DE", "de", " DE ", "FR", "", "Côte d'Ivoire", "(other)"];
  const ACCOUNTS = ["ACME", " acme ", "Acme Corp", "\u212aey co", "KEY CO", "ÜNÏCODE GMBH", "", null];
  const VISITS_CELLS = ["0", "0.5", "0.50001", "2", "3", "9", "many", "1,5", ""];
  const CREATED = [
    (): string | null => daysBefore(60), () => daysBefore(2), () => daysBefore(0.5), () => null, () => "", () => iso(AT_MS + DAY),
    () => "2025-02-20", () => "2025-02-25 08:30:00", () => "2025-02-26T10:00:00+05:30", () => daysBefore(14),
  ];
  /** Event histories relative to the moment, in days before it (negative: after it). */
  const HISTORIES: ReadonlyArray<ReadonlyArray<readonly [string, number | string]>> = [
    [],
    [["demo_request", 3]],
    [["demo_request", 40], ["demo_request", 2], ["demo_request", 2]],
    [["demo_request", 0], ["pricing page view", 1 / DAY]], // one at the moment (not counted), one a millisecond before
    [["unsubscribe", 100]], // quiet longer than the exit: even the negative points no longer count
    [["unsubscribe", 20], ["webinar", 1]], // negative points do not fade
    [["demo_request", 80], ["pricing page view", 45], ["site_visit", 10]], // a 35-day gap: the demo is before the exit
    [["demo_request", 20], ["pricing page view", 1], ["o'reilly_download", 0.9]], // fast engagement: velocity
    [["site_visit", 14]], // quiet exactly 14 days: inactivity applies
    [["demo_request", 30]], // quiet exactly 30 days: not longer than the exit
    [["demo_request", 30.0000001]],
    [["demo_request", 35], ["pricing page view", 5]], // a gap of exactly the exit: one episode, the demo still counts
    [["pricing page view", "2025-02-27T12:00:00.5005+01:00"], ["demo_request", "2025-02-27 23:59:59"], ["o'reilly_download", "2025-02-28"]],
    [["demo_request", -1], ["pricing page view", -10]], // only after the moment
    [["o'reilly_download", 7], ["o'reilly_download", 6], ["unsubscribe", 0.25], ["demo_request", 12.3456]],
  ];

  /** 420 leads: each list cycles with a different length, so odd values meet in many combinations. */
  function handMadeRows(): { leads: TextRow[]; events: TextRow[] } {
    const leads: TextRow[] = [];
    const events: TextRow[] = [];
    for (let i = 0; i < 420; i++) {
      const leadId = `H${String(i).padStart(3, "0")}`;
      const pick = <T,>(list: readonly T[]) => list[i % list.length];
      leads.push({
        lead_id: leadId, created_at: pick(CREATED)(), account_id: pick(ACCOUNTS), "Job Title": pick(TITLES), email: pick(EMAILS),
        "Company Size": pick(SIZES), country: pick(COUNTRIES), 'Visits "30d"': pick(VISITS_CELLS),
      });
      for (const [action, when] of HISTORIES[Math.floor(i / 3) % HISTORIES.length]) {
        events.push({ lead_id: leadId, action, occurred_at: typeof when === "string" ? when : iso(AT_MS - when * DAY) });
      }
    }
    return { leads, events };
  }

  const rows = handMadeRows();
  const leadColumns = Object.keys(rows.leads[0]);
  const toEvents = (events: readonly TextRow[]) => events.map((e) => ({ lead_id: e.lead_id!, action: e.action!, occurred_at: e.occurred_at! }));

  beforeAll(async () => {
    await db.createTextTable("hand_leads", leadColumns, rows.leads);
    await db.createTextTable("hand_events", ["lead_id", "action", "occurred_at"], rows.events);
  });

  const tables = { leadsTable: "hand_leads", eventsTable: "hand_events" };
  const MOMENTS = [AT, iso(AT_MS + 7 * DAY), iso(AT_MS + 40 * DAY), iso(AT_MS - 2 * DAY + 1)];

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
    // 0.1 + 0.2 + 0.3 is 0.6000000000000001 in model order, 0.6 in reverse: velocity fires only in model order.
    const model: ModelV1 = {
      ...actionsModel({ a: 10, b: 10, c: 10 }),
      decay: decayRules({ halfLifeDays: { a: 1, b: 1, c: 1 } }),
      velocity: { minPointsPerDay: 0.1 + 0.2 + 0.3, points: 5 },
    };
    expect(0.3 + 0.2 + 0.1).toBeLessThan(model.velocity!.minPointsPerDay);
    const leads: TextRow[] = [{ lead_id: "V1", created_at: daysBefore(0.5), account_id: null }];
    const events: TextRow[] = [["a", 6.64], ["b", 5.64], ["c", 5.06]].map(([action, days]) => ({ lead_id: "V1", action: action as string, occurred_at: daysBefore(days as number) }));
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

  const variants: Array<[string, (m: ModelV1) => ModelV1]> = [
    ["no decay at all", (m) => ({ ...m, decay: null })],
    ["an exit rule only", (m) => ({ ...m, decay: decayRules({ exitAfterDays: 10 }) })],
    ["an inactivity rule only (every event is activity)", (m) => ({ ...m, decay: decayRules({ inactivity: { days: 3, points: -7 } }) })],
    ["half-lives only", (m) => ({ ...m, decay: decayRules({ halfLifeDays: { demo_request: 0.7, "o'reilly_download": 1000 } }) })],
    ["no FIT cap, no velocity", (m) => ({ ...m, profile: { ...m.profile, fitCap: null }, velocity: null })],
    ["a FIT cap of 0 (the lowest a model may set)", (m) => ({ ...m, profile: { ...m.profile, fitCap: 0 } })],
    ["no calibration curve and no threshold", (m) => ({ ...m, probability: null, threshold: { ...m.threshold, score: null } })],
    ["an empty calibration curve", (m) => ({ ...m, probability: { ...m.probability!, scores: [], probabilities: [] } })],
    ["a one-point calibration curve", (m) => ({ ...m, probability: { ...m.probability!, scores: [12], probabilities: [0.4] } })],
    ["a fractional threshold", (m) => ({ ...m, threshold: { ...m.threshold, score: 12.3 } })],
    ["no actions (events cannot matter)", (m) => ({ ...m, actions: [], decay: null, velocity: null, threshold: { ...m.threshold, score: 10 } })],
    ["no profile rules", (m) => ({ ...m, profile: { ...m.profile, rules: [] } })],
    ["a repeated rule (the last one wins, as in the runtime's Map)", (m) => ({ ...m, profile: { ...m.profile, rules: [...m.profile.rules, { ...m.profile.rules[0], points: 11 }] } })],
    ["edges out of order", (m) => ({ ...m, profile: { ...m.profile, features: m.profile.features.map((f) => (f.name === "size" ? { ...f, transform: { kind: "size-band" as const, edges: [200, 10, 5000, 50] } } : f)) } })],
  ];

  it.each(variants)("agrees with the runtime on a model with %s", async (_, vary) => {
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
    const placeholderRows = rows.leads.slice(0, 60).map((row, i) => ({ ...row, country: ["Select", " n/a ", "UNKNOWN", row.country][i % 4], "Job Title": i % 5 === 0 ? "select" : row["Job Title"] }));
    await db.createTextTable("placeholder_leads", leadColumns, placeholderRows);
    const missing = ["Select", "unknown", "N/A"].map((v) => v.toLowerCase());
    // What loadLeads hands the runtime: trimmed text, placeholders as null.
    const loaded = leadInputs(
      placeholderRows.map((row) =>
        Object.fromEntries(Object.entries(row).map(([k, v]) => [k, k === "lead_id" || k === "created_at" || k === "account_id" || v === null ? v : missing.includes(v.trim().toLowerCase()) ? null : v.trim()])),
      ),
    );
    await expectParity({ model: everyRuleModel(), leads: loaded, events: toEvents(rows.events), at: AT, options: { ...tables, leadsTable: "placeholder_leads", missingValues: ["Select", "unknown", "N/A"] } });
  });
});

describe("modelToSql on seeded random histories (decay rounding stress)", () => {
  it("agrees with the runtime on 3000 leads × 4 moments with fractional half-lives", async () => {
    const random = mulberry32(20250301);
    const actions = ["demo_request", "pricing page view", "o'reilly_download", "unsubscribe", "webinar", "site_visit"];
    const start = Date.parse("2024-01-01T00:00:00Z");
    const leads: TextRow[] = [];
    const events: TextRow[] = [];
    for (let i = 0; i < 3000; i++) {
      const createdAt = start + Math.floor(random() * 300 * DAY);
      leads.push({ lead_id: `R${i}`, created_at: random() < 0.1 ? null : new Date(createdAt).toISOString(), account_id: null });
      const count = Math.floor(random() * 8);
      for (let k = 0; k < count; k++) {
        events.push({
          lead_id: `R${i}`,
          action: actions[Math.floor(random() * actions.length)],
          occurred_at: new Date(createdAt + Math.floor((random() - 0.1) * 120 * DAY)).toISOString(),
        });
      }
    }
    await db.createTextTable("random_leads", ["lead_id", "created_at", "account_id"], leads);
    await db.createTextTable("random_events", ["lead_id", "action", "occurred_at"], events);
    const model: ModelV1 = {
      ...actionsModel({ demo_request: 31, "pricing page view": 17, "o'reilly_download": 3, unsubscribe: -9, webinar: 1 }),
      decay: decayRules({ halfLifeDays: { demo_request: 9.7, "pricing page view": 2.3, "o'reilly_download": 33.3, webinar: 0.01 }, exitAfterDays: 45.5, inactivity: { days: 20.25, points: -4 } }),
      velocity: { minPointsPerDay: 0.35, points: 3 },
      probability: { method: "platt", scores: [-20, -3.3, 0, 7.7, 25, 80], probabilities: [0.001, 0.01, 0.02, 0.1, 0.2, 0.9], fittedOn: { leads: 1, won: 1 } },
    };
    let fractional = 0;
    for (const at of ["2024-05-01T00:00:00Z", "2024-08-15T06:00:00Z", "2024-11-30T23:59:59.999Z", "2025-03-01T00:00:00Z"]) {
      const result = await expectParity({ model, leads: leadInputs(leads), events: events.map((e) => ({ lead_id: e.lead_id!, action: e.action!, occurred_at: e.occurred_at! })), at, options: { leadsTable: "random_leads", eventsTable: "random_events" } });
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
      "lead_cells", "lead_instant_parts", "lead_instants", "scoring_moments", "profile_inputs", "profile_numbers", "profile_values", "profile_points", "fit_cap",
      "event_rows", "event_instant_parts", "event_instants", "events_before_moment", "exit_gaps", "exit_episodes", "counted_actions", "last_activity",
      "decayed_actions", "kept_action_points", "action_points", "inactivity_penalty", "velocity_points", "unrounded_pain", "pain", "unrounded_score", "score",
      "probability_curve",
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
    });
  });
});
