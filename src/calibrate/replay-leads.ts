import type { LeadInput } from "leadlift-runtime";
import { DAY_MS, type TimelineMeasure, type TimelineScorer } from "leadlift-runtime/internal";
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
  replayEvents(timeline, builder, history.createdAt, history.cutoffAt, { times, actionIds: Int32Array.from(times.keys()), slotOfAction: slots }, 0, times.length);
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
  const every = timeline.usesActivity;
  const exitDays = timeline.model.decay?.exitAfterDays;
  const exitMs = exitDays != null ? exitDays * DAY_MS : null;
  let e = nextCounted(columns, every, from, to);
  while (e < to && times[e] < createdAt && times[e] < cutoffAt) {
    timeline.add(slotOfAction[actionIds[e]], times[e]);
    e = nextCounted(columns, every, e + 1, to);
  }
  record(trajectory, timeline, createdAt);
  while (e < to && times[e] < cutoffAt) {
    const at = times[e];
    while (e < to && times[e] === at) {
      timeline.add(slotOfAction[actionIds[e]], at);
      e = nextCounted(columns, every, e + 1, to);
    }
    record(trajectory, timeline, at + 1);
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
