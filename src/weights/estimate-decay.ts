import type { LandmarkGrid, LandmarkRanges } from "../features/landmarks.js";
import { landmarkRiskDifference } from "../stats/landmark-risk-difference.js";
import type { OccurrenceRuns } from "../features/occurrence-runs.js";
import type { TrainingPopulation } from "../features/training-population.js";
import { OrderStatistics } from "../stats/order-statistics.js";
import { ProgressionOrderStatistics } from "../stats/progression-order-statistics.js";

const DAY_MS = 86_400_000;

/** The ordered multiset of occurrence ages (days) that the decay estimate asks about. */
export interface AgeOrderStatistics {
  readonly count: number;
  valuesAt(ranks: readonly number[]): number[];
  countAtMost(limit: number): number;
}

/** The data's answer to "do this action's points fade?" */
export interface DecayEvidence {
  readonly action: string;
  readonly recent: { leads: number; won: number; closeRate: number | null };
  readonly old: { leads: number; won: number; closeRate: number | null };
  readonly medianAgeRecentDays: number;
  readonly medianAgeOldDays: number;
  readonly closeRateWithout: number | null;
  readonly pValue: number | null;
  readonly halfLifeDays: number | null;
  readonly source: "data" | "config" | "none";
  readonly conclusion: string;
}

/** What `estimateDecay` needs about one action, computed at landmarks. */
export interface DecayInputs {
  readonly action: string;
  /** Ages (days) of the latest occurrence at every landmark where a still-open lead had done it (too many to hold: order statistics). */
  readonly ages: AgeOrderStatistics;
  /** The recent/old cut (days): the median of `ages` (see `medianAge`). */
  readonly recentDays: number;
  /** Among those lead-landmarks: 1 when the latest occurrence is at most `recentDays` old, 0 when older. */
  readonly recentRanges: LandmarkRanges;
  readonly landmarks: number;
  /** The action's landmark lift over leads that had not done it (0–1). */
  readonly lift: number;
  /** Close rate of leads that never did it before their cut-off. */
  readonly closeRateWithout: number | null;
}

/**
 * Whether an action's value fades with its age: at each landmark, leads
 * whose latest occurrence is recent (at most the median age) are compared
 * with leads whose occurrence is older (landmark risk difference,
 * lead-clustered test; see stats/landmark-risk-difference.ts) — the same
 * lead ages, so long-lived (often lost) leads do not fake a decay merely by
 * having older occurrences. When the old group closes significantly worse
 * (p ≤ `alpha`), the half-life follows from the lifts over the non-doers:
 * lift_old / lift_recent = 0.5^(Δage / H), so H = Δage · ln 2 / ln(lift_recent / lift_old),
 * where lift_recent = lift + share_old·D and lift_old = lift_recent − D
 * (D the recent-vs-old difference, share_old the old share of doer
 * landmarks, as the action's lift averages the two); when the old lift is
 * gone (≤ 0), H = Δage / 2. Otherwise no decay.
 */
export function estimateDecay(inputs: DecayInputs, won: ArrayLike<number>, alpha = 0.05): DecayEvidence {
  const { action, ages, closeRateWithout } = inputs;
  const none = (conclusion: string, partial: Partial<DecayEvidence> = {}): DecayEvidence => ({
    action,
    recent: { leads: 0, won: 0, closeRate: null },
    old: { leads: 0, won: 0, closeRate: null },
    medianAgeRecentDays: 0,
    medianAgeOldDays: 0,
    closeRateWithout,
    pValue: null,
    halfLifeDays: null,
    source: "none",
    conclusion,
    ...partial,
  });
  if (ages.count < 40 || closeRateWithout === null) return none("Too few leads with dated occurrences to tell whether the points fade.");
  const recentCount = ages.countAtMost(inputs.recentDays);
  const oldCount = ages.count - recentCount;
  if (oldCount === 0) return none("Every occurrence has the same age: no spread to compare.");
  // Lower medians of the recent ages (the smallest recentCount) and of the old ones (the rest).
  const [medianAgeRecentDays, medianAgeOldDays] = ages.valuesAt([Math.floor((recentCount - 1) / 2), recentCount + Math.floor((oldCount - 1) / 2)]);
  const compared = landmarkRiskDifference(won, inputs.recentRanges, inputs.landmarks);
  if (compared === null) {
    return none("Recent and old occurrences are never seen at the same lead age: their close rates cannot be compared like with like.", { medianAgeRecentDays, medianAgeOldDays });
  }
  const group = (leads: number, wonCount: number) => ({ leads, won: wonCount, closeRate: leads > 0 ? wonCount / leads : null });
  const recent = group(compared.leadsWith, compared.wonWith);
  const old = group(compared.leadsWithout, compared.wonWithout);
  const base = { recent, old, medianAgeRecentDays, medianAgeOldDays, pValue: compared.pValue };
  const difference = compared.estimate;
  const shareOld = oldCount / ages.count;
  const liftRecent = inputs.lift + shareOld * difference;
  const liftOld = liftRecent - difference;
  const gap = medianAgeOldDays - medianAgeRecentDays;
  const p = compared.pValue;
  const facts = `${pct(recent.closeRate)} when last done ~${medianAgeRecentDays.toFixed(0)} days before vs ${pct(old.closeRate)} at ~${medianAgeOldDays.toFixed(0)} days, compared at the same lead ages`;
  if (p === null || !(p <= alpha) || !(difference > 0) || liftRecent <= 0 || gap <= 0) {
    return none(`No reliable fading: ${facts} (p = ${p === null ? "n/a" : p.toPrecision(2)}); full points whatever the age.`, base);
  }
  const halfLifeDays = Math.max(1, liftOld > 0 ? (gap * Math.LN2) / Math.log(liftRecent / liftOld) : gap / 2);
  return {
    action,
    ...base,
    closeRateWithout,
    halfLifeDays,
    source: "data",
    conclusion: `Fades: ${facts}, ${(difference * 100).toFixed(1)} points apart (without it: ${pct(closeRateWithout)}; p = ${p.toPrecision(2)}): half-life ${halfLifeDays.toFixed(0)} days.`,
  };
}

/** The lower median of occurrence ages: the recent/old cut (0 when there are none). */
export function medianAge(ages: AgeOrderStatistics): number {
  return ages.count === 0 ? 0 : ages.valuesAt([Math.floor((ages.count - 1) / 2)])[0];
}

function pct(rate: number | null): string {
  return rate === null ? "n/a" : `${(rate * 100).toFixed(1)}%`;
}

/**
 * The age (days) of the latest occurrence at every landmark of the runs,
 * (createdAt + k·step − last) / day, as exact order statistics: arithmetic
 * progressions (one per run) when instants and the step are whole
 * milliseconds, else a histogram over a walk of the values.
 */
export function occurrenceAges(runs: OccurrenceRuns, grid: LandmarkGrid, population: TrainingPopulation): AgeOrderStatistics {
  const stepMs = grid.stepDays * DAY_MS;
  const first = new Float64Array(runs.length);
  const length = new Int32Array(runs.length);
  let whole = Number.isSafeInteger(stepMs);
  for (let r = 0; r < runs.length; r++) {
    const createdAt = population.leads[runs.lead[r]].createdAt as number;
    whole &&= Number.isSafeInteger(createdAt) && Number.isSafeInteger(runs.last[r]);
    first[r] = createdAt + runs.from[r] * stepMs - runs.last[r];
    length[r] = runs.to[r] - runs.from[r];
  }
  if (whole) return new ProgressionOrderStatistics(first, length, runs.length, stepMs, DAY_MS);
  const batch = new Float64Array(4096);
  return new OrderStatistics(
    (visit) => {
      let count = 0;
      for (let r = 0; r < runs.length; r++) {
        const createdAt = population.leads[runs.lead[r]].createdAt as number;
        for (let k = runs.from[r]; k < runs.to[r]; k++) {
          batch[count++] = (createdAt + k * stepMs - runs.last[r]) / DAY_MS;
          if (count === batch.length) {
            visit(batch, count);
            count = 0;
          }
        }
      }
      if (count > 0) visit(batch, count);
    },
    { lowest: 0, highest: grid.count * grid.stepDays },
  );
}
