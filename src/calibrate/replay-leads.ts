import { decayFactor, roundScore, type DecayRules } from "../runtime/decay.js";

/** One lead's history for replay: when its score could change, and what became of it. */
export interface ReplayLead {
  readonly createdAt: number;
  /** Score from profile alone (FIT, plus aggregated-behaviour columns), in place from creation. */
  readonly baseScore: number;
  readonly fit: number;
  /** Every occurrence of a kept action before the lead's cut-off, in time order, with the action's full points. */
  readonly steps: ReadonlyArray<{ readonly at: number; readonly action: string; readonly points: number }>;
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
 * Replays a lead's score over time — profile from creation, then each kept
 * action from its first occurrence, with points fading from its latest
 * occurrence when the model has decay rules — and records the first moment
 * each new running-maximum score was reached. Decay only lowers a score
 * between events, so a maximum is always reached just after an event; the
 * score there is computed exactly as the runtime does (same decay, same
 * rounding). The first moment a lead reaches a threshold T is then the
 * first entry with level ≥ T.
 */
export function replayTrajectory(lead: ReplayLead, decay: DecayRules | null = null): Trajectory {
  const levels = [lead.baseScore];
  const reachedAt = [lead.createdAt];
  const fitAt = [lead.fit];
  const painAt = [lead.baseScore - lead.fit];
  const profilePain = lead.baseScore - lead.fit;
  const last = new Map<string, { at: number; points: number }>();
  for (let k = 0; k < lead.steps.length; k++) {
    const step = lead.steps[k];
    last.set(step.action, { at: step.at, points: step.points });
    if (k + 1 < lead.steps.length && lead.steps[k + 1].at === step.at) continue;
    const atMs = step.at + 1;
    let actionPain = 0;
    for (const [action, occurrence] of last) {
      actionPain += roundScore(occurrence.points * decayFactor(decay?.halfLifeDays[action], atMs - occurrence.at));
    }
    const pain = roundScore(profilePain + actionPain);
    const score = roundScore(lead.fit + pain);
    if (score > levels[levels.length - 1]) {
      levels.push(score);
      reachedAt.push(step.at);
      fitAt.push(lead.fit);
      painAt.push(pain);
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
