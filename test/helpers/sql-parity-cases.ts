import type { ModelV1, ProfileFeature } from "../../src/model/types.js";
import { readTable } from "../../src/io/read-table.js";
import { deriveProfileValue, type ProfileTransform } from "../../src/runtime/derive-profile.js";
import type { LeadInput } from "../../src/runtime/index.js";
import { readFileSync } from "node:fs";
import type { TextRow } from "./duckdb.js";
import { actionsModel, decayRules, handModel } from "./model-fixture.js";
import type { compareSqlWithRuntime } from "./sql-parity.js";
import { mulberry32 } from "./temp-files.js";

/**
 * The cases every SQL parity test runs, whatever the engine: the bundled
 * sample (with its model, and with every time rule switched on), 420
 * hand-made leads whose odd cells and event histories exercise every rule,
 * variants of the hand-made model, and seeded random histories that stress
 * decay rounding. Engines load the rows their own way; the runtime sees
 * the same rows.
 */

export const DAY = 86_400_000;
export const SAMPLE_MODEL = JSON.parse(readFileSync("models/sample-model.json", "utf8")) as ModelV1;
export const SAMPLE_MOMENTS = ["2024-06-01T00:00:00Z", "2025-01-15T12:34:56.789Z", "2025-07-24T00:00:00Z"];

/** Kinds and names of the reasons the runtime gave: proof that a case exercised a rule. */
export function reasonNames(result: Awaited<ReturnType<typeof compareSqlWithRuntime>>): Set<string> {
  return new Set([...result.runtime.values()].flatMap((score) => score.reasons.map((r) => `${r.kind}:${r.name}`)));
}

/** The label the runtime gives `cell` under `transform`, so rules can be written against real labels. */
export const label = (transform: ProfileTransform, cell: string) => deriveProfileValue(transform, cell);

/**
 * The sample model with every time rule switched on and points on every
 * profile transform: fading points (fractional half-lives; a half-life on
 * the negative action, which must be ignored), exit, inactivity, velocity
 * and a FIT cap — hand-made, applied to the realistic sample history.
 */
export function sampleModelWithEveryRule(): ModelV1 {
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

/** The sample's leads and events as leadlift's own reader gives them to the runtime (engines read the CSV files themselves). */
export async function loadSampleHistory(): Promise<{ leads: LeadInput[]; events: Array<{ lead_id: string; action: string; occurred_at: string }> }> {
  const leadTable = await readTable("data/sample/leads.csv");
  const leadColumns = leadTable.columnNames.map((name) => leadTable.column(name));
  const leads: LeadInput[] = Array.from({ length: leadTable.numRows }, (_, i) =>
    Object.fromEntries(leadTable.columnNames.map((name, c) => [name, leadColumns[c][i]]).filter(([, v]) => v !== null)),
  );
  const eventTable = await readTable("data/sample/events.csv");
  const [ids, actions, times] = ["lead_id", "action", "occurred_at"].map((name) => eventTable.column(name));
  const events = Array.from({ length: eventTable.numRows }, (_, i) => ({ lead_id: ids[i]!, action: actions[i]!, occurred_at: times[i]! }));
  return { leads, events };
}

export const HAND_AT = "2025-03-01T00:00:00Z";
const AT = HAND_AT;
export const AT_MS = Date.parse(AT);
export const iso = (ms: number) => new Date(ms).toISOString();
export const daysBefore = (days: number) => iso(AT_MS - days * DAY);

const SIZE: ProfileFeature["transform"] = { kind: "size-band", edges: [10, 50, 200, 1000, 5000] };
const VISITS: ProfileFeature["transform"] = { kind: "numeric-band", edges: [0.5, 2, 5] };

/** demo +20 (half-life 10 d), "pricing page view" +10 (2.5 d), o'reilly_download +7 (none), unsubscribe −8 (a half-life it must ignore). */
export function everyRuleModel(): ModelV1 {
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
export function handMadeRows(): { leads: TextRow[]; events: TextRow[] } {
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

/** The hand-made rows (leads with the columns below, events with lead_id, action, occurred_at). */
export const HAND_ROWS = handMadeRows();
export const HAND_LEAD_COLUMNS = Object.keys(HAND_ROWS.leads[0]);
/** Event rows as the runtime receives them. */
export const toEvents = (events: readonly TextRow[]) => events.map((e) => ({ lead_id: e.lead_id!, action: e.action!, occurred_at: e.occurred_at! }));
export const HAND_MOMENTS = [AT, iso(AT_MS + 7 * DAY), iso(AT_MS + 40 * DAY), iso(AT_MS - 2 * DAY + 1)];

/** Variants of `everyRuleModel`, each switching rules on or off. */
export const HAND_VARIANTS: Array<[string, (m: ModelV1) => ModelV1]> = [
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
/**
 * Floating-point addition is not associative: 0.1 + 0.2 + 0.3 is
 * 0.6000000000000001 in model order, 0.6 in reverse, so velocity fires only
 * when action points are added in the runtime's (model) order.
 */
export function additionOrderCase(): { model: ModelV1; leads: TextRow[]; events: TextRow[] } {
  const model: ModelV1 = {
    ...actionsModel({ a: 10, b: 10, c: 10 }),
    decay: decayRules({ halfLifeDays: { a: 1, b: 1, c: 1 } }),
    velocity: { minPointsPerDay: 0.1 + 0.2 + 0.3, points: 5 },
  };
  const leads: TextRow[] = [{ lead_id: "V1", created_at: daysBefore(0.5), account_id: null }];
  const events: TextRow[] = [["a", 6.64], ["b", 5.64], ["c", 5.06]].map(([action, days]) => ({ lead_id: "V1", action: action as string, occurred_at: daysBefore(days as number) }));
  return { model, leads, events };
}

/** 3000 seeded random histories with fractional half-lives, exit, inactivity, velocity and a six-point curve: decay rounding stress. */
export function randomHistoryCase(): { model: ModelV1; leads: TextRow[]; events: TextRow[]; moments: string[] } {
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
  const model: ModelV1 = {
    ...actionsModel({ demo_request: 31, "pricing page view": 17, "o'reilly_download": 3, unsubscribe: -9, webinar: 1 }),
    decay: decayRules({ halfLifeDays: { demo_request: 9.7, "pricing page view": 2.3, "o'reilly_download": 33.3, webinar: 0.01 }, exitAfterDays: 45.5, inactivity: { days: 20.25, points: -4 } }),
    velocity: { minPointsPerDay: 0.35, points: 3 },
    probability: { method: "platt", scores: [-20, -3.3, 0, 7.7, 25, 80], probabilities: [0.001, 0.01, 0.02, 0.1, 0.2, 0.9], fittedOn: { leads: 1, won: 1 } },
  };
  return { model, leads, events, moments: ["2024-05-01T00:00:00Z", "2024-08-15T06:00:00Z", "2024-11-30T23:59:59.999Z", "2025-03-01T00:00:00Z"] };
}

/** The first 60 hand-made leads with placeholders in country and title, and what `loadLeads` hands the runtime for them (trimmed text, placeholders as null). */
export function placeholderCase(): { rows: TextRow[]; loaded: LeadInput[]; missingValues: string[] } {
  const rows = HAND_ROWS.leads.slice(0, 60).map((row, i) => ({ ...row, country: ["Select", " n/a ", "UNKNOWN", row.country][i % 4], "Job Title": i % 5 === 0 ? "select" : row["Job Title"] }));
  const missingValues = ["Select", "unknown", "N/A"];
  const missing = missingValues.map((v) => v.toLowerCase());
  const loaded = rows.map((row) =>
    Object.fromEntries(
      Object.entries(row)
        .map(([k, v]) => [k, k === "lead_id" || k === "created_at" || k === "account_id" || v === null ? v : missing.includes(v.trim().toLowerCase()) ? null : v.trim()] as const)
        .filter(([, v]) => v !== null),
    ),
  );
  return { rows, loaded, missingValues };
}
