import type { SeededRandom } from "./random.js";
import { FOLLOWER, IN_MARKET_TRIGGER_HAZARD_PER_DAY, REGIME_ACTIONS, STOPS_AT_UNSUBSCRIBE, type ContinuousRegime, type RegimeAction } from "./regime-truth.js";
import { DAY_MS } from "./simulated-rows.js";

/** One occurrence of an action (epoch ms). */
export interface Occurrence {
  readonly action: RegimeAction;
  readonly at: number;
}

/** What a lead's marketing-time processes remember between intervals. */
export interface MarketingState {
  /** In-market leads request a demo or contact sales at IN_MARKET_TRIGGER_HAZARD_PER_DAY. */
  readonly inMarket: boolean;
  /** First occurrence of each action so far (epoch ms). */
  readonly firstAt: Map<string, number>;
  readonly occurrences: Occurrence[];
}

const UNSUBSCRIBE = REGIME_ACTIONS.find((a) => a.action === "unsubscribe")!;
const PROCESSES = REGIME_ACTIONS.filter((a) => a.kind !== "post-handoff" && a !== UNSUBSCRIBE);

/**
 * Advances a lead's marketing-time behaviour over [from, to) (epoch ms):
 * every action arrives as a Poisson process at its hazard (an in-market
 * lead's trigger actions at the in-market hazard); unsubscribing happens at most once and stops the
 * email-borne actions after it; the follower's process starts at its
 * leader's first occurrence. Memoryless, so consecutive intervals give the
 * same law as one long one. `hazardScale` multiplies every hazard (a lingering
 * lead's lower activity). Appends to `state.occurrences` (unsorted).
 */
export function advanceMarketing(random: SeededRandom, regime: ContinuousRegime, state: MarketingState, from: number, to: number, hazardScale = 1): void {
  if (!(to > from)) return;
  if (!state.firstAt.has(UNSUBSCRIBE.action)) {
    const at = from + random.exponential(UNSUBSCRIBE.hazardPerDay[regime] * hazardScale) * DAY_MS;
    if (at < to) record(state, UNSUBSCRIBE, at);
  }
  const unsubscribedAt = state.firstAt.get(UNSUBSCRIBE.action) ?? Infinity;
  for (const action of PROCESSES) {
    let start = from;
    if (action.action === FOLLOWER.action) {
      const leaderAt = state.firstAt.get(FOLLOWER.leader);
      if (leaderAt === undefined) continue;
      start = Math.max(from, leaderAt);
    }
    const stop = STOPS_AT_UNSUBSCRIBE.has(action.action) ? Math.min(to, unsubscribedAt) : to;
    const rate = (state.inMarket && action.triggersHandoff ? IN_MARKET_TRIGGER_HAZARD_PER_DAY : action.hazardPerDay[regime]) * hazardScale;
    for (let at = start + random.exponential(rate) * DAY_MS; at < stop; at += random.exponential(rate) * DAY_MS) record(state, action, at);
  }
}

function record(state: MarketingState, action: RegimeAction, at: number): void {
  state.occurrences.push({ action, at });
  const first = state.firstAt.get(action.action);
  if (first === undefined || at < first) state.firstAt.set(action.action, at);
}

/** Keeps only occurrences before `cutoffAt` (the lead left marketing then) and recomputes first occurrences. */
export function truncateMarketing(state: MarketingState, cutoffAt: number): MarketingState {
  const kept: MarketingState = { inMarket: state.inMarket, firstAt: new Map(), occurrences: [] };
  for (const occurrence of state.occurrences) if (occurrence.at < cutoffAt) record(kept, occurrence.action, occurrence.at);
  return kept;
}
