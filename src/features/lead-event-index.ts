/**
 * Every counted event (before its lead's cut-off) grouped by lead and sorted
 * by time, in three typed arrays — compressed sparse rows: lead i's events
 * are positions offsets[i] … offsets[i + 1] − 1. Built once per training
 * population and shared by every landmark comparison, so no per-event objects
 * are kept.
 */
export interface LeadEventIndex {
  readonly offsets: Int32Array;
  /** Epoch ms, ascending within each lead. */
  readonly times: Float64Array;
  /** Index into the indicators' `actions`. */
  readonly actions: Int32Array;
}

/**
 * Groups parallel (lead, time, action) arrays into a `LeadEventIndex` by a
 * counting sort on the lead, then a sort by time within each lead (ties keep
 * input order).
 */
export function buildLeadEventIndex(leadCount: number, leads: Int32Array, times: Float64Array, actions: Int32Array, length: number): LeadEventIndex {
  const offsets = new Int32Array(leadCount + 1);
  for (let e = 0; e < length; e++) offsets[leads[e] + 1] += 1;
  for (let i = 0; i < leadCount; i++) offsets[i + 1] += offsets[i];
  const cursor = offsets.slice(0, leadCount);
  const order = new Int32Array(length);
  for (let e = 0; e < length; e++) order[cursor[leads[e]]++] = e;
  const sortedTimes = new Float64Array(length);
  const sortedActions = new Int32Array(length);
  for (let i = 0; i < leadCount; i++) {
    const from = offsets[i];
    const to = offsets[i + 1];
    const slice = order.subarray(from, to);
    if (to - from > 1) slice.sort((a, b) => times[a] - times[b] || a - b);
    for (let p = from; p < to; p++) {
      sortedTimes[p] = times[order[p]];
      sortedActions[p] = actions[order[p]];
    }
  }
  return { offsets, times: sortedTimes, actions: sortedActions };
}
