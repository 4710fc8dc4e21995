import { areaUnderRoc } from "./auc.js";
import { mulberry32 } from "./mulberry32.js";

/** Percentile bootstrap intervals of two scores' AUCs on the same leads, and of their difference. */
export interface PairedAucComparison {
  readonly first: { readonly auc: number; readonly lower: number; readonly upper: number };
  readonly second: { readonly auc: number; readonly lower: number; readonly upper: number };
  /** second − first. */
  readonly difference: { readonly estimate: number; readonly lower: number; readonly upper: number };
  readonly replicates: number;
}

/**
 * Compares two scores of the same leads by AUC with a paired percentile
 * bootstrap (Efron & Tibshirani 1993, ch. 13): leads are resampled with
 * replacement within each outcome class (so every replicate has both), and
 * both AUCs are recomputed on the same resample, so the difference's
 * interval accounts for the scores being correlated. Seeded: same inputs,
 * same intervals.
 * @example
 * // The first score ranks one won lead below a lost one (8 of 9 pairs right); the second ranks all 9.
 * const won = [1, 1, 1, 0, 0, 0];
 * const comparison = comparePairedAuc([0.9, 0.4, 0.6, 0.5, 0.3, 0.2], [0.9, 0.8, 0.7, 0.3, 0.2, 0.1], won);
 * comparison.first.auc // 0.8889
 * comparison.second.auc // 1
 * comparison.difference.estimate // 0.1111
 * comparison.replicates // 500
 */
export function comparePairedAuc(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  won: ArrayLike<number>,
  options: { replicates?: number; confidence?: number; seed?: number } = {},
): PairedAucComparison {
  const replicates = options.replicates ?? 500;
  const confidence = options.confidence ?? 0.95;
  const random = mulberry32(options.seed ?? 20261201);
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < won.length; i++) (won[i] ? positives : negatives).push(i);
  const n = won.length;
  // A resample is a multiplicity per lead; each AUC is then one walk over the scores sorted once.
  const times = new Float64Array(n);
  const byFirst = sortedGroups(first, won);
  const bySecond = sortedGroups(second, won);
  const firstAucs: number[] = [];
  const secondAucs: number[] = [];
  const differences: number[] = [];
  for (let r = 0; r < replicates; r++) {
    times.fill(0);
    for (const group of [positives, negatives]) {
      for (let j = 0; j < group.length; j++) times[group[Math.floor(random() * group.length)]] += 1;
    }
    const x = weightedAuc(byFirst, times, positives.length, negatives.length);
    const y = weightedAuc(bySecond, times, positives.length, negatives.length);
    firstAucs.push(x);
    secondAucs.push(y);
    differences.push(y - x);
  }
  const interval = (values: number[]) => {
    const sorted = [...values].sort((p, q) => p - q);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
    return { lower: at((1 - confidence) / 2), upper: at(1 - (1 - confidence) / 2) };
  };
  const firstAuc = areaUnderRoc(first, won);
  const secondAuc = areaUnderRoc(second, won);
  return {
    first: { auc: firstAuc, ...interval(firstAucs) },
    second: { auc: secondAuc, ...interval(secondAucs) },
    difference: { estimate: secondAuc - firstAuc, ...interval(differences) },
    replicates,
  };
}

/** Leads sorted by score, with where each run of tied scores ends. */
interface SortedGroups {
  readonly order: Int32Array;
  readonly won: Uint8Array;
  /** groupEnd[g] = one past the last position of tie group g in `order`. */
  readonly groupEnd: Int32Array;
}

function sortedGroups(scores: ArrayLike<number>, won: ArrayLike<number>): SortedGroups {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i).sort((i, j) => scores[i] - scores[j]);
  const ends: number[] = [];
  for (let k = 1; k <= order.length; k++) if (k === order.length || scores[order[k]] !== scores[order[k - 1]]) ends.push(k);
  return { order, won: Uint8Array.from(order, (i) => (won[i] ? 1 : 0)), groupEnd: Int32Array.from(ends) };
}

/**
 * The AUC of a resample given as multiplicities: the Mann–Whitney U — pairs
 * (won, lost) with the won lead above, ties counting ½ — over P·N. Every
 * term is a whole or half number, so this is exactly what `areaUnderRoc`
 * computes on the resampled scores (its rank sum minus P(P + 1)/2 is U).
 */
function weightedAuc(groups: SortedGroups, times: Float64Array, positives: number, negatives: number): number {
  const { order, won, groupEnd } = groups;
  let lostBelow = 0;
  let u = 0;
  let k = 0;
  for (let g = 0; g < groupEnd.length; g++) {
    let wonHere = 0;
    let lostHere = 0;
    for (; k < groupEnd[g]; k++) {
      const w = times[order[k]];
      if (won[k]) wonHere += w;
      else lostHere += w;
    }
    u += wonHere * (lostBelow + lostHere / 2);
    lostBelow += lostHere;
  }
  return u / (positives * negatives);
}
