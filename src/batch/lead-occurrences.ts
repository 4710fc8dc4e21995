import { createTimelineScorer, type Episode, type Occurrences, type TimelineScorer } from "leadlift-runtime/internal";
import type { LeadState, ScoringModel } from "leadlift-runtime";

/** Record layout: the activity's first and last instant, then first, last and count per kept action. */
const START = 0;
const END = 1;
const HEADER = 2;
const PER_ACTION = 3;

/**
 * Each lead's kept-action occurrences for a batch, updated in place: what
 * `Scorer.applyEvent` accumulates, without a new state object per event.
 * Only for models without an exit rule, where a lead's state is a single
 * episode (first and last activity, and per kept action its first and last
 * occurrence and a count) and applying events is a running min/max — so the
 * order of events does not matter, as with `applyEvent`. With an exit rule,
 * episodes split and merge: keep `applyEvent`'s exact path there.
 *
 * `takeState` rebuilds the `LeadState` that `initialState` then `applyEvent`
 * of the same events would give, for `Scorer.scoreAt`: scoring stays the
 * runtime's.
 */
export class LeadOccurrences {
  /** Whether the model can be followed here: it has no exit rule. */
  static supports(model: ScoringModel): boolean {
    return model.decay?.exitAfterDays == null;
  }

  /**
   * The bytes the records take for `leadCount` leads: 8 × (2 + 3 × kept
   * actions) a lead, allocated up front for every lead, with events or not.
   */
  static bytesFor(model: ScoringModel, leadCount: number): number {
    return 8 * (HEADER + PER_ACTION * slotActionsOf(model, createTimelineScorer(model)).length) * leadCount;
  }

  private readonly slotOf: (action: string) => number;
  private readonly slotAction: readonly string[];
  /** Whether events of actions without points still count as activity (the inactivity rule). */
  private readonly usesActivity: boolean;
  /** Numbers per lead in `records`. */
  private readonly stride: number;
  /**
   * Every lead's record, one after the other (lead i at i × stride): one
   * typed array for the batch rather than objects per lead, which the
   * garbage collector would have to trace at every collection.
   */
  private readonly records: Float64Array;
  /** 1 once a lead has been given an event (its record is then initialised). */
  private readonly touched: Uint8Array;
  private touchedLeads = 0;

  /** @throws RangeError for a model with an exit rule (see `supports`). */
  constructor(model: ScoringModel, leadCount: number) {
    if (!LeadOccurrences.supports(model)) throw new RangeError("LeadOccurrences: the model has an exit rule; apply its events with Scorer.applyEvent.");
    const timeline = createTimelineScorer(model);
    this.slotOf = (action) => timeline.slotOf(action);
    this.usesActivity = timeline.usesActivity;
    this.slotAction = slotActionsOf(model, timeline);
    this.stride = HEADER + PER_ACTION * this.slotAction.length;
    this.records = new Float64Array(leadCount * this.stride);
    this.touched = new Uint8Array(leadCount);
  }

  /** Leads that have been given at least one event. */
  get leadsTouched(): number {
    return this.touchedLeads;
  }

  /** Applies one event of lead `lead` at `at` (epoch ms, finite), in any order. */
  add(lead: number, action: string, at: number): void {
    const record = this.records;
    const offset = lead * this.stride;
    if (this.touched[lead] === 0) {
      this.touched[lead] = 1;
      this.touchedLeads += 1;
      record[offset + START] = Infinity;
      record[offset + END] = -Infinity;
      for (let base = offset + HEADER; base < offset + this.stride; base += PER_ACTION) {
        record[base] = Infinity;
        record[base + 1] = -Infinity;
        record[base + 2] = 0;
      }
    }
    const slot = this.slotOf(action);
    if (slot < 0 && !this.usesActivity) return;
    if (at < record[offset + START]) record[offset + START] = at;
    if (at > record[offset + END]) record[offset + END] = at;
    if (slot < 0) return;
    const base = offset + HEADER + PER_ACTION * slot;
    if (at < record[base]) record[base] = at;
    if (at > record[base + 1]) record[base + 1] = at;
    record[base + 2] += 1;
  }

  /**
   * Lead `lead`'s state from `initial` (its `initialState`) and its events.
   * Its record is released: a lead is taken once, when it is scored.
   */
  takeState(lead: number, initial: LeadState): LeadState {
    if (this.touched[lead] === 0) return initial;
    this.touched[lead] = 0;
    const record = this.records;
    const offset = lead * this.stride;
    const end = record[offset + END];
    if (!(end > -Infinity)) return initial;
    const actions: Record<string, Occurrences> = Object.create(null) as Record<string, Occurrences>;
    for (let slot = 0; slot < this.slotAction.length; slot++) {
      const base = offset + HEADER + PER_ACTION * slot;
      const count = record[base + 2];
      if (count > 0) actions[this.slotAction[slot]] = { first: record[base], last: record[base + 1], count };
    }
    const episode: Episode = { start: record[offset + START], end, actions };
    return { ...initial, latestEventAt: end, episodes: [episode] };
  }
}

/** The kept action of each of the timeline scorer's slots (slot k's occurrences sit at HEADER + PER_ACTION · k). */
function slotActionsOf(model: ScoringModel, timeline: TimelineScorer): string[] {
  const slotAction: string[] = [];
  for (const { action } of model.actions) {
    const slot = timeline.slotOf(action);
    if (slot >= 0) slotAction[slot] = action;
  }
  return slotAction;
}
