import type { COUNTRIES, SIZE_BANDS, TITLES } from "./ground-truth.js";

/** The continuous-time worlds beside the classic one (see docs/simulator.md). */
export const CONTINUOUS_REGIMES = ["exposure", "trigger"] as const;
export type ContinuousRegime = (typeof CONTINUOUS_REGIMES)[number];

/** What an action really does in the continuous-time worlds. */
export interface RegimeAction {
  readonly action: string;
  readonly category: "product" | "marketing" | "email" | "web" | "sales" | "content";
  /** Added close probability when first done before the cut-off (0–1; 0 for actions with no effect of their own). */
  readonly lift: number;
  /**
   * Occurrences per lead-day while the lead is with marketing (a Poisson
   * process), per regime; for the follower, per day after its leader's
   * first occurrence; 0 for sales actions, which follow their own rules.
   */
  readonly hazardPerDay: Readonly<Record<ContinuousRegime, number>>;
  readonly kind: "causal" | "follower" | "vanity" | "neutral-exposure" | "negative" | "post-handoff";
  /** In the trigger regime, the first occurrence hands the lead to sales within days. */
  readonly triggersHandoff: boolean;
  readonly note: string;
}

/** Unsubscribing before the cut-off multiplies a lead's close probability by this. */
export const REGIME_UNSUBSCRIBE_MULTIPLIER = 0.2;

/**
 * The action table of both continuous regimes. Lifts are those of a
 * low-base-rate B2B funnel; hazards are set so that, over each regime's
 * typical time to cut-off (about 31 days in "exposure", longer in
 * "trigger"), a few percent of leads do each buying action before their
 * cut-off. Order matters for the generator only in that a follower comes
 * after its leader.
 */
export const REGIME_ACTIONS: readonly RegimeAction[] = [
  { action: "demo_request", category: "marketing", lift: 0.2, hazardPerDay: { exposure: 0.0007, trigger: 0.0002 }, kind: "causal", triggersHandoff: true, note: "strongest buying signal; in the trigger regime it hands the lead to sales within 0.2–3 days" },
  { action: "contact_sales", category: "marketing", lift: 0.16, hazardPerDay: { exposure: 0.0007, trigger: 0.0002 }, kind: "causal", triggersHandoff: true, note: "in the trigger regime it hands the lead to sales within 0.2–3 days" },
  { action: "teammate_invited", category: "product", lift: 0.13, hazardPerDay: { exposure: 0.001, trigger: 0.00025 }, kind: "causal", triggersHandoff: false, note: "product adoption" },
  { action: "pricing_page_view", category: "marketing", lift: 0.1, hazardPerDay: { exposure: 0.0016, trigger: 0.0004 }, kind: "causal", triggersHandoff: false, note: "consideration" },
  { action: "document_created", category: "product", lift: 0.08, hazardPerDay: { exposure: 0.002, trigger: 0.0005 }, kind: "causal", triggersHandoff: false, note: "activation; image_added follows it" },
  { action: "trial_signup", category: "product", lift: 0.06, hazardPerDay: { exposure: 0.003, trigger: 0.00075 }, kind: "causal", triggersHandoff: false, note: "entry to product" },
  { action: "webinar_attended", category: "marketing", lift: 0.03, hazardPerDay: { exposure: 0.002, trigger: 0.0005 }, kind: "causal", triggersHandoff: false, note: "real but under 5 points: should be pruned" },
  { action: "case_study_view", category: "marketing", lift: 0, hazardPerDay: { exposure: 0.003, trigger: 0.00075 }, kind: "causal", triggersHandoff: false, note: "null: no effect" },
  { action: "image_added", category: "product", lift: 0, hazardPerDay: { exposure: 0.05, trigger: 0.05 }, kind: "follower", triggersHandoff: false, note: "only after document_created (hazard counted from its first occurrence); no effect of its own, but its univariate lift borrows document_created's" },
  { action: "unsubscribe", category: "email", lift: 0, hazardPerDay: { exposure: 0.0016, trigger: 0.0008 }, kind: "negative", triggersHandoff: false, note: `negative signal in a vanity category: before the cut-off it multiplies close probability by ${REGIME_UNSUBSCRIBE_MULTIPLIER}; happens at most once, and no marketing email is opened, clicked or read after it` },
  { action: "email_open", category: "email", lift: 0, hazardPerDay: { exposure: 0.04, trigger: 0.04 }, kind: "vanity", triggersHandoff: false, note: "vanity: no effect; stops after unsubscribe" },
  { action: "email_click", category: "email", lift: 0, hazardPerDay: { exposure: 0.01, trigger: 0.01 }, kind: "vanity", triggersHandoff: false, note: "vanity: no effect; stops after unsubscribe" },
  { action: "site_visit", category: "web", lift: 0, hazardPerDay: { exposure: 0.05, trigger: 0.05 }, kind: "vanity", triggersHandoff: false, note: "vanity: no effect" },
  { action: "newsletter_read", category: "content", lift: 0, hazardPerDay: { exposure: 0.03, trigger: 0.03 }, kind: "neutral-exposure", triggersHandoff: false, note: "exposure trap: no effect, but the longer a lead stays with marketing the more likely it reads one; stops after unsubscribe" },
  { action: "sales_call", category: "sales", lift: 0, hazardPerDay: { exposure: 0, trigger: 0 }, kind: "post-handoff", triggersHandoff: false, note: "after hand-off only: every won lead, 70% of lost ones (leakage trap)" },
  { action: "proposal_sent", category: "sales", lift: 0, hazardPerDay: { exposure: 0, trigger: 0 }, kind: "post-handoff", triggersHandoff: false, note: "after hand-off only: 80% of won leads, 30% of lost ones" },
  { action: "contract_sent", category: "sales", lift: 0, hazardPerDay: { exposure: 0, trigger: 0 }, kind: "post-handoff", triggersHandoff: false, note: "won leads only, after hand-off" },
];

/**
 * In-market leads arrive ready to buy: each of their trigger actions
 * (demo_request, contact_sales) arrives at this hazard instead of the
 * table's, so most of them ask within days of creation (mean 6 days to the
 * first of the two). Their other actions follow the table. The share of
 * in-market leads is an option (default: none in "exposure", 10% in "trigger").
 */
export const IN_MARKET_TRIGGER_HAZARD_PER_DAY = 0.08;

/** Actions whose occurrences stop once the lead has unsubscribed (they arrive by marketing email). */
export const STOPS_AT_UNSUBSCRIBE: ReadonlySet<string> = new Set(["email_open", "email_click", "newsletter_read"]);

/** The follower and the action it follows. */
export const FOLLOWER = { action: "image_added", leader: "document_created" } as const;

/**
 * Profile effects on close probability in the continuous regimes (added to
 * it, like action lifts): each moves close rates by 2–5 points, which at a
 * 6% base rate is as much as a mid-sized action: a business address, a
 * C-level or VP title, a company of over 200 people, the US. The same
 * population as the classic regime (55% business addresses, the same
 * seniority, size and country shares); every other level adds 0.
 */
export const REGIME_PROFILE_EFFECTS: {
  readonly emailDomain: Readonly<Record<"business" | "free-mail", number>>;
  readonly seniority: Readonly<Record<keyof typeof TITLES, number>>;
  readonly companySize: Readonly<Record<(typeof SIZE_BANDS)[number][0], number>>;
  readonly country: Readonly<Record<(typeof COUNTRIES)[number], number>>;
} = {
  emailDomain: { business: 0.02, "free-mail": 0 },
  seniority: { "c-level": 0.05, vp: 0.03, director: 0, manager: 0, individual: 0, "student-other": 0 },
  companySize: { "1-10": 0, "11-50": 0, "51-200": 0, "201-1000": 0.03, "1001+": 0.03 },
  country: { US: 0.03, GB: 0, DE: 0, FR: 0, BR: 0, IN: 0, CA: 0, AU: 0 },
};

/** Sales-phase timing shared by both regimes (days). */
export const SALES_PHASE = {
  /** Won deals close this long after hand-off: log-normal with this median and log-scale spread. */
  wonCycle: { medianDays: 20, sigma: 0.6 },
  /** Handed-off lost deals close lost this long after hand-off. */
  lostCycle: { medianDays: 30, sigma: 0.7 },
  /** Chance that each causal action done before hand-off happens once more during the sales phase. */
  causalRecurrence: 0.3,
} as const;

/** Timing of the "exposure" regime (days after creation). */
export const EXPOSURE_TIMING = {
  /** Decision time D: uniform. The outcome depends on what the lead did before D. */
  decisionDays: [3, 60],
  /** Share of lost leads handed off at D (and lost later); the rest linger with marketing. */
  lostHandoffShare: 0.5,
  /** Lingering lost leads close lost this long after D, without hand-off. */
  lingerDays: [10, 120],
} as const;

/** Timing of the "trigger" regime (days). */
export const TRIGGER_TIMING = {
  /** Hand-off this long after the first triggering action: uniform. */
  triggerDelayDays: [0.2, 3],
  /** Share of leads with a background hand-off (routing, a list, an SDR's pick) … */
  backgroundShare: 0.3,
  /** … this long after creation: uniform. */
  backgroundDays: [3, 60],
  /** The others leave marketing this long after creation: uniform. Lost there, or handed off there when won. */
  leaveDays: [10, 150],
} as const;

/** Defaults of the continuous regimes (the classic regime keeps its own). */
export const REGIME_DEFAULTS = {
  /** Share of leads won (the intercept is solved to reach it): a low base rate. */
  baseCloseRate: 0.06,
  spanDays: 365,
  /**
   * Share of leads that arrive in-market (see IN_MARKET_TRIGGER_HAZARD_PER_DAY). In
   * "trigger" they make most early cut-offs a consequence of a trigger action:
   * without them, background hand-offs fill the shortest exposure strata and
   * stratifying by exposure time barely touches the triggers' lifts.
   */
  inMarketShare: { exposure: 0, trigger: 0.1 },
  /**
   * "exposure" only: the share of their marketing-time hazards at which lost leads keep acting while
   * they linger after the decision. Below 1, as leads that decided against buying drift away: they
   * still have more time to act than won leads (the bias of world (a)), but their late actions are
   * fewer. At 1 (a stress case) they keep requesting demos as often as before deciding, which no
   * model can tell from intent: even a plain regression fitted at the cut-off falls far short of the truth.
   */
  lingerActivity: 0.3,
} as const;
