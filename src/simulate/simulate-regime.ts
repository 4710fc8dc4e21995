import { LeadliftError } from "../errors.js";
import { drawProfile, type DrawnProfile } from "./draw-profile.js";
import { advanceMarketing, truncateMarketing, type MarketingState } from "./marketing-process.js";
import { SeededRandom } from "./random.js";
import {
  EXPOSURE_TIMING, IN_MARKET_TRIGGER_HAZARD_PER_DAY, REGIME_ACTIONS, REGIME_PROFILE_EFFECTS, REGIME_UNSUBSCRIBE_MULTIPLIER, SALES_PHASE, TRIGGER_TIMING,
  type ContinuousRegime, type RegimeAction,
} from "./regime-truth.js";
import { drawFrame } from "./simulation-frame.js";
import { DAY_MS, isoSecond, sortEvents, type SimEventRow, type SimLeadRow, type SimOutcomeRow } from "./simulated-rows.js";

/** Settings of one continuous-regime export, validated by `simulateCrm`. */
export interface RegimeSettings {
  readonly regime: ContinuousRegime;
  readonly leads: number;
  readonly seed: number;
  /** First creation instant (epoch ms). */
  readonly startAt: number;
  readonly spanDays: number;
  readonly exportAfterDays: number;
  /** Targeted share of leads won (0–1): the intercept is solved to reach it. */
  readonly baseCloseRate: number;
  /** Share of leads that arrive in-market (0–1). */
  readonly inMarketShare: number;
  /** "exposure": share of the hazards at which lingering lost leads keep acting (0–1). */
  readonly lingerActivity: number;
}

/** An action as this regime's truth.json lists it: its hazard in this regime only. */
export interface RegimeActionTruth extends Omit<RegimeAction, "hazardPerDay"> {
  readonly hazardPerDay: number;
}

/** The documented ground truth of a continuous-regime export (truth.json). */
export interface RegimeTruth {
  readonly regime: ContinuousRegime;
  readonly seed: number;
  readonly startAt: string;
  readonly spanDays: number;
  readonly exportAt: string;
  /** Targeted share of leads won. */
  readonly baseCloseRate: number;
  /** The solved base term of P(won) (0–1; negative only for very low targets, then clamped at 0 per lead). */
  readonly intercept: number;
  /** Mean true close probability over all leads (≈ baseCloseRate). */
  readonly meanTrueProbability: number;
  readonly unsubscribeMultiplier: number;
  /** Share of leads that arrive in-market, and the hazard of each trigger action for them. */
  readonly inMarket: { readonly share: number; readonly triggerHazardPerDay: number };
  /** "exposure": share of the hazards at which lingering lost leads keep acting (null in "trigger"). */
  readonly lingerActivity: number | null;
  readonly actions: readonly RegimeActionTruth[];
  readonly profileEffects: typeof REGIME_PROFILE_EFFECTS;
  readonly timing: { readonly regime: typeof EXPOSURE_TIMING | typeof TRIGGER_TIMING; readonly salesPhase: typeof SALES_PHASE };
  readonly notes: string[];
}

/** A continuous-regime export: rows, truth, and each lead's true close probability. */
export interface RegimeExport {
  readonly leads: SimLeadRow[];
  readonly events: SimEventRow[];
  readonly outcomes: SimOutcomeRow[];
  readonly truth: RegimeTruth;
  readonly leadTruth: Map<string, number>;
}

/** One lead up to its cut-off: what decides its outcome, before the outcome is drawn. */
interface LeadBeforeCutoff {
  readonly profile: DrawnProfile;
  readonly createdAt: number;
  readonly marketing: MarketingState;
  /** The moment the outcome is decided on (D, or the trigger/background hand-off, or leaving marketing). */
  readonly cutoffAt: number;
  /** Hand-off at the cut-off whatever the outcome (trigger or background hand-off); null when only won leads are handed off there. */
  readonly handoffAt: number | null;
  /** Σ lift of actions first done before the cut-off + profile effects. */
  readonly effect: number;
  /** The unsubscribe multiplier, or 1. */
  readonly multiplier: number;
}

const CAUSAL = REGIME_ACTIONS.filter((a) => a.kind === "causal");

/**
 * A continuous-time CRM export (regime "exposure" or "trigger", see
 * docs/simulator.md): actions arrive as per-lead Poisson processes, the
 * true close probability is base + Σ lift·[first done before the cut-off] +
 * profile effects (× the unsubscribe multiplier), and the base is solved so
 * that the mean true probability equals `baseCloseRate`. Two passes over
 * the leads: behaviour up to each cut-off, then (after solving the base)
 * outcomes and what follows the cut-off.
 * @throws LeadliftError when `baseCloseRate` cannot be reached in this world.
 */
export function simulateRegime(settings: RegimeSettings): RegimeExport {
  const random = new SeededRandom(settings.seed);
  const frame = drawFrame(random, settings.leads, settings.startAt, settings.spanDays, settings.exportAfterDays);
  const before = frame.createdTimes.map((createdAt, index) => {
    const profile = drawProfile(random, index, createdAt, frame.companies);
    const marketing: MarketingState = { inMarket: random.chance(settings.inMarketShare), firstAt: new Map(), occurrences: [] };
    return settings.regime === "exposure" ? exposureBeforeCutoff(random, profile, createdAt, marketing) : triggerBeforeCutoff(random, profile, createdAt, marketing);
  });
  const intercept = solveIntercept(before, settings.baseCloseRate);
  const leads: SimLeadRow[] = [];
  const events: SimEventRow[] = [];
  const outcomes: SimOutcomeRow[] = [];
  const leadTruth = new Map<string, number>();
  let probabilitySum = 0;
  for (const lead of before) {
    const probability = trueProbability(lead, intercept);
    probabilitySum += probability;
    const won = random.chance(probability);
    const after = settings.regime === "exposure" ? exposureAfterCutoff(random, lead, won, settings.lingerActivity) : triggerAfterCutoff(random, lead, won);
    const leadId = lead.profile.row.lead_id;
    leads.push(lead.profile.row);
    leadTruth.set(leadId, probability);
    const add = (action: string, at: number, category: string) => {
      if (at <= frame.exportAt) events.push({ lead_id: leadId, action, occurred_at: isoSecond(at), category });
    };
    for (const o of lead.marketing.occurrences) add(o.action.action, o.at, o.action.category);
    for (const o of after.occurrences) add(o.action.action, o.at, o.action.category);
    if (after.handoffAt !== null) addSalesPhase(random, lead, after.handoffAt, after.closedAt, won, add);
    const open = after.closedAt > frame.exportAt;
    outcomes.push({
      lead_id: leadId,
      status: open ? "open" : won ? "won" : "lost",
      closed_at: open ? "" : isoSecond(after.closedAt),
      handoff_at: after.handoffAt === null || after.handoffAt > frame.exportAt ? "" : isoSecond(after.handoffAt),
    });
  }
  return {
    leads,
    events: sortEvents(events),
    outcomes,
    truth: describeTruth(settings, frame.exportAt, intercept, probabilitySum / Math.max(1, before.length)),
    leadTruth,
  };
}

function profileEffect(profile: DrawnProfile): number {
  const e = REGIME_PROFILE_EFFECTS;
  return e.emailDomain[profile.business ? "business" : "free-mail"] + e.seniority[profile.seniority] + e.companySize[profile.sizeBand] + e.country[profile.country];
}

/** The lead's outcome drivers from its behaviour before `cutoffAt`. */
function decide(profile: DrawnProfile, createdAt: number, marketing: MarketingState, cutoffAt: number, handoffAt: number | null): LeadBeforeCutoff {
  let effect = profileEffect(profile);
  for (const action of CAUSAL) {
    const first = marketing.firstAt.get(action.action);
    if (first !== undefined && first < cutoffAt) effect += action.lift;
  }
  const unsubscribedAt = marketing.firstAt.get("unsubscribe");
  const multiplier = unsubscribedAt !== undefined && unsubscribedAt < cutoffAt ? REGIME_UNSUBSCRIBE_MULTIPLIER : 1;
  return { profile, createdAt, marketing, cutoffAt, handoffAt, effect, multiplier };
}

/** World (a): the outcome is decided at D, 3–60 days after creation; behaviour before D counts. */
function exposureBeforeCutoff(random: SeededRandom, profile: DrawnProfile, createdAt: number, marketing: MarketingState): LeadBeforeCutoff {
  const [low, high] = EXPOSURE_TIMING.decisionDays;
  const decisionAt = createdAt + random.uniform(low, high) * DAY_MS;
  advanceMarketing(random, "exposure", marketing, createdAt, decisionAt);
  return decide(profile, createdAt, marketing, decisionAt, null);
}

/**
 * World (b): the first demo_request or contact_sales hands the lead to
 * sales 0.2–3 days later; otherwise a background hand-off (30%) or leaving
 * marketing at C. Behaviour is drawn up to the latest possible cut-off,
 * then cut at the actual one.
 */
function triggerBeforeCutoff(random: SeededRandom, profile: DrawnProfile, createdAt: number, marketing: MarketingState): LeadBeforeCutoff {
  const t = TRIGGER_TIMING;
  const background = random.chance(t.backgroundShare);
  const endAt = createdAt + (background ? random.uniform(t.backgroundDays[0], t.backgroundDays[1]) : random.uniform(t.leaveDays[0], t.leaveDays[1])) * DAY_MS;
  const delay = random.uniform(t.triggerDelayDays[0], t.triggerDelayDays[1]) * DAY_MS;
  // Drawn past endAt by the longest delay: a lead triggered just before leaving keeps acting until its hand-off.
  advanceMarketing(random, "trigger", marketing, createdAt, endAt + t.triggerDelayDays[1] * DAY_MS);
  let triggeredAt = Infinity;
  for (const action of REGIME_ACTIONS) {
    const first = marketing.firstAt.get(action.action);
    if (action.triggersHandoff && first !== undefined && first < triggeredAt) triggeredAt = first;
  }
  if (triggeredAt < endAt) {
    // A triggered lead is handed off; a background hand-off may come first, leaving marketing does not pre-empt it.
    const handoffAt = background ? Math.min(triggeredAt + delay, endAt) : triggeredAt + delay;
    return decide(profile, createdAt, truncateMarketing(marketing, handoffAt), handoffAt, handoffAt);
  }
  return decide(profile, createdAt, truncateMarketing(marketing, endAt), endAt, background ? endAt : null);
}

/** What happens from the cut-off on: hand-off, close, and marketing behaviour while a lost lead lingers. */
interface AfterCutoff {
  readonly handoffAt: number | null;
  readonly closedAt: number;
  readonly occurrences: MarketingState["occurrences"];
}

function exposureAfterCutoff(random: SeededRandom, lead: LeadBeforeCutoff, won: boolean, lingerActivity: number): AfterCutoff {
  const decisionAt = lead.cutoffAt;
  if (won) return { handoffAt: decisionAt, closedAt: decisionAt + lognormalDays(random, SALES_PHASE.wonCycle), occurrences: [] };
  if (random.chance(EXPOSURE_TIMING.lostHandoffShare)) {
    return { handoffAt: decisionAt, closedAt: decisionAt + lognormalDays(random, SALES_PHASE.lostCycle), occurrences: [] };
  }
  const [low, high] = EXPOSURE_TIMING.lingerDays;
  const closedAt = decisionAt + random.uniform(low, high) * DAY_MS;
  // The lead stays with marketing and keeps acting, at `lingerActivity` of its hazards: more time to act than a won lead had.
  const lingering: MarketingState = { inMarket: lead.marketing.inMarket, firstAt: new Map(lead.marketing.firstAt), occurrences: [] };
  advanceMarketing(random, "exposure", lingering, decisionAt, closedAt, lingerActivity);
  return { handoffAt: null, closedAt, occurrences: lingering.occurrences };
}

function triggerAfterCutoff(random: SeededRandom, lead: LeadBeforeCutoff, won: boolean): AfterCutoff {
  // Every won lead passes through sales: one that left marketing without a hand-off is handed off at that moment.
  const handoffAt = lead.handoffAt ?? (won ? lead.cutoffAt : null);
  if (handoffAt === null) return { handoffAt: null, closedAt: lead.cutoffAt, occurrences: [] };
  return { handoffAt, closedAt: handoffAt + lognormalDays(random, won ? SALES_PHASE.wonCycle : SALES_PHASE.lostCycle), occurrences: [] };
}

/** Sales activity between hand-off and close (mostly for won leads), and causal actions that recur after hand-off. */
function addSalesPhase(random: SeededRandom, lead: LeadBeforeCutoff, handoffAt: number, closedAt: number, won: boolean, add: (action: string, at: number, category: string) => void): void {
  const during = () => handoffAt + random.uniform(0.05, 0.95) * (closedAt - handoffAt);
  for (const action of CAUSAL) {
    const first = lead.marketing.firstAt.get(action.action);
    if (first !== undefined && first < handoffAt && random.chance(SALES_PHASE.causalRecurrence)) add(action.action, during(), action.category);
  }
  if (won || random.chance(0.7)) add("sales_call", during(), "sales");
  if (won ? random.chance(0.8) : random.chance(0.3)) add("proposal_sent", during(), "sales");
  if (won) add("contract_sent", during(), "sales");
}

function lognormalDays(random: SeededRandom, cycle: { readonly medianDays: number; readonly sigma: number }): number {
  return random.lognormal(cycle.medianDays, cycle.sigma) * DAY_MS;
}

function trueProbability(lead: LeadBeforeCutoff, intercept: number): number {
  return Math.min(1, Math.max(0, (intercept + lead.effect) * lead.multiplier));
}

/**
 * The base term whose mean true probability over the leads is `target`, by
 * bisection (the mean is non-decreasing in it), rounded to 1e-5.
 * @throws LeadliftError when no base in [−1, 1] reaches the target within 0.001.
 */
function solveIntercept(leads: readonly LeadBeforeCutoff[], target: number): number {
  const meanAt = (intercept: number) => leads.reduce((sum, lead) => sum + trueProbability(lead, intercept), 0) / leads.length;
  let low = -1;
  let high = 1;
  for (let k = 0; k < 60; k++) {
    const middle = (low + high) / 2;
    if (meanAt(middle) < target) low = middle;
    else high = middle;
  }
  const intercept = Math.round(((low + high) / 2) * 100_000) / 100_000;
  const reached = meanAt(intercept);
  if (Math.abs(reached - target) > 0.001) {
    throw new LeadliftError(
      "bad-option",
      `Option "baseCloseRate" cannot be reached in this world: asked for ${target}, the closest mean close probability is ${reached.toFixed(4)}. Choose a rate nearer 0.06.`,
    );
  }
  return intercept;
}

function describeTruth(settings: RegimeSettings, exportAt: number, intercept: number, meanTrueProbability: number): RegimeTruth {
  const regime = settings.regime;
  const m = REGIME_UNSUBSCRIBE_MULTIPLIER;
  const common = [
    `P(won) = (base + Σ lift·[action first done before the cut-off] + profile effects) × ${m} if unsubscribed before the cut-off, clamped to [0, 1]; base = ${intercept} was solved so that the mean true probability is ${settings.baseCloseRate}. Each lead's true probability is in truth-leads.csv.`,
    `Actions arrive as per-lead Poisson processes at hazardPerDay: an action can recur; only its first occurrence before the cut-off matters. A share inMarket.share of leads arrive in-market: their demo_request and contact_sales arrive at ${IN_MARKET_TRIGGER_HAZARD_PER_DAY} a day each (mean 6 days to the first).`,
    "image_added only follows document_created and has no effect of its own; email_open, email_click, site_visit are vanity; unsubscribe sits in the email category but is a negative signal; email_open, email_click and newsletter_read stop after it.",
    "Post-hand-off: sales_call, proposal_sent, contract_sent only between hand-off and close, mostly for won leads; each causal action done before hand-off recurs once in that phase with chance 0.3.",
    `The export is taken ${settings.exportAfterDays} days after the last creation date: leads not closed by then are open (right-censored), hand-offs after it are blank, and events after it are absent.`,
    "The truth counts every action before the cut-off, even beyond leadlift's 90-day observation window (leads can stay with marketing up to 180 days here).",
  ];
  const specific =
    regime === "exposure"
      ? [
          "Regime exposure (world a): the outcome is decided at D = created + uniform(3, 60) days. Won leads are handed off at D and close after a log-normal cycle (median 20 days); half the lost leads are handed off at D and lose after a median 30 days; the others linger with marketing until D + uniform(10, 120) days and close lost without hand-off.",
          `Lingering lost leads keep acting after D, at ${settings.lingerActivity} of their hazards, so in the export lost leads have more time before their cut-off: the crude did-it-before-cut-off lift of a causal action is biased down, and newsletter_read's is negative.`,
        ]
      : [
          "Regime trigger (world b): the first demo_request or contact_sales hands the lead off uniform(0.2, 3) days later; otherwise 30% get a background hand-off at uniform(3, 60) days and the rest leave marketing at C = uniform(10, 150) days (lost there without hand-off, or handed off there when won).",
          "Handed-off lost leads close lost after a log-normal delay (median 30 days); won leads close after a median 20 days. Time to cut-off is a consequence of demo_request and contact_sales: strata of exposure time condition on the actions' own effect.",
        ];
  if (intercept < 0) specific.push(`The base is negative (${intercept}): leads with too few positive signals have a true probability of exactly 0.`);
  return {
    regime,
    seed: settings.seed,
    startAt: isoSecond(settings.startAt),
    spanDays: settings.spanDays,
    exportAt: isoSecond(exportAt),
    baseCloseRate: settings.baseCloseRate,
    intercept,
    meanTrueProbability: Math.round(meanTrueProbability * 1e6) / 1e6,
    unsubscribeMultiplier: m,
    inMarket: { share: settings.inMarketShare, triggerHazardPerDay: IN_MARKET_TRIGGER_HAZARD_PER_DAY },
    lingerActivity: settings.regime === "exposure" ? settings.lingerActivity : null,
    actions: REGIME_ACTIONS.map((a) => ({ ...a, hazardPerDay: a.hazardPerDay[regime] })),
    profileEffects: REGIME_PROFILE_EFFECTS,
    timing: { regime: regime === "exposure" ? EXPOSURE_TIMING : TRIGGER_TIMING, salesPhase: SALES_PHASE },
    notes: [...specific, ...common],
  };
}
