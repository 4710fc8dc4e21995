import { LeadliftError } from "../errors.js";
import { orderByValue } from "./sorted-distinct.js";

/** A fitted increasing step function, interpolated linearly between its knots. */
export interface IsotonicFit {
  /** Ascending distinct x values… */
  readonly thresholds: number[];
  /** …and the fitted (non-decreasing) value at each. */
  readonly values: number[];
}

/**
 * Increasing isotonic regression by pool-adjacent-violators (Ayer et al.
 * 1955; Barlow et al. 1972): the non-decreasing fit minimising weighted
 * squared error. Tied x values are pooled first (their weighted mean), as
 * sklearn's IsotonicRegression does, so `predictIsotonic` at the training
 * x values matches sklearn's `predict`.
 * @throws LeadliftError when lengths differ, the input is empty or a weight is not positive.
 * @example fitIsotonic([1, 2, 3], [1, 0, 2]).values // [0.5, 0.5, 2]
 */
export function fitIsotonic(x: ArrayLike<number>, y: ArrayLike<number>, weights?: ArrayLike<number>): IsotonicFit {
  if (x.length !== y.length || x.length === 0 || (weights && weights.length !== x.length)) {
    throw new LeadliftError("invalid-argument", `x, y (and weights) must be non-empty and of the same length. Got ${x.length}, ${y.length}${weights ? `, ${weights.length}` : ""}.`);
  }
  // Ties in index order: the pooling's float sums follow it.
  const order = orderByValue(x);
  const xs: number[] = [];
  const means: number[] = [];
  const totals: number[] = [];
  for (const i of order) {
    const w = weights ? weights[i] : 1;
    if (!(w > 0)) throw new LeadliftError("invalid-argument", `Weights must be positive. Got ${JSON.stringify(w)} at index ${i}.`);
    const last = xs.length - 1;
    if (last >= 0 && xs[last] === x[i]) {
      means[last] = (means[last] * totals[last] + y[i] * w) / (totals[last] + w);
      totals[last] += w;
    } else {
      xs.push(x[i]);
      means.push(y[i]);
      totals.push(w);
    }
  }
  // Pool adjacent violators over blocks (value, weight, size).
  const blockValue: number[] = [];
  const blockWeight: number[] = [];
  const blockSize: number[] = [];
  for (let k = 0; k < xs.length; k++) {
    blockValue.push(means[k]);
    blockWeight.push(totals[k]);
    blockSize.push(1);
    while (blockValue.length > 1 && blockValue[blockValue.length - 2] > blockValue[blockValue.length - 1]) {
      const v2 = blockValue.pop() as number;
      const w2 = blockWeight.pop() as number;
      const s2 = blockSize.pop() as number;
      const last = blockValue.length - 1;
      blockValue[last] = (blockValue[last] * blockWeight[last] + v2 * w2) / (blockWeight[last] + w2);
      blockWeight[last] += w2;
      blockSize[last] += s2;
    }
  }
  const values: number[] = [];
  blockValue.forEach((v, b) => {
    for (let s = 0; s < blockSize[b]; s++) values.push(v);
  });
  return { thresholds: xs, values };
}

/** The fitted value at `x`: linear between knots, clipped outside them (sklearn out_of_bounds="clip"). */
export function predictIsotonic(fit: IsotonicFit, x: number): number {
  const { thresholds, values } = fit;
  if (x <= thresholds[0]) return values[0];
  const last = thresholds.length - 1;
  if (x >= thresholds[last]) return values[last];
  let low = 0;
  let high = last;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (thresholds[mid] <= x) low = mid;
    else high = mid;
  }
  const share = (x - thresholds[low]) / (thresholds[high] - thresholds[low]);
  return values[low] + share * (values[high] - values[low]);
}
