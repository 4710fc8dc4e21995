/** What an action really does in the simulated world. */
export interface SimulatedAction {
  readonly action: string;
  readonly category: "product" | "marketing" | "email" | "web" | "sales" | "negative" | "content";
  /** Added close probability when done before the cut-off (the true univariate lift for independent actions). */
  readonly lift: number;
  /** Share of leads who do it before their cut-off (for followers: share of leaders' leads). */
  readonly rate: number;
  readonly kind: "causal" | "vanity" | "follower" | "post-handoff" | "neutral-exposure" | "negative";
  readonly note: string;
}

/**
 * The simulator's ground truth. Causal actions occur independently of each
 * other and of the profile, and P(won) = (base + Σ lift·did + profile
 * effects) × (unsubscribe multiplier if unsubscribed), so each causal
 * action's univariate lift is exactly its `lift` times the mean multiplier
 * (see `expectedLift`). Tuned so that, as in a real funnel, most leads are
 * unqualified: closed leads win at about 8%, FIT alone rarely makes a lead
 * SDR-ready, and behaviour carries leads to a 10–15% close rate.
 */
export const BASE_CLOSE_RATE = 0.005;

/** Unsubscribing multiplies a lead's close probability by this. */
export const UNSUBSCRIBE_MULTIPLIER = 0.2;

export const SIMULATED_ACTIONS: readonly SimulatedAction[] = [
  { action: "demo_request", category: "marketing", lift: 0.25, rate: 0.03, kind: "causal", note: "strongest buying signal" },
  { action: "teammate_invited", category: "product", lift: 0.15, rate: 0.04, kind: "causal", note: "product adoption" },
  { action: "pricing_page_view", category: "marketing", lift: 0.1, rate: 0.08, kind: "causal", note: "consideration" },
  { action: "document_created", category: "product", lift: 0.08, rate: 0.1, kind: "causal", note: "activation" },
  { action: "trial_signup", category: "product", lift: 0.06, rate: 0.18, kind: "causal", note: "entry to product" },
  { action: "webinar_attended", category: "marketing", lift: 0.03, rate: 0.1, kind: "causal", note: "real but under 5 points: should be pruned" },
  { action: "case_study_view", category: "marketing", lift: 0, rate: 0.2, kind: "causal", note: "no effect" },
  { action: "image_added", category: "product", lift: 0, rate: 0.6, kind: "follower", note: "only after document_created; no effect of its own, but its univariate lift looks large" },
  { action: "email_open", category: "email", lift: 0, rate: 0.6, kind: "vanity", note: "vanity: no points by default" },
  { action: "email_click", category: "email", lift: 0, rate: 0.3, kind: "vanity", note: "vanity: no points by default" },
  { action: "site_visit", category: "web", lift: 0, rate: 0.7, kind: "vanity", note: "vanity: no points by default" },
  { action: "newsletter_read", category: "content", lift: 0, rate: 0.03, kind: "neutral-exposure", note: "no effect; occurs at 0.03 a day until the cut-off, so leads with long exposure (mostly lost) do it more: naive lift is negative" },
  { action: "unsubscribe", category: "negative", lift: 0, rate: 0.08, kind: "negative", note: `negative signal: multiplies close probability by ${UNSUBSCRIBE_MULTIPLIER}; its lift is −(1 − ${UNSUBSCRIBE_MULTIPLIER}) × the mean close probability before it (see expectedLift)` },
  { action: "sales_call", category: "sales", lift: 0, rate: 0, kind: "post-handoff", note: "after hand-off only, mostly for won leads: a leakage trap that must earn no points" },
  { action: "proposal_sent", category: "sales", lift: 0, rate: 0, kind: "post-handoff", note: "after hand-off only" },
  { action: "contract_sent", category: "sales", lift: 0, rate: 0, kind: "post-handoff", note: "won leads only, after hand-off" },
];

/** Profile effects on close probability (independent of behaviour). */
export const PROFILE_EFFECTS = {
  emailDomain: { business: 0.03, "free-mail": 0 },
  seniority: { "c-level": 0.1, vp: 0.07, director: 0.03, manager: 0.01, individual: 0, "student-other": -0.005 },
  companySize: { "1-10": 0, "11-50": 0, "51-200": 0.02, "201-1000": 0.06, "1001+": 0.04 },
  country: "none: countries are drawn independently and do nothing",
} as const;

/** Share of leads with a business email address. */
export const BUSINESS_EMAIL_SHARE = 0.55;

/** Titles by seniority, sampled uniformly within a level. */
export const TITLES = {
  "c-level": ["CEO", "Chief Marketing Officer", "CTO", "Founder"],
  vp: ["VP Sales", "VP Marketing", "Head of Growth"],
  director: ["Director of Operations", "Marketing Director"],
  manager: ["Product Manager", "Sales Manager", "Team Lead"],
  individual: ["Engineer", "Analyst", "Designer", "Account Executive"],
  "student-other": ["Student", "Intern"],
} as const;

export const SENIORITY_SHARES: ReadonlyArray<readonly [keyof typeof TITLES, number]> = [
  ["c-level", 0.05], ["vp", 0.08], ["director", 0.12], ["manager", 0.25], ["individual", 0.4], ["student-other", 0.1],
];

export const SIZE_BANDS: ReadonlyArray<readonly [keyof typeof PROFILE_EFFECTS.companySize, number, number, number]> = [
  ["1-10", 1, 10, 0.3], ["11-50", 11, 50, 0.25], ["51-200", 51, 200, 0.22], ["201-1000", 201, 1000, 0.13], ["1001+", 1001, 20000, 0.1],
];

export const COUNTRIES = ["US", "GB", "DE", "FR", "BR", "IN", "CA", "AU"] as const;
export const FREE_MAIL = ["gmail.com", "yahoo.com", "hotmail.com", "outlook.com"] as const;

/**
 * The expected univariate lift of a causal action or profile value in this
 * world: its additive effect times the mean unsubscribe multiplier (the
 * multiplier is independent of everything else). For `unsubscribe` itself:
 * −(1 − multiplier) × the mean close probability before it.
 */
export function expectedLift(effect: number | "unsubscribe"): number {
  const unsubscribeRate = SIMULATED_ACTIONS.find((a) => a.action === "unsubscribe")!.rate;
  const meanMultiplier = 1 - unsubscribeRate * (1 - UNSUBSCRIBE_MULTIPLIER);
  if (effect !== "unsubscribe") return effect * meanMultiplier;
  return -(1 - UNSUBSCRIBE_MULTIPLIER) * meanCloseProbabilityBeforeUnsubscribe();
}

/** E[base + Σ lift·did + profile effects]: every term is independent, so means add. */
export function meanCloseProbabilityBeforeUnsubscribe(): number {
  const mean = (pairs: ReadonlyArray<readonly [number, number]>) => pairs.reduce((sum, [effect, share]) => sum + effect * share, 0);
  const actions = mean(SIMULATED_ACTIONS.filter((a) => a.kind === "causal").map((a) => [a.lift, a.rate] as const));
  const email = mean([[PROFILE_EFFECTS.emailDomain.business, BUSINESS_EMAIL_SHARE]]);
  const seniority = mean(SENIORITY_SHARES.map(([level, share]) => [PROFILE_EFFECTS.seniority[level], share] as const));
  const size = mean(SIZE_BANDS.map(([band, , , share]) => [PROFILE_EFFECTS.companySize[band], share] as const));
  return BASE_CLOSE_RATE + actions + email + seniority + size;
}
