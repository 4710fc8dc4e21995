/**
 * Visits every value of a multiset once, in batches (`values[0 … count − 1]`,
 * so no number is boxed on the way); may be called several times, visiting
 * the same values each time.
 */
export type ValueWalk = (visit: (values: Float64Array, count: number) => void) => void;

/** Bins of the histogram that narrows each rank down to the values worth sorting. */
const BINS = 1 << 16;

/**
 * Exact order statistics of a multiset too large to hold: the k-th smallest
 * value is what sorting every value and indexing would give. Two walks
 * build a 65,536-bin histogram over the values' range (bins are monotone in
 * the value, so the bin a rank falls in holds it) — one when the caller
 * knows a range most values lie in (`binRange`: the bins span it, values
 * outside fall in the end bins, so answers stay exact); each later question
 * walks once more to collect the values of the bins it needs, kept sorted
 * for the next. Memory: the histogram and the collected bins.
 * @example new OrderStatistics((visit) => visit(Float64Array.of(5, 1, 4, 1, 3), 5)).valuesAt([0, 2, 4]) // [1, 3, 5]
 */
export class OrderStatistics {
  /** Number of values. */
  readonly count: number;
  /** The smallest value. */
  private readonly min: number;
  /** Where the bins start, and the width they span. */
  private readonly origin: number;
  private readonly span: number;
  private readonly histogram = new Float64Array(BINS);
  /** Sorted values of the bins collected so far. */
  private readonly bins = new Map<number, Float64Array>();

  /**
   * @param binRange lowest and highest value the bins span (default: the values' own range, found by one more walk).
   */
  constructor(
    private readonly walk: ValueWalk,
    binRange?: { readonly lowest: number; readonly highest: number },
  ) {
    let count = 0;
    let min = Infinity;
    let max = -Infinity;
    const extremes = (values: Float64Array, n: number) => {
      count += n;
      for (let k = 0; k < n; k++) {
        if (values[k] < min) min = values[k];
        if (values[k] > max) max = values[k];
      }
    };
    if (binRange) {
      this.origin = binRange.lowest;
      this.span = binRange.highest - binRange.lowest;
      walk((values, n) => {
        extremes(values, n);
        for (let k = 0; k < n; k++) this.histogram[this.binOf(values[k])] += 1;
      });
    } else {
      walk(extremes);
      this.origin = min;
      this.span = max - min;
      walk((values, n) => {
        for (let k = 0; k < n; k++) this.histogram[this.binOf(values[k])] += 1;
      });
    }
    this.count = count;
    this.min = min;
  }

  /**
   * The values at 0-based `ranks` of the sorted multiset.
   * @throws RangeError for a rank that is not a whole number in [0, count).
   */
  valuesAt(ranks: readonly number[]): number[] {
    if (ranks.some((rank) => !(Number.isInteger(rank) && rank >= 0 && rank < this.count))) {
      throw new RangeError(`ranks must be whole numbers in [0, ${this.count}). Got ${JSON.stringify(ranks)}.`);
    }
    const located = ranks.map((rank) => {
      let before = 0;
      let bin = 0;
      while (before + this.histogram[bin] <= rank) before += this.histogram[bin++];
      return { bin, offset: rank - before };
    });
    this.collect(located.map((l) => l.bin));
    return located.map(({ bin, offset }) => (this.bins.get(bin) as Float64Array)[offset]);
  }

  /** How many values are at most `limit`. */
  countAtMost(limit: number): number {
    if (!(limit >= this.min)) return 0;
    const bin = this.binOf(limit);
    let count = 0;
    for (let b = 0; b < bin; b++) count += this.histogram[b];
    this.collect([bin]);
    for (const value of this.bins.get(bin) as Float64Array) if (value <= limit) count += 1;
    return count;
  }

  private binOf(value: number): number {
    return this.span > 0 ? Math.min(BINS - 1, Math.max(0, Math.floor(((value - this.origin) / this.span) * BINS))) : 0;
  }

  private collect(wanted: readonly number[]): void {
    const missing = new Map<number, { values: Float64Array; length: number }>();
    for (const bin of wanted) if (!this.bins.has(bin) && !missing.has(bin)) missing.set(bin, { values: new Float64Array(this.histogram[bin]), length: 0 });
    if (missing.size === 0) return;
    this.walk((values, n) => {
      for (let k = 0; k < n; k++) {
        const entry = missing.get(this.binOf(values[k]));
        if (entry) entry.values[entry.length++] = values[k];
      }
    });
    for (const [bin, entry] of missing) this.bins.set(bin, entry.values.sort());
  }
}
