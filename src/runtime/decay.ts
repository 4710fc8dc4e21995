/**
 * Time decay of action points, shared by the runtime scorer and training's
 * replay so both compute the same score at the same moment.
 */

/** What a model says about fading points. */
export interface DecayRules {
  /** Half-life in days per action; actions not listed keep full points. */
  readonly halfLifeDays: Readonly<Record<string, number>>;
  /** Inactivity exit: with no kept action for this many days, behaviour points reset to 0 (FIT stays). Null: never. */
  readonly exitAfterDays: number | null;
}

const DAY_MS = 86_400_000;

/**
 * Share of an action's points left after `ageMs`: 0.5^(age / half-life),
 * 1 without a half-life. Never more than 1 and non-increasing in age, so an
 * older occurrence never counts more than a newer one.
 * @example decayFactor(30, 30 * 86_400_000) // 0.5
 */
export function decayFactor(halfLifeDays: number | undefined, ageMs: number): number {
  if (halfLifeDays === undefined || !(ageMs > 0)) return 1;
  return Math.pow(0.5, ageMs / (halfLifeDays * DAY_MS));
}

/** Whether behaviour points have reset for inactivity: no kept action in `exitAfterDays` before `atMs`. */
export function isInactive(exitAfterDays: number | null, lastActionAt: number, atMs: number): boolean {
  return exitAfterDays !== null && atMs - lastActionAt > exitAfterDays * DAY_MS;
}

/** Scores carry one decimal once decay makes them fractional. */
export function roundScore(value: number): number {
  return Math.round(value * 10) / 10;
}
