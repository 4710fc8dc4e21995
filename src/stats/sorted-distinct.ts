/**
 * Sorting many numbers that take few distinct values (scores at the cut-off:
 * a few hundred point totals over 1M leads). A comparator sort of 1M
 * indices (`(i, j) => x[i] - x[j]`) and a Set of 1M boxed numbers were
 * fitCloseProbability's and fitIsotonic's time and garbage in the 1M-lead
 * profile; these give the same results from one typed-array sort of the
 * values, a binary search per value and a counting pass.
 */

/**
 * The distinct values ascending, −0 as 0 — what
 * `[...new Set(values)].sort((a, b) => a - b)` gives — or null when a value
 * is NaN (that comparator has no order for it; callers keep their general path).
 */
export function sortedDistinct(values: ArrayLike<number>): number[] | null {
  const sorted = Float64Array.from(values).sort();
  if (sorted.length > 0 && Number.isNaN(sorted[sorted.length - 1])) return null;
  const distinct: number[] = [];
  for (let k = 0; k < sorted.length; k++) {
    if (distinct.length === 0 || sorted[k] !== distinct[distinct.length - 1]) distinct.push(sorted[k] === 0 ? 0 : sorted[k]);
  }
  return distinct;
}

/**
 * The indices of `values` in the order a stable sort by value puts them —
 * `Array.from(values.keys()).sort((i, j) => values[i] - values[j])`: ascending
 * values, ties in index order — by counting each distinct value's indices;
 * `descending`, as `(i, j) => values[j] - values[i]` does: descending values, ties still in index order.
 * @param distinct `sortedDistinct(values)` (no NaN).
 */
export function stableOrderByValue(values: ArrayLike<number>, distinct: readonly number[], descending = false): Int32Array {
  const group = distinctRanks(values, distinct);
  const start = new Int32Array(distinct.length + 1);
  const last = distinct.length - 1;
  for (let i = 0; i < values.length; i++) {
    const g = descending ? last - group[i] : group[i];
    group[i] = g;
    start[g + 1] += 1;
  }
  for (let g = 0; g < distinct.length; g++) start[g + 1] += start[g];
  const order = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) order[start[group[i]]++] = i;
  return order;
}

/**
 * Each value's position among the ascending `distinct` values — its tie
 * group, lowest first.
 * @param distinct `sortedDistinct(values)` (no NaN).
 */
export function distinctRanks(values: ArrayLike<number>, distinct: readonly number[]): Int32Array {
  const ranks = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) ranks[i] = indexOfDistinct(distinct, values[i]);
  return ranks;
}

/** Where `value` is in the ascending `distinct` values (it is there; −0 finds 0). */
function indexOfDistinct(distinct: readonly number[], value: number): number {
  let low = 0;
  let high = distinct.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (distinct[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The indices of `values` by value (ascending, or `descending`), ties in
 * index order: by counting when no value is NaN, else by the comparator
 * sort it replaces (which has no order for NaN; callers keep its result).
 */
export function orderByValue(values: ArrayLike<number>, descending = false): ArrayLike<number> & Iterable<number> {
  const distinct = sortedDistinct(values);
  if (distinct) return stableOrderByValue(values, distinct, descending);
  const indices = Array.from({ length: values.length }, (_, i) => i);
  return descending ? indices.sort((i, j) => values[j] - values[i]) : indices.sort((i, j) => values[i] - values[j]);
}
