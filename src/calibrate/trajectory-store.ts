/**
 * Replayed score trajectories, every lead's in shared columns.
 *
 * Why columns: a trajectory is a handful of levels (about two on average),
 * and as an object with five pushed-to arrays it took about 1 KB of heap
 * (V8 gives an array 17 slots on its first push) — 0.9 GB at 1M leads, held
 * through calibration, and one of training's largest sources of garbage-
 * collection work. In columns a level takes 40 bytes and a lead 4.
 */

/** One lead's running-maximum score over time, as plain arrays (tests, one-lead replays). */
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
 * Trajectory `i`'s levels are the rows `start(i) … end(i) − 1` of the
 * columns; `levels` strictly increase within a trajectory.
 */
export class TrajectoryStore {
  constructor(
    private readonly starts: Int32Array,
    readonly levels: Float64Array,
    readonly reachedAt: Float64Array,
    readonly fitAt: Float64Array,
    readonly painAt: Float64Array,
    readonly actionAt: Float64Array,
  ) {}

  /** A store of the given trajectories, in order. */
  static from(trajectories: readonly Trajectory[]): TrajectoryStore {
    const builder = new TrajectoryBuilder();
    for (const t of trajectories) {
      t.levels.forEach((level, j) => builder.add(level, t.reachedAt[j], t.fitAt[j], t.painAt[j], t.actionAt[j]));
      builder.end();
    }
    return builder.finish();
  }

  /** Number of trajectories. */
  get size(): number {
    return this.starts.length - 1;
  }

  /** Row of trajectory `i`'s first level. */
  start(i: number): number {
    return this.starts[i];
  }

  /** Row after trajectory `i`'s last level. */
  end(i: number): number {
    return this.starts[i + 1];
  }

  /** FIT at trajectory `i`'s first level: at creation in a replay, what the profile alone gives (after the model's cap). */
  initialFit(i: number): number {
    return this.fitAt[this.starts[i]];
  }

  /** Row of trajectory `i`'s first level ≥ threshold, or −1 when it never reaches it. */
  firstReaching(i: number, threshold: number): number {
    let low = this.starts[i];
    let high = this.starts[i + 1];
    const end = high;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.levels[mid] >= threshold) high = mid;
      else low = mid + 1;
    }
    return low < end ? low : -1;
  }

  /** Trajectory `i` as plain arrays. */
  trajectory(i: number): Trajectory {
    const rows = (column: Float64Array) => Array.from(column.subarray(this.starts[i], this.starts[i + 1]));
    return { levels: rows(this.levels), reachedAt: rows(this.reachedAt), fitAt: rows(this.fitAt), painAt: rows(this.painAt), actionAt: rows(this.actionAt) };
  }

  /**
   * The store with trajectory `i`'s levels transformed by `level(value, i)`
   * and its FIT moved by `fitShift(i)` (the FIT cap's what-if; the levels
   * must stay strictly increasing, as a constant shift keeps them).
   */
  shifted(level: (value: number, i: number) => number, fitShift: (i: number) => number): TrajectoryStore {
    const levels = new Float64Array(this.levels.length);
    const fitAt = new Float64Array(this.fitAt.length);
    for (let i = 0; i < this.size; i++) {
      const shift = fitShift(i);
      for (let r = this.starts[i]; r < this.starts[i + 1]; r++) {
        levels[r] = shift === 0 ? this.levels[r] : level(this.levels[r], i);
        fitAt[r] = this.fitAt[r] + shift;
      }
    }
    return new TrajectoryStore(this.starts, levels, this.reachedAt, fitAt, this.painAt, this.actionAt);
  }
}

/** Builds a `TrajectoryStore` one trajectory at a time: `add` its levels, then `end` it. */
export class TrajectoryBuilder {
  private starts = new Int32Array(64);
  private count = 0;
  private rows = 0;
  private columns = Array.from({ length: 5 }, () => new Float64Array(64));

  /** Appends a level to the current trajectory. */
  add(level: number, reachedAt: number, fit: number, pain: number, action: number): void {
    if (this.rows === this.columns[0].length) this.columns = this.columns.map((c) => grown(c, this.rows * 2));
    const [levels, at, fits, pains, actions] = this.columns;
    levels[this.rows] = level;
    at[this.rows] = reachedAt;
    fits[this.rows] = fit;
    pains[this.rows] = pain;
    actions[this.rows] = action;
    this.rows += 1;
  }

  /** Levels in the current trajectory so far. */
  get currentLength(): number {
    return this.rows - this.starts[this.count];
  }

  /** The current trajectory's latest level (call only when `currentLength` > 0). */
  get lastLevel(): number {
    return this.columns[0][this.rows - 1];
  }

  /** Closes the current trajectory (its index is the number ended before it). */
  end(): void {
    if (this.count + 2 > this.starts.length) this.starts = grown(this.starts, this.starts.length * 2);
    this.count += 1;
    this.starts[this.count] = this.rows;
  }

  /** The store of the ended trajectories, in columns of their exact size. */
  finish(): TrajectoryStore {
    if (this.currentLength > 0) throw new Error("TrajectoryBuilder.finish: the last trajectory was not ended.");
    const [levels, at, fits, pains, actions] = this.columns.map((c) => c.slice(0, this.rows));
    return new TrajectoryStore(this.starts.slice(0, this.count + 1), levels, at, fits, pains, actions);
  }
}

function grown<T extends Float64Array | Int32Array>(column: T, length: number): T {
  const bigger = new (column.constructor as new (n: number) => T)(Math.max(length, 64));
  bigger.set(column);
  return bigger;
}
