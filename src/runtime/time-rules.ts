/**
 * How a score changes with time: decay of action points, the inactivity
 * penalty, the exit (a reset after a long gap) and velocity. Shared by the
 * runtime scorer and, through it, by training's replay, so both compute the
 * same score at the same moment.
 *
 * Every rule only lowers a score between events, except the exit, which can
 * also lift it (when it wipes negative points): so a lead's highest score is
 * reached just after an event or at an exit moment — replay evaluates exactly
 * those moments.
 */

export const DAY_MS = 86_400_000;

/**
 * Share of an action's points left after `ageMs`: 0.5^(age / half-life);
 * 1 without a half-life. Never above 1 and non-increasing in age, so an
 * older occurrence never counts more than a newer one.
 * @example decayFactor(30, 30 * 86_400_000) // 0.5
 */
export function decayFactor(halfLifeDays: number | undefined, ageMs: number): number {
  if (halfLifeDays === undefined || !(ageMs > 0)) return 1;
  return Math.pow(0.5, ageMs / (halfLifeDays * DAY_MS));
}

/**
 * An action's positive `points` faded over `ageMs` and rounded to one
 * decimal: exactly `roundScore(points * decayFactor(halfLifeDays, ageMs))`,
 * bit for bit (20 points half a half-life old: 20 · 0.5^0.5 = 14.142… → 14.1),
 * but about three times cheaper in the common case.
 *
 * `Math.exp(−ln 2 · h)` costs about a third of `Math.pow(0.5, h)`, yet the
 * two differ in the last bits for most `h`, which can move a value lying on
 * a rounding edge (x.x5) to the other tenth. So the exp result is used only
 * when it lies farther from every edge (k + ½ tenths) than the two could
 * differ: a relative margin of 1e-9, over ten thousand times the bound on
 * their difference for h ≤ 1000 (under 1e-13: `ln 2 · h` rounded, plus an
 * ulp from each function; the tests see under 1e-15). Closer to an edge, more than 1000
 * half-lives old (where the factor nears the subnormal range), for negative
 * points or odd inputs, it computes the `Math.pow` formula itself.
 * @example decayedPoints(20, 10, 5 * 86_400_000) // 14.1
 */
export function decayedPoints(points: number, halfLifeDays: number, ageMs: number): number {
  const halfLives = ageMs / (halfLifeDays * DAY_MS);
  if (points > 0 && halfLives > 0 && halfLives <= FAST_DECAY_MAX_HALF_LIVES) {
    const tenths = points * Math.exp(-Math.LN2 * halfLives) * 10;
    const fromEdge = Math.abs(tenths - Math.floor(tenths) - 0.5);
    if (fromEdge > tenths * FAST_DECAY_EDGE_MARGIN) {
      const rounded = Math.round(tenths) / 10;
      return rounded === 0 ? 0 : rounded;
    }
  }
  return roundScore(points * decayFactor(halfLifeDays, ageMs));
}

/** Beyond this many half-lives the factor (2⁻¹⁰⁰⁰ ≈ 1e-301) nears the subnormal range, where relative error bounds fail. */
const FAST_DECAY_MAX_HALF_LIVES = 1000;
/** Relative distance to a rounding edge under which exp's result is not trusted to round as pow's does. */
const FAST_DECAY_EDGE_MARGIN = 1e-9;

/** Scores carry one decimal once decay makes them fractional. */
export function roundScore(value: number): number {
  const rounded = Math.round(value * 10) / 10;
  return rounded === 0 ? 0 : rounded;
}

/**
 * Start of the activity episode that ends with the latest of `sortedTimes`:
 * walking back, consecutive activities at most `exitMs` apart belong to it;
 * a longer gap is an exit, and what came before it no longer counts.
 * @example
 * episodeStartOf([0, 5, 100, 103], 4, 10) // 100
 * // Only the first two times count: their episode starts at 0.
 * episodeStartOf([0, 5, 100, 103], 2, 10) // 0
 */
export function episodeStartOf(sortedTimes: ArrayLike<number>, count: number, exitMs: number): number {
  if (count === 0) return -Infinity;
  let start = sortedTimes[count - 1];
  for (let k = count - 2; k >= 0; k--) {
    if (start - sortedTimes[k] > exitMs) break;
    start = sortedTimes[k];
  }
  return start;
}

/** One kept action's occurrences within an episode (epoch ms). */
export interface Occurrences {
  readonly first: number;
  readonly last: number;
  readonly count: number;
}

/** A run of activity with no gap longer than the exit period (one episode when there is no exit rule). */
export interface Episode {
  readonly start: number;
  readonly end: number;
  /** Kept actions in the episode. */
  readonly actions: Readonly<Record<string, Occurrences>>;
}

/**
 * Episodes after one more activity at `at` (of kept `action`, or null for
 * any other event). Order-independent: an activity that bridges the gap
 * between two episodes merges them, so applying the same events in any
 * order gives the same episodes. `exitMs` null keeps a single episode.
 */
export function addActivity(episodes: readonly Episode[], at: number, action: string | null, exitMs: number | null): Episode[] {
  if (exitMs === null) return [addToSingleEpisode(episodes[0], at, action)];
  const joins = (gap: number) => exitMs === null || gap <= exitMs;
  let before = -1;
  while (before + 1 < episodes.length && episodes[before + 1].start <= at) before++;
  const previous = before >= 0 ? episodes[before] : null;
  const next = before + 1 < episodes.length ? episodes[before + 1] : null;
  const joinPrevious = previous !== null && (at <= previous.end || joins(at - previous.end));
  const joinNext = next !== null && joins(next.start - at);
  const single: Episode = { start: at, end: at, actions: action === null ? {} : { [action]: { first: at, last: at, count: 1 } } };
  const from = joinPrevious ? before : before + 1;
  const to = joinNext ? before + 1 : before;
  let merged = single;
  for (let k = from; k <= to; k++) merged = mergeEpisodes(merged, episodes[k]);
  return [...episodes.slice(0, from), merged, ...episodes.slice(to + 1)];
}

/** The hot path without an exit rule: one episode, one occurrence record updated. */
function addToSingleEpisode(episode: Episode | undefined, at: number, action: string | null): Episode {
  if (episode === undefined) return { start: at, end: at, actions: action === null ? {} : { [action]: { first: at, last: at, count: 1 } } };
  const start = at < episode.start ? at : episode.start;
  const end = at > episode.end ? at : episode.end;
  if (action === null) return { start, end, actions: episode.actions };
  const actions: Record<string, Occurrences> = {};
  for (const name of Object.keys(episode.actions)) setOwn(actions, name, episode.actions[name]);
  const mine = Object.hasOwn(actions, action) ? actions[action] : undefined;
  setOwn(
    actions,
    action,
    mine ? { first: at < mine.first ? at : mine.first, last: at > mine.last ? at : mine.last, count: mine.count + 1 } : { first: at, last: at, count: 1 },
  );
  return { start, end, actions };
}

/** Sets an own property even for a key like "__proto__", which plain assignment would treat as the prototype. */
function setOwn(record: Record<string, Occurrences>, key: string, value: Occurrences): void {
  if (key === "__proto__") Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

function mergeEpisodes(a: Episode, b: Episode): Episode {
  const actions: Record<string, Occurrences> = { ...a.actions };
  for (const [name, o] of Object.entries(b.actions)) {
    const mine = Object.hasOwn(actions, name) ? actions[name] : undefined;
    setOwn(actions, name, mine ? { first: Math.min(mine.first, o.first), last: Math.max(mine.last, o.last), count: mine.count + o.count } : o);
  }
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end), actions };
}
