/**
 * Every counted event (before its lead's cut-off) of a training population,
 * by lead and in time order — a view on the export's `EventStore`: lead i's
 * counted events are positions start[i] … end[i] − 1 of the store's
 * columns (the start of its events up to the cut-off, as they are sorted by
 * time). Built once per population and shared by every landmark comparison;
 * no event is copied.
 */
export interface LeadEventIndex {
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Epoch ms, ascending within each lead. */
  readonly times: Float64Array;
  /** The store's action ids (`ActionIndicators.actionIds` maps an indicator's action to its id). */
  readonly actionIds: Int32Array;
}
