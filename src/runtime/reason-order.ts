import type { Reason } from "./scorer-types.js";

/**
 * Σ of action points in the order `sortReasons` would list their reasons
 * (largest |points| first, then by name), so the float sum is the one a
 * caller adding up `LeadScore.reasons` gets.
 */
export function sumInReasonOrder(points: Float64Array, slots: Int32Array, count: number, names: readonly string[]): number {
  for (let i = 1; i < count; i++) {
    const p = points[i];
    const s = slots[i];
    const size = Math.abs(p);
    let j = i - 1;
    while (j >= 0 && (Math.abs(points[j]) < size || (Math.abs(points[j]) === size && names[slots[j]] > names[s]))) {
      points[j + 1] = points[j];
      slots[j + 1] = slots[j];
      j--;
    }
    points[j + 1] = p;
    slots[j + 1] = s;
  }
  let sum = 0;
  for (let i = 0; i < count; i++) sum += points[i];
  return sum;
}

/** Largest |points| first, then by name: insertion sort, as a lead has a handful of reasons (Array#sort costs more at that size). */
export function sortReasons(reasons: Reason[]): void {
  for (let i = 1; i < reasons.length; i++) {
    const reason = reasons[i];
    const size = Math.abs(reason.points);
    let j = i - 1;
    while (j >= 0 && (Math.abs(reasons[j].points) < size || (Math.abs(reasons[j].points) === size && reasons[j].name > reason.name))) {
      reasons[j + 1] = reasons[j];
      j--;
    }
    reasons[j + 1] = reason;
  }
}

/**
 * Sorts the first `count` values ascending in place: by insertion up to 64
 * values, as a lead's events are few and mostly in order already (a typed
 * array's own sort needs a subarray object and costs more at that size).
 */
export function sortAscending(values: Float64Array, count: number): void {
  if (count > 64) {
    values.subarray(0, count).sort();
    return;
  }
  insertionSort(values, count);
}

/** Sorts the first `count` numbers ascending in place by insertion: for a few values, mostly in order (no comparator calls). */
export function insertionSort(values: Float64Array | number[], count = values.length): void {
  for (let i = 1; i < count; i++) {
    const value = values[i];
    let j = i - 1;
    while (j >= 0 && values[j] > value) {
      values[j + 1] = values[j];
      j--;
    }
    values[j + 1] = value;
  }
}
