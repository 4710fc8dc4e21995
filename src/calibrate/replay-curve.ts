import { wilsonInterval } from "../stats/wilson-interval.js";
import type { ReplayLead } from "./replay-leads.js";
import type { TrajectoryStore } from "./trajectory-store.js";

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
  trajectories: TrajectoryStore,
  candidates: readonly number[],
  options: ReplayCurveOptions,
): ReplayPoint[] {
  const totalWon = leads.reduce((n, lead) => n + (lead.status === "won" ? 1 : 0), 0);
  const spanDays = Math.max(1, options.spanDays);
  // One pass over the leads' levels: a lead first reaches every threshold in (levels[j − 1], levels[j]] at
  // level j, so its outcome there is added to that stretch of the sorted thresholds (difference arrays).
  const order = candidates.map((_, c) => c).sort((x, y) => candidates[x] - candidates[y]);
  const sorted = Float64Array.from(order, (c) => candidates[c]);
  const size = sorted.length + 1;
  const reachedBy = new Int32Array(size);
  const successesBy = new Int32Array(size);
  const failuresBy = new Int32Array(size);
  const wonBy = new Int32Array(size);
  const { levels, reachedAt } = trajectories;
  for (let i = 0; i < leads.length; i++) {
    let from = 0;
    for (let j = trajectories.start(i); j < trajectories.end(i) && from < sorted.length; j++) {
      const to = firstAbove(sorted, levels[j]);
      if (to <= from) continue;
      const outcome = classifyOutcome(leads[i], reachedAt[j], options);
      reachedBy[from] += 1;
      reachedBy[to] -= 1;
      if (outcome === "success") {
        successesBy[from] += 1;
        successesBy[to] -= 1;
      } else if (outcome === "failure") {
        failuresBy[from] += 1;
        failuresBy[to] -= 1;
      }
      if (leads[i].status === "won") {
        wonBy[from] += 1;
        wonBy[to] -= 1;
      }
      from = to;
    }
  }
  const points: ReplayPoint[] = new Array(candidates.length);
  let reached = 0;
  let successes = 0;
  let failures = 0;
  let wonReached = 0;
  for (let k = 0; k < sorted.length; k++) {
    reached += reachedBy[k];
    successes += successesBy[k];
    failures += failuresBy[k];
    wonReached += wonBy[k];
    const decided = successes + failures;
    const ci = decided > 0 ? wilsonInterval(successes, decided) : null;
    points[order[k]] = {
      threshold: sorted[k],
      reached,
      successes,
      failures,
      censored: reached - decided,
      closeRate: decided > 0 ? successes / decided : null,
      closeRateInterval: ci ? { lower: ci.lower, upper: ci.upper } : null,
      wonCaptured: totalWon > 0 ? wonReached / totalWon : 0,
      perDay: reached / spanDays,
      perWeek: (7 * reached) / spanDays,
    };
  }
  return points;
}

/** Index of the first of the ascending `values` above `level` (values ≤ level are reached at it). */
function firstAbove(values: Float64Array, level: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (values[middle] <= level) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * Success, failure or censored for a lead that reached a threshold at
 * `reachedAt`. The sales-cycle clock starts when sales could work the lead:
 * at the crossing, or at the historical hand-off if that came later — in the
 * past a lead that crossed early still waited for the old hand-off rule,
 * while with leadlift it would be handed off at the crossing. An open lead
 * is a failure only once it was handed off and its window has passed; one
 * not yet handed off might still be (its hand-off date is unknown), so it is
 * censored, as are all outcomes of leads too recent to judge. A won lead
 * without a close date comes from an export with no close dates at all (the
 * reader refuses won rows missing one where the column exists): it says who
 * was won, not when, so the window cannot be checked and the win counts —
 * counting it as a failure would make every threshold close at 0%.
 */
export function classifyOutcome(lead: ReplayLead, reachedAt: number, window: OutcomeWindow): "success" | "failure" | "censored" {
  if (lead.createdAt >= (window.matureBefore ?? Infinity)) return "censored";
  if (lead.status === "won" && lead.closedAt === null) return "success";
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
export function candidateThresholds(trajectories: TrajectoryStore): number[] {
  const values = new Set<number>();
  for (const level of trajectories.levels) values.add(Math.floor(level));
  return [...values].sort((a, b) => a - b);
}
