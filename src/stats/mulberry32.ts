/**
 * A seeded pseudo-random source in [0, 1): mulberry32 (Tommy Ettinger's
 * 32-bit generator), small and fast, good enough for simulation, sampling
 * and benchmarks — not for anything secret. Same seed, same sequence.
 * @example
 * const random = mulberry32(42);
 * random() // 0.6011037519201636
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
