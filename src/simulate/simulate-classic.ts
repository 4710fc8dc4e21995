import {
  BASE_CLOSE_RATE, PROFILE_EFFECTS, SIMULATED_ACTIONS, UNSUBSCRIBE_MULTIPLIER, expectedLift, type SimulatedAction,
} from "./ground-truth.js";
import { drawProfile } from "./draw-profile.js";
import { SeededRandom } from "./random.js";
import { drawFrame } from "./simulation-frame.js";
import { DAY_MS, isoSecond, sortEvents, type SimEventRow, type SimLeadRow, type SimOutcomeRow } from "./simulated-rows.js";

/** Behaviour that drives the outcome happens within this many days of creation (the default observation window). */
const BEHAVIOUR_WINDOW_DAYS = 90;

/** The documented ground truth of the classic regime, written beside the export as truth.json. */
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

/** A classic-regime export: rows, truth, and each lead's true close probability. */
export interface ClassicExport {
  readonly leads: SimLeadRow[];
  readonly events: SimEventRow[];
  readonly outcomes: SimOutcomeRow[];
  readonly truth: SimulationTruth;
  readonly leadTruth: Map<string, number>;
}

/**
 * The classic world (the bundled sample): causal actions raise close
 * probability additively and independently, placed at random within
 * min(cut-off, created + 90 days), so their true univariate lift is known
 * exactly. Its draws and output are frozen: `--leads 6000 --seed 42`
 * regenerates data/sample/ byte for byte.
 */
export function simulateClassic(options: { leads: number; seed: number; startAt: number; spanDays: number; exportAfterDays: number }): ClassicExport {
  const o = options;
  const random = new SeededRandom(o.seed);
  const { createdTimes, companies, exportAt } = drawFrame(random, o.leads, o.startAt, o.spanDays, o.exportAfterDays);
  const leads: SimLeadRow[] = [];
  const events: SimEventRow[] = [];
  const outcomes: SimOutcomeRow[] = [];
  const leadTruth = new Map<string, number>();
  createdTimes.forEach((createdAt, index) => {
    const lead = simulateLead(random, index, createdAt, exportAt, companies);
    leads.push(lead.row);
    events.push(...lead.events);
    outcomes.push(lead.outcome);
    leadTruth.set(lead.row.lead_id, lead.trueProbability);
  });
  return {
    leads,
    events: sortEvents(events),
    outcomes,
    leadTruth,
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
  const { row, seniority, sizeBand, business } = drawProfile(random, index, createdAt, companies);
  const leadId = row.lead_id;
  const did = new Map<string, boolean>();
  for (const action of SIMULATED_ACTIONS) {
    if (action.kind === "causal" || action.kind === "vanity" || action.kind === "negative") did.set(action.action, random.chance(action.rate));
  }
  did.set("image_added", did.get("document_created") === true && random.chance(0.6));
  let probability = BASE_CLOSE_RATE + PROFILE_EFFECTS.emailDomain[business ? "business" : "free-mail"] + PROFILE_EFFECTS.seniority[seniority] + PROFILE_EFFECTS.companySize[sizeBand];
  for (const action of SIMULATED_ACTIONS) if (did.get(action.action)) probability += action.lift;
  if (did.get("unsubscribe")) probability *= UNSUBSCRIBE_MULTIPLIER;
  const trueProbability = Math.min(1, Math.max(0, probability));
  const won = random.chance(trueProbability);
  const reachesSales = won || random.chance(0.5);
  const handoffAt = reachesSales ? createdAt + random.uniform(3, 60) * DAY_MS : null;
  const closedAt = won
    ? (handoffAt as number) + random.lognormal(20, 0.6) * DAY_MS
    : handoffAt !== null
      ? handoffAt + random.lognormal(30, 0.7) * DAY_MS
      : createdAt + random.uniform(10, 150) * DAY_MS;
  const isOpen = closedAt > exportAt;
  const cutoffAt = handoffAt ?? closedAt;
  const behaviourEnd = Math.min(cutoffAt, createdAt + BEHAVIOUR_WINDOW_DAYS * DAY_MS);
  const span = behaviourEnd - createdAt;
  const events: SimEventRow[] = [];
  const add = (action: string, at: number, category: string) => {
    if (at <= exportAt) events.push({ lead_id: leadId, action, occurred_at: isoSecond(at), category });
  };
  let documentAt = createdAt;
  for (const action of SIMULATED_ACTIONS) {
    if (!did.get(action.action) || action.kind === "follower") continue;
    const at = createdAt + random.uniform(0.01, 0.9) * span;
    if (action.action === "document_created") documentAt = at;
    add(action.action, at, action.category);
    if (action.kind === "vanity") for (let k = random.uniform(0, 3); k > 1; k--) add(action.action, createdAt + random.uniform(0.01, 0.99) * span, action.category);
    if (handoffAt !== null && action.kind === "causal" && random.chance(0.3)) add(action.action, handoffAt + random.uniform(1, 15) * DAY_MS, action.category);
  }
  if (did.get("image_added")) add("image_added", documentAt + random.uniform(0.05, 0.95) * (behaviourEnd - documentAt), "product");
  for (let t = createdAt + random.exponential(0.03) * DAY_MS; t < behaviourEnd; t += random.exponential(0.03) * DAY_MS) add("newsletter_read", t, "content");
  if (handoffAt !== null) {
    const salesEnd = closedAt ?? handoffAt + 30 * DAY_MS;
    const during = () => handoffAt + random.uniform(0.05, 0.95) * (salesEnd - handoffAt);
    if (won || random.chance(0.7)) add("sales_call", during(), "sales");
    if (won ? random.chance(0.8) : random.chance(0.3)) add("proposal_sent", during(), "sales");
    if (won) add("contract_sent", during(), "sales");
  }
  const outcome: SimOutcomeRow = {
    lead_id: leadId,
    status: isOpen ? "open" : won ? "won" : "lost",
    closed_at: isOpen ? "" : isoSecond(closedAt),
    handoff_at: handoffAt === null || handoffAt > exportAt ? "" : isoSecond(handoffAt),
  };
  return { row, events, outcome, trueProbability };
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
