/**
 * Exact order statistics of a multiset given as arithmetic progressions of
 * whole numbers that share one step: progression p holds first[p],
 * first[p] + step, …, first[p] + (length[p] − 1)·step, and every value is
 * reported divided by `scale`. An occurrence's age at successive landmarks
 * is such a progression, so tens of millions of ages cost one entry per
 * occurrence, and no walk over them.
 *
 * Every value v = r + m·step with 0 ≤ r < step, so sorting by (m, r) sorts
 * the values: a progression adds one value to each of the consecutive bins
 * m0 … m0 + length − 1, all with the same r (a difference array counts the
 * bins), and a rank needs only the r of the progressions covering its bin.
 * Exact because whole numbers below 2^53 add and multiply without rounding,
 * and dividing by a positive `scale` keeps the order.
 * @throws RangeError when `step` or a first value is not a safe whole number, or `scale` is not positive.
 * @example new ProgressionOrderStatistics(Float64Array.of(5, 2), Int32Array.of(2, 3), 2, 2, 1).valuesAt([0, 4]) // [2, 7]
 */
export class ProgressionOrderStatistics {
  /** Number of values. */
  readonly count: number;
  /** Values in bins 0 … m − 1 (cumulative counts, one more entry than bins). */
  private readonly before: Float64Array;
  /** Each progression's first bin and its remainder. */
  private readonly firstBin: Int32Array;
  private readonly remainder: Float64Array;
  /** Sorted remainders of the bins collected so far. */
  private readonly bins = new Map<number, Float64Array>();

  constructor(
    first: ArrayLike<number>,
    private readonly length: ArrayLike<number>,
    progressions: number,
    private readonly step: number,
    private readonly scale: number,
  ) {
    if (!(Number.isSafeInteger(step) && step > 0) || !(scale > 0)) throw new RangeError(`step must be a positive whole number and scale positive. Got ${JSON.stringify({ step, scale })}.`);
    this.firstBin = new Int32Array(progressions);
    this.remainder = new Float64Array(progressions);
    let bins = 0;
    let lowestBin = 0;
    for (let p = 0; p < progressions; p++) {
      if (!Number.isSafeInteger(first[p])) throw new RangeError(`first values must be safe whole numbers. Got ${JSON.stringify(first[p])}.`);
      let m = Math.floor(first[p] / step);
      let r = first[p] - m * step;
      // The quotient may round across a whole number: the remainder says which way.
      if (r < 0) (m -= 1), (r += step);
      else if (r >= step) (m += 1), (r -= step);
      this.firstBin[p] = m;
      this.remainder[p] = r;
      if (length[p] > 0) {
        bins = Math.max(bins, m + length[p]);
        lowestBin = Math.min(lowestBin, m);
      }
    }
    if (lowestBin < 0) throw new RangeError(`values must not be negative. Got a bin of ${lowestBin}.`);
    const difference = new Float64Array(bins + 1);
    for (let p = 0; p < progressions; p++) {
      if (length[p] <= 0) continue;
      difference[this.firstBin[p]] += 1;
      difference[this.firstBin[p] + length[p]] -= 1;
    }
    this.before = new Float64Array(bins + 1);
    let inBin = 0;
    for (let m = 0; m < bins; m++) {
      inBin += difference[m];
      this.before[m + 1] = this.before[m] + inBin;
    }
    this.count = this.before[bins];
  }

  /**
   * The values at 0-based `ranks` of the sorted multiset (divided by `scale`).
   * @throws RangeError for a rank that is not a whole number in [0, count).
   */
  valuesAt(ranks: readonly number[]): number[] {
    if (ranks.some((rank) => !(Number.isInteger(rank) && rank >= 0 && rank < this.count))) {
      throw new RangeError(`ranks must be whole numbers in [0, ${this.count}). Got ${JSON.stringify(ranks)}.`);
    }
    return ranks.map((rank) => {
      const bin = this.binOfRank(rank);
      return (this.remaindersOf(bin)[rank - this.before[bin]] + bin * this.step) / this.scale;
    });
  }

  /** How many values (divided by `scale`) are at most `limit`. */
  countAtMost(limit: number): number {
    const bins = this.before.length - 1;
    // Bin m holds whole numbers m·step … (m + 1)·step − 1: every bin whose largest possible value is at most the limit counts whole.
    let bin = 0;
    while (bin < bins && ((bin + 1) * this.step - 1) / this.scale <= limit) bin++;
    let count = this.before[bin];
    if (bin < bins && (bin * this.step) / this.scale <= limit) {
      for (const r of this.remaindersOf(bin)) if ((r + bin * this.step) / this.scale <= limit) count += 1;
    }
    return count;
  }

  /** The bin holding the value at `rank`. */
  private binOfRank(rank: number): number {
    let low = 0;
    let high = this.before.length - 1;
    // The last bin m with before[m] ≤ rank.
    while (high - low > 1) {
      const middle = (low + high) >>> 1;
      if (this.before[middle] <= rank) low = middle;
      else high = middle;
    }
    return low;
  }

  /** The sorted remainders of the values in `bin`. */
  private remaindersOf(bin: number): Float64Array {
    let sorted = this.bins.get(bin);
    if (sorted) return sorted;
    sorted = new Float64Array(this.before[bin + 1] - this.before[bin]);
    let n = 0;
    for (let p = 0; p < this.firstBin.length; p++) {
      if (this.firstBin[p] <= bin && bin < this.firstBin[p] + this.length[p]) sorted[n++] = this.remainder[p];
    }
    sorted.sort();
    this.bins.set(bin, sorted);
    return sorted;
  }
}
