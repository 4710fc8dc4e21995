import { mulberry32 } from "../stats/mulberry32.js";

/**
 * A seeded pseudo-random source (mulberry32) with the draws the simulator
 * needs. Deterministic: the same seed gives the same export, byte for byte.
 */
export class SeededRandom {
  private readonly source: () => number;

  constructor(seed: number) {
    this.source = mulberry32(seed);
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.source();
  }

  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** One of `options` ([value, weight] pairs), with probability proportional to its weight; one draw. */
  weighted<T>(options: ReadonlyArray<readonly [T, number]>): T {
    let u = this.next() * options.reduce((sum, [, weight]) => sum + weight, 0);
    for (const [value, weight] of options) {
      u -= weight;
      if (u < 0) return value;
    }
    return options[options.length - 1][0];
  }

  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate: number): number {
    return -Math.log(1 - this.next()) / rate;
  }

  /** Standard normal by Box–Muller. */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and log-scale spread. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
}
