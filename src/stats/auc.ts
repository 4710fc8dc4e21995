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
  if (positives === 0 || negatives === 0) {
    throw new LeadliftError("single-class", `AUC needs both won and lost leads. Got ${positives} won and ${negatives} lost.`);
  }
  return (rankSumPositives - (positives * (positives + 1)) / 2) / (positives * negatives);
}
