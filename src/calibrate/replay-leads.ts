import type { LeadInput } from "leadlift-runtime";
import { createdAtOf, DAY_MS, type TimelineMeasure, type TimelineScorer } from "leadlift-runtime/internal";
import { TrajectoryBuilder, type Trajectory } from "./trajectory-store.js";

export type { Trajectory } from "./trajectory-store.js";

/**
 * What became of a replayed lead, and when it started: the same whatever
 * the model (its FIT at creation is its trajectory's first `fitAt`).
 */
export interface ReplayLead {
  readonly createdAt: number;
  readonly status: "won" | "lost" | "open";
  readonly closedAt: number | null;
  /** When sales historically took the lead over (null if never). */
  readonly handoffAt: number | null;
}

/** A lead's history as replay needs it. */
export interface ReplayHistory {
  /** The leads row as the runtime takes it (profile columns, `account_id`, `created_at`). */
  readonly lead: LeadInput;
  readonly createdAt: number;
  /** Events strictly before this moment are replayed (hand-off, else close, else the end of the data). */
  readonly cutoffAt: number;
  /** The lead's events in time order. */
  readonly events: ReadonlyArray<{ readonly at: number; readonly action: string }>;
}

/**
 * Replays a lead's score over time with the runtime scorer itself — the
 * same decay, inactivity, exit, velocity and rounding services apply — and
 * records the first moment each new running-maximum score was reached.
 * Scores only fall between events (see runtime/time-rules.ts), except at an
 * exit, so they are evaluated at creation, just after each event (1 ms
 * later, as events count strictly before the moment) and at exit moments.
 * Events before creation count from creation.
 */
export function replayTrajectory(timeline: TimelineScorer, history: ReplayHistory): Trajectory {
  const times = Float64Array.from(history.events, (e) => e.at);
  const slots = Int32Array.from(history.events, (e) => timeline.slotOf(e.action));
  const builder = new TrajectoryBuilder();
  timeline.begin(history.lead);
  const columns = { times, actionIds: Int32Array.from(times.keys()), slotOfAction: slots, occurred: createdAtOf(history.lead) === history.createdAt ? occurrenceFlags(timeline) : null };
  replayEvents(timeline, builder, history.createdAt, history.cutoffAt, columns, 0, times.length);
  builder.end();
  return builder.finish().trajectory(0);
}

/** What `TimelineScorer.measureAt` writes, reused across moments. */
const measured: TimelineMeasure = { score: 0, fit: 0, pain: 0, actionPoints: 0 };

/** Event columns a replay reads: event e at `times[e]`, of the action with slot `slotOfAction[actionIds[e]]`. */
export interface ReplayColumns {
  readonly times: ArrayLike<number>;
  readonly actionIds: ArrayLike<number>;
  readonly slotOfAction: ArrayLike<number>;
  /**
   * Scratch flags by slot, from `occurrenceFlags`: when given, the timeline's
   * score at the moments replay measures depends only on which slots have
   * occurred, so a moment after events that add no new slot is not measured
   * (the lead must be begun on the timeline with creation instant `createdAt`).
   */
  readonly occurred?: Uint8Array | null;
}

/**
 * Per-slot scratch flags for `ReplayColumns.occurred`, or null when the
 * timeline's model can score two measured moments with the same occurred
 * actions differently. Replay measures at creation (nothing quiet: 0 ms)
 * and 1 ms after events; there the score is FIT + PAIN from the profile and
 * the points of each action that has occurred, summed in one order — the
 * same numbers when no new action has occurred — unless a time rule adds a
 * term that changes between such moments: a fading positive action (points
 * fall with its age, and come back with a repeat), an exit (ends the
 * episode), velocity (switches on after creation), or inactivity of at most
 * 1 ms (quiet at one such moment, not at another).
 */
export function occurrenceFlags(timeline: TimelineScorer): Uint8Array | null {
  const { actions, decay, velocity } = timeline.model;
  if (velocity != null || decay?.exitAfterDays != null) return null;
  if (decay?.inactivity != null && !(decay.inactivity.days * DAY_MS > 1)) return null;
  let slots = 0;
  for (const action of actions) {
    if (!action.kept || action.points === 0) continue;
    if (action.points > 0 && decay && Object.hasOwn(decay.halfLifeDays, action.action)) return null;
    slots = Math.max(slots, timeline.slotOf(action.action) + 1);
  }
  return new Uint8Array(slots);
}

/**
 * `replayTrajectory` over columns, into `builder`'s current trajectory (the
 * caller ends it), for the lead the caller started on the timeline: its
 * events are `from … to − 1` of `columns` (ascending time) — e.g. its range
 * in the `EventStore`. Only events that can move the score count: those of
 * actions with a slot, or every event when the model counts any activity.
 */
export function replayEvents(
  timeline: TimelineScorer,
  trajectory: TrajectoryBuilder,
  createdAt: number,
  cutoffAt: number,
  columns: ReplayColumns,
  from: number,
  to: number,
): void {
  const { times, actionIds, slotOfAction } = columns;
  const occurred = columns.occurred ?? null;
  occurred?.fill(0);
  const every = timeline.usesActivity;
  const exitDays = timeline.model.decay?.exitAfterDays;
  const exitMs = exitDays != null ? exitDays * DAY_MS : null;
  let e = nextCounted(columns, every, from, to);
  while (e < to && times[e] < createdAt && times[e] < cutoffAt) {
    const slot = slotOfAction[actionIds[e]];
    if (occurred !== null && slot >= 0) occurred[slot] = 1;
    timeline.add(slot, times[e]);
    e = nextCounted(columns, every, e + 1, to);
  }
  record(trajectory, timeline, createdAt);
  while (e < to && times[e] < cutoffAt) {
    const at = times[e];
    let changed = occurred === null;
    while (e < to && times[e] === at) {
      const slot = slotOfAction[actionIds[e]];
      if (occurred !== null && slot >= 0 && occurred[slot] === 0) {
        occurred[slot] = 1;
        changed = true;
      }
      timeline.add(slot, at);
      e = nextCounted(columns, every, e + 1, to);
    }
    // Unchanged: the score equals the one last measured, which cannot be a new maximum (see occurrenceFlags).
    if (changed) record(trajectory, timeline, at + 1);
    const exitAt = exitMs === null ? Infinity : at + exitMs + 1;
    const nextAt = e < to ? times[e] : Infinity;
    if (exitAt < nextAt && exitAt < cutoffAt) record(trajectory, timeline, exitAt);
  }
}

/** The first event from `e` on that counts (see `replayEvents`), or `to`. */
function nextCounted(columns: ReplayColumns, every: boolean, e: number, to: number): number {
  if (every) return e;
  while (e < to && columns.slotOfAction[columns.actionIds[e]] < 0) e++;
  return e;
}

function record(trajectory: TrajectoryBuilder, timeline: TimelineScorer, at: number): void {
  timeline.measureAt(at, measured);
  if (trajectory.currentLength > 0 && measured.score <= trajectory.lastLevel) return;
  trajectory.add(measured.score, at, measured.fit, measured.pain, measured.actionPoints);
}
