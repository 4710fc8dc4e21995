import { wilsonInterval } from "../stats/wilson-interval.js";
import { firstReaching, type ReplayLead, type Trajectory } from "./replay-leads.js";

const DAY_MS = 86_400_000;

/** What happened to the leads that reached one candidate threshold in replay. */
export interface ReplayPoint {
  readonly threshold: number;
  /** Leads whose score reached the threshold before their cut-off. */
  readonly reached: number;
  /** Won within the sales-cycle window after reaching it. */
  readonly successes: number;
  /** Lost, or not won within the window (window fully observed). */
  readonly failures: number;
  /** Still open and the window not yet over at the end of the data: outcome unknown, left out. */
  readonly censored: number;
  /** successes / (successes + failures); null when none decided. */
  readonly closeRate: number | null;
  /** Wilson 95% interval of `closeRate`. */
  readonly closeRateInterval: { lower: number; upper: number } | null;
  /** Share of all won leads that reached the threshold (recall of won deals). */
  readonly wonCaptured: number;
  /** Leads reaching the threshold per day of the creation span, and per week. */
  readonly perDay: number;
  readonly perWeek: number;
}

/** When an outcome counts: the sales-cycle window, the end of the data and the youngest mature leads. */
export interface OutcomeWindow {
  /** Sales-cycle window in days: a success closes won within it after reaching the threshold. */
  readonly windowDays: number;
  /** End of the data (epoch ms): windows ending later are censored for open leads. */
  readonly dataEndAt: number;
  /**
   * Leads created at or after this instant (epoch ms) are too recent to judge: their quick
   * losses are known but their slower wins are not yet, so counting them would bias the
   * close rate down. All their outcomes are censored. Default: none.
   */
  readonly matureBefore?: number;
}

export interface ReplayCurveOptions extends OutcomeWindow {
  /** Days spanned by the leads' creation dates (for per-day rates); at least 1. */
  readonly spanDays: number;
}

/**
 * The replay threshold curve: for each candidate threshold, the leads whose
 * replayed score first reached it, and how many of those were won within
 * the sales-cycle window after that moment — the product's promise, "leads
 * crossing the threshold close at 10–15% within the average sales cycle".
 * Open leads whose window has fully passed count as failures (they did not
 * close in time); those whose window is still running are censored.
 */
export function replayCurve(
  leads: readonly ReplayLead[],
  trajectories: readonly Trajectory[],
  candidates: readonly number[],
  options: ReplayCurveOptions,
): ReplayPoint[] {
  const totalWon = leads.reduce((n, lead) => n + (lead.status === "won" ? 1 : 0), 0);
  const spanDays = Math.max(1, options.spanDays);
  return candidates.map((threshold) => {
    let reached = 0;
    let successes = 0;
    let failures = 0;
    let censored = 0;
    let wonReached = 0;
    for (let i = 0; i < leads.length; i++) {
      const k = firstReaching(trajectories[i], threshold);
      if (k < 0) continue;
      reached += 1;
      const outcome = classifyOutcome(leads[i], trajectories[i].reachedAt[k], options);
      if (outcome === "success") successes += 1;
      else if (outcome === "failure") failures += 1;
      else censored += 1;
      if (leads[i].status === "won") wonReached += 1;
    }
    const decided = successes + failures;
    const ci = decided > 0 ? wilsonInterval(successes, decided) : null;
    return {
      threshold,
      reached,
      successes,
      failures,
      censored,
      closeRate: decided > 0 ? successes / decided : null,
      closeRateInterval: ci ? { lower: ci.lower, upper: ci.upper } : null,
      wonCaptured: totalWon > 0 ? wonReached / totalWon : 0,
      perDay: reached / spanDays,
      perWeek: (7 * reached) / spanDays,
    };
  });
}

/**
 * Success, failure or censored for a lead that reached a threshold at
 * `reachedAt`. The sales-cycle clock starts when sales could work the lead:
 * at the crossing, or at the historical hand-off if that came later — in the
 * past a lead that crossed early still waited for the old hand-off rule,
 * while with leadlift it would be handed off at the crossing. An open lead
 * is a failure only once it was handed off and its window has passed; one
 * not yet handed off might still be (its hand-off date is unknown), so it is
 * censored, as are all outcomes of leads too recent to judge.
 */
export function classifyOutcome(lead: ReplayLead, reachedAt: number, window: OutcomeWindow): "success" | "failure" | "censored" {
  if (lead.createdAt >= (window.matureBefore ?? Infinity)) return "censored";
  const windowEndAt = Math.max(reachedAt, lead.handoffAt ?? reachedAt) + window.windowDays * DAY_MS;
  if (lead.status === "won" && lead.closedAt !== null && lead.closedAt <= windowEndAt) return "success";
  if (lead.status === "won" || lead.status === "lost") return "failure";
  return lead.handoffAt !== null && windowEndAt <= window.dataEndAt ? "failure" : "censored";
}

/**
 * Candidate thresholds, ascending: every whole score at or below a level some
 * lead reached in replay (floor of each level). Thresholds are whole points
 * — what sales configures — even when decay makes scores fractional.
 */
export function candidateThresholds(trajectories: readonly Trajectory[]): number[] {
  const values = new Set<number>();
  for (const t of trajectories) for (const level of t.levels) values.add(Math.floor(level));
  return [...values].sort((a, b) => a - b);
}
