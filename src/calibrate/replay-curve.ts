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

export interface ReplayCurveOptions {
  /** Sales-cycle window in days: a success closes won within it after reaching the threshold. */
  readonly windowDays: number;
  /** End of the data (epoch ms): windows ending later are censored for open leads. */
  readonly dataEndAt: number;
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
  const windowMs = options.windowDays * DAY_MS;
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
      const outcome = classifyOutcome(leads[i], trajectories[i].reachedAt[k], windowMs, options.dataEndAt);
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
 * while with leadlift it would be handed off at the crossing.
 */
export function classifyOutcome(
  lead: ReplayLead,
  reachedAt: number,
  windowMs: number,
  dataEndAt: number,
): "success" | "failure" | "censored" {
  const windowEndAt = Math.max(reachedAt, lead.handoffAt ?? reachedAt) + windowMs;
  if (lead.status === "won" && lead.closedAt !== null && lead.closedAt <= windowEndAt) return "success";
  if (lead.status === "won" || lead.status === "lost") return "failure";
  return windowEndAt <= dataEndAt ? "failure" : "censored";
}

/** Distinct scores any lead reached in replay, ascending: the candidate thresholds. */
export function candidateThresholds(trajectories: readonly Trajectory[]): number[] {
  const values = new Set<number>();
  for (const t of trajectories) for (const level of t.levels) values.add(level);
  return [...values].sort((a, b) => a - b);
}
