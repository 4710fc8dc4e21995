import type { LeadInput, LeadScore, Scorer } from "leadlift-runtime";
import { DAY_MS } from "leadlift-runtime/internal";

/** What became of a replayed lead, and where it started. */
export interface ReplayLead {
  readonly createdAt: number;
  /** FIT at creation (after the model's cap): what profile alone gives. */
  readonly fit: number;
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

/** A lead's running-maximum score over time. */
export interface Trajectory {
  /** Strictly increasing running-maximum scores. */
  readonly levels: number[];
  /** When each level was first reached (epoch ms). */
  readonly reachedAt: number[];
  /** FIT, PAIN and the action points within PAIN at that moment. */
  readonly fitAt: number[];
  readonly painAt: number[];
  readonly actionAt: number[];
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
export function replayTrajectory(scorer: Scorer, history: ReplayHistory): Trajectory {
  const trajectory: Trajectory = { levels: [], reachedAt: [], fitAt: [], painAt: [], actionAt: [] };
  const exitMs = scorer.model.decay?.exitAfterDays != null ? scorer.model.decay.exitAfterDays * DAY_MS : null;
  const { events, createdAt, cutoffAt } = history;
  let state = scorer.initialState(history.lead);
  const apply = (event: ReplayHistory["events"][number]) => {
    state = scorer.applyEvent(state, { action: event.action, occurredAt: event.at });
  };
  let k = 0;
  while (k < events.length && events[k].at < createdAt && events[k].at < cutoffAt) apply(events[k++]);
  record(trajectory, scorer.scoreAt(state, createdAt), createdAt);
  while (k < events.length && events[k].at < cutoffAt) {
    const at = events[k].at;
    while (k < events.length && events[k].at === at) apply(events[k++]);
    record(trajectory, scorer.scoreAt(state, at + 1), at + 1);
    const exitAt = exitMs === null ? Infinity : at + exitMs + 1;
    const nextAt = k < events.length ? events[k].at : Infinity;
    if (exitAt < nextAt && exitAt < cutoffAt) record(trajectory, scorer.scoreAt(state, exitAt), exitAt);
  }
  return trajectory;
}

function record(trajectory: Trajectory, scored: LeadScore, at: number): void {
  const { levels } = trajectory;
  if (levels.length > 0 && scored.score <= levels[levels.length - 1]) return;
  let actionPoints = 0;
  for (const reason of scored.reasons) if (reason.kind === "action") actionPoints += reason.points;
  levels.push(scored.score);
  trajectory.reachedAt.push(at);
  trajectory.fitAt.push(scored.fit);
  trajectory.painAt.push(scored.pain);
  trajectory.actionAt.push(actionPoints);
}

/** Index of the first level ≥ threshold, or −1 when the lead never reaches it. */
export function firstReaching(trajectory: Trajectory, threshold: number): number {
  const { levels } = trajectory;
  let low = 0;
  let high = levels.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (levels[mid] >= threshold) high = mid;
    else low = mid + 1;
  }
  return low < levels.length ? low : -1;
}
