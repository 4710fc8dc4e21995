/** One lead's history for replay: when its score could change, and what became of it. */
export interface ReplayLead {
  readonly createdAt: number;
  /** Score from profile alone (FIT, plus aggregated-behaviour columns), in place from creation. */
  readonly baseScore: number;
  readonly fit: number;
  /** Kept-action points at their first occurrence, in time order, before the lead's cut-off. */
  readonly steps: ReadonlyArray<{ readonly at: number; readonly points: number }>;
  readonly status: "won" | "lost" | "open";
  readonly closedAt: number | null;
  /** When sales historically took the lead over (null if never). */
  readonly handoffAt: number | null;
}

/** Where a lead's running maximum score rose: the moments it first reached each level. */
export interface Trajectory {
  /** Strictly increasing running-maximum scores… */
  readonly levels: number[];
  /** …and when each was first reached. */
  readonly reachedAt: number[];
  /** FIT and PAIN at each of those moments. */
  readonly fitAt: number[];
  readonly painAt: number[];
}

/**
 * Replays a lead's score over time — FIT from creation, then each kept
 * action at its first occurrence — and records the first moment each new
 * running-maximum score was reached. The first moment a lead reaches a
 * threshold T is then the first entry with level ≥ T.
 */
export function replayTrajectory(lead: ReplayLead): Trajectory {
  const levels = [lead.baseScore];
  const reachedAt = [lead.createdAt];
  const fitAt = [lead.fit];
  const painAt = [lead.baseScore - lead.fit];
  let score = lead.baseScore;
  for (const step of lead.steps) {
    score += step.points;
    if (score > levels[levels.length - 1]) {
      levels.push(score);
      reachedAt.push(step.at);
      fitAt.push(lead.fit);
      painAt.push(score - lead.fit);
    }
  }
  return { levels, reachedAt, fitAt, painAt };
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
