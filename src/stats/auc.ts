import { LeadliftError } from "../errors.js";

/**
 * Area under the ROC curve by the Mann–Whitney statistic with average ranks
 * for ties (equal to sklearn's roc_auc_score): the probability that a random
 * won lead scores above a random lost one, ties counting one half.
 * @throws LeadliftError when lengths differ or only one class is present.
 * @example areaUnderRoc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1]) // 0.75
 */
export function areaUnderRoc(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>): number {
  if (scores.length !== labels.length) {
    throw new LeadliftError("invalid-argument", `scores and labels must have the same length. Got ${scores.length} and ${labels.length}.`);
  }
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i]) positives += 1;
  const negatives = scores.length - positives;
  if (positives === 0 || negatives === 0) {
    throw new LeadliftError("single-class", `AUC needs both won and lost leads. Got ${positives} won and ${negatives} lost.`);
  }
  const won = new Float64Array(positives);
  const lost = new Float64Array(negatives);
  let w = 0;
  let l = 0;
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i];
    if (Number.isNaN(score)) return rankSumAuc(scores, labels);
    if (labels[i]) won[w++] = score;
    else lost[l++] = score;
  }
  // Each class sorted on its own (a typed array's numeric sort), then merged by tie groups: a group at positions
  // k … end holds p won leads, each of average rank (k + end) / 2 + 1. Ranks are multiples of ½ and their sum is at
  // most n(n + 1)/2, so every sum is exact (n below 10⁸) and equals the one-rank-at-a-time sum of sorting all leads.
  won.sort();
  lost.sort();
  let rankSumPositives = 0;
  let k = 0;
  w = 0;
  l = 0;
  while (w < positives || l < negatives) {
    const value = l >= negatives || (w < positives && won[w] <= lost[l]) ? won[w] : lost[l];
    let tiedWon = 0;
    let tiedLost = 0;
    while (w < positives && won[w] === value) {
      w += 1;
      tiedWon += 1;
    }
    while (l < negatives && lost[l] === value) {
      l += 1;
      tiedLost += 1;
    }
    const end = k + tiedWon + tiedLost - 1;
    rankSumPositives += tiedWon * ((k + end) / 2 + 1);
    k = end + 1;
  }
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** The AUC by sorting every lead's index by score (kept for scores with NaN, whose order is the comparator's). */
function rankSumAuc(scores: ArrayLike<number>, labels: ArrayLike<number | boolean>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((i, j) => scores[i] - scores[j]);
  let positives = 0;
  let rankSumPositives = 0;
  let k = 0;
  while (k < order.length) {
    let end = k;
    while (end + 1 < order.length && scores[order[end + 1]] === scores[order[k]]) end++;
    const averageRank = (k + end) / 2 + 1;
    for (let m = k; m <= end; m++) {
      if (labels[order[m]]) {
        positives += 1;
        rankSumPositives += averageRank;
      }
    }
    k = end + 1;
  }
  const negatives = scores.length - positives;
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}
