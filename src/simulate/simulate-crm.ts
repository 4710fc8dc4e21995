import { LeadliftError } from "../errors.js";
import {
  BASE_CLOSE_RATE, BUSINESS_EMAIL_SHARE, COUNTRIES, FREE_MAIL, PROFILE_EFFECTS, SENIORITY_SHARES, SIMULATED_ACTIONS, SIZE_BANDS, TITLES,
  UNSUBSCRIBE_MULTIPLIER, expectedLift, type SimulatedAction,
} from "./ground-truth.js";
import { SeededRandom } from "./random.js";

const DAY = 86_400_000;
/** Behaviour that drives the outcome happens within this many days of creation (the default observation window). */
const BEHAVIOUR_WINDOW_DAYS = 90;

export interface SimulateOptions {
  /** Number of leads. Default 3000. */
  readonly leads: number;
  /** Random seed. Default 42. */
  readonly seed: number;
  /** First creation instant (ISO). Default 2024-01-01T00:00:00Z. */
  readonly startAt: string;
  /** Creation dates spread over this many days. Default 540. */
  readonly spanDays: number;
  /** Days after the last creation date at which the export is taken; later outcomes and events are not yet known. Default 30. */
  readonly exportAfterDays: number;
}

export type SimLeadRow = Record<"lead_id" | "created_at" | "account_id" | "email" | "title" | "company" | "country" | "company_size", string>;
export type SimEventRow = Record<"lead_id" | "action" | "occurred_at" | "category", string>;
export type SimOutcomeRow = Record<"lead_id" | "status" | "closed_at" | "handoff_at", string>;

/** The documented ground truth, written beside the export as truth.json. */
export interface SimulationTruth {
  readonly seed: number;
  readonly baseCloseRate: number;
  readonly actions: readonly SimulatedAction[];
  readonly profileEffects: typeof PROFILE_EFFECTS;
  readonly behaviourWindowDays: number;
  /** The univariate lift each action should show in the export (0–1): what an estimator must recover. */
  readonly expectedLifts: Readonly<Record<string, number>>;
  readonly notes: string[];
}

export interface SimulatedCrm {
  readonly leads: SimLeadRow[];
  readonly events: SimEventRow[];
  readonly outcomes: SimOutcomeRow[];
  readonly truth: SimulationTruth;
}

export const DEFAULT_SIMULATE_OPTIONS: SimulateOptions = {
  leads: 3000,
  seed: 42,
  startAt: "2024-01-01T00:00:00Z",
  spanDays: 540,
  exportAfterDays: 30,
};

/**
 * A synthetic CRM export in leadlift's data contract with known ground
 * truth (see docs/simulator.md): causal actions raise close probability
 * additively and independently, so their true univariate lift is known
 * exactly; plus the traps a scorer must survive — a follower action,
 * vanity signals, a neutral action whose frequency grows with exposure
 * time, post-hand-off sales activity, and open leads.
 * @throws LeadliftError for a non-positive lead count or a bad start date.
 */
export function simulateCrm(options: Partial<SimulateOptions> = {}): SimulatedCrm {
  const o = { ...DEFAULT_SIMULATE_OPTIONS, ...options };
  if (!Number.isInteger(o.leads) || o.leads <= 0) {
    throw new LeadliftError("bad-option", `Option "leads" must be a whole number above 0. Got ${JSON.stringify(o.leads)}.`);
  }
  const startAt = Date.parse(o.startAt);
  if (Number.isNaN(startAt)) throw new LeadliftError("bad-option", `Option "startAt" must be an ISO date. Got ${JSON.stringify(o.startAt)}.`);
  const random = new SeededRandom(o.seed);
  const createdTimes = Array.from({ length: o.leads }, () => startAt + Math.floor(random.uniform(0, o.spanDays * 24)) * 3_600_000).sort((a, b) => a - b);
  const exportAt = startAt + (o.spanDays + o.exportAfterDays) * DAY;
  const companies = Array.from({ length: Math.max(1, Math.round(o.leads / 3)) }, (_, k) => `company-${k + 1}`);
  const leads: SimLeadRow[] = [];
  const events: SimEventRow[] = [];
  const outcomes: SimOutcomeRow[] = [];
  createdTimes.forEach((createdAt, index) => {
    const lead = simulateLead(random, index, createdAt, exportAt, companies);
    leads.push(lead.row);
    events.push(...lead.events);
    outcomes.push(lead.outcome);
  });
  events.sort((a, b) => (a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : a.lead_id < b.lead_id ? -1 : 1));
  return {
    leads,
    events,
    outcomes,
    truth: {
      seed: o.seed,
      baseCloseRate: BASE_CLOSE_RATE,
      actions: SIMULATED_ACTIONS,
      profileEffects: PROFILE_EFFECTS,
      behaviourWindowDays: BEHAVIOUR_WINDOW_DAYS,
      expectedLifts: Object.fromEntries(
        SIMULATED_ACTIONS.filter((a) => a.kind === "causal" || a.kind === "negative").map((a) => [a.action, round4(expectedLift(a.kind === "negative" ? "unsubscribe" : a.lift))]),
      ),
      notes: [
        `P(won) = (base + Σ lift·[action before cut-off] + profile effects) × ${UNSUBSCRIBE_MULTIPLIER} if unsubscribed; causal actions, unsubscribing and profile are independent, so each causal action's univariate lift is its lift × the mean unsubscribe multiplier (expectedLifts).`,
        "Cut-off = handoff_at for leads that reached sales, else closed_at; behaviour that drives the outcome happens before min(cut-off, created + 90 days).",
        "image_added follows document_created (60% of its leads) and has no effect of its own.",
        "newsletter_read happens at 0.03 a day until the cut-off; lost leads linger longer, so its naive lift is negative though its true effect is 0.",
        "sales_call, proposal_sent, contract_sent happen only after hand-off, far more for won leads; some causal actions also recur after hand-off.",
        "The export is taken 30 days after the last creation date: leads not closed by then are open (right-censored), and events after it are not in the export.",
      ],
    },
  };
}

function simulateLead(random: SeededRandom, index: number, createdAt: number, exportAt: number, companies: readonly string[]) {
  const leadId = `L${String(index + 1).padStart(6, "0")}`;
  const seniority = weighted(random, SENIORITY_SHARES);
  const [sizeBand, sizeLow, sizeHigh] = weighted(random, SIZE_BANDS.map((b) => [b, b[3]] as const));
  const business = random.chance(BUSINESS_EMAIL_SHARE);
  const company = random.pick(companies);
  const domain = business ? `${company}.example.com` : random.pick(FREE_MAIL);
  const row: SimLeadRow = {
    lead_id: leadId,
    created_at: iso(createdAt),
    account_id: random.chance(0.9) ? company.replace("company", "ACC") : "",
    email: `person${index + 1}@${domain}`,
    title: random.pick(TITLES[seniority]),
    company,
    country: random.pick(COUNTRIES),
    company_size: String(Math.round(random.uniform(sizeLow, sizeHigh))),
  };
  const did = new Map<string, boolean>();
  for (const action of SIMULATED_ACTIONS) {
    if (action.kind === "causal" || action.kind === "vanity" || action.kind === "negative") did.set(action.action, random.chance(action.rate));
  }
  did.set("image_added", did.get("document_created") === true && random.chance(0.6));
  let probability = BASE_CLOSE_RATE + PROFILE_EFFECTS.emailDomain[business ? "business" : "free-mail"] + PROFILE_EFFECTS.seniority[seniority] + PROFILE_EFFECTS.companySize[sizeBand];
  for (const action of SIMULATED_ACTIONS) if (did.get(action.action)) probability += action.lift;
  if (did.get("unsubscribe")) probability *= UNSUBSCRIBE_MULTIPLIER;
  const won = random.chance(Math.min(1, Math.max(0, probability)));
  const reachesSales = won || random.chance(0.5);
  const handoffAt = reachesSales ? createdAt + random.uniform(3, 60) * DAY : null;
  const closedAt = won
    ? (handoffAt as number) + random.lognormal(20, 0.6) * DAY
    : handoffAt !== null
      ? handoffAt + random.lognormal(30, 0.7) * DAY
      : createdAt + random.uniform(10, 150) * DAY;
  const isOpen = closedAt > exportAt;
  const cutoffAt = handoffAt ?? closedAt;
  const behaviourEnd = Math.min(cutoffAt, createdAt + BEHAVIOUR_WINDOW_DAYS * DAY);
  const span = behaviourEnd - createdAt;
  const events: SimEventRow[] = [];
  const add = (action: string, at: number, category: string) => {
    if (at <= exportAt) events.push({ lead_id: leadId, action, occurred_at: iso(at), category });
  };
  let documentAt = createdAt;
  for (const action of SIMULATED_ACTIONS) {
    if (!did.get(action.action) || action.kind === "follower") continue;
    const at = createdAt + random.uniform(0.01, 0.9) * span;
    if (action.action === "document_created") documentAt = at;
    add(action.action, at, action.category);
    if (action.kind === "vanity") for (let k = random.uniform(0, 3); k > 1; k--) add(action.action, createdAt + random.uniform(0.01, 0.99) * span, action.category);
    if (handoffAt !== null && action.kind === "causal" && random.chance(0.3)) add(action.action, handoffAt + random.uniform(1, 15) * DAY, action.category);
  }
  if (did.get("image_added")) add("image_added", documentAt + random.uniform(0.05, 0.95) * (behaviourEnd - documentAt), "product");
  for (let t = createdAt + random.exponential(0.03) * DAY; t < behaviourEnd; t += random.exponential(0.03) * DAY) add("newsletter_read", t, "content");
  if (handoffAt !== null) {
    const salesEnd = closedAt ?? handoffAt + 30 * DAY;
    const during = () => handoffAt + random.uniform(0.05, 0.95) * (salesEnd - handoffAt);
    if (won || random.chance(0.7)) add("sales_call", during(), "sales");
    if (won ? random.chance(0.8) : random.chance(0.3)) add("proposal_sent", during(), "sales");
    if (won) add("contract_sent", during(), "sales");
  }
  const outcome: SimOutcomeRow = {
    lead_id: leadId,
    status: isOpen ? "open" : won ? "won" : "lost",
    closed_at: isOpen ? "" : iso(closedAt),
    handoff_at: handoffAt === null || handoffAt > exportAt ? "" : iso(handoffAt),
  };
  return { row, events, outcome };
}

function weighted<T>(random: SeededRandom, options: ReadonlyArray<readonly [T, number]>): T {
  let u = random.next() * options.reduce((s, [, w]) => s + w, 0);
  for (const [value, weight] of options) {
    u -= weight;
    if (u < 0) return value;
  }
  return options[options.length - 1][0];
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

function iso(at: number): string {
  return `${new Date(Math.round(at / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}
