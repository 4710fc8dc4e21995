import { computeLift, type LiftStats } from "../stats/lift.js";

/**
 * Lift of one profile value against its feature's reference level:
 * P(won | value) − P(won | reference), with Fisher's exact test, on the
 * leads that have either. Against the reference rather than against "all
 * other values": otherwise the two values of a two-level feature would each
 * earn the same gap, once up and once down — the profile counted twice.
 * `shareOfWon` stays the share of all won leads that have the value.
 * @example liftAgainstReference(Uint8Array.of(1, 0, 0, 0), ["vp", "vp", "ic", "ic"], "vp", "ic").lift // 0.5
 */
export function liftAgainstReference(won: ArrayLike<number>, values: readonly string[], value: string, reference: string): LiftStats {
  const subsetWon: number[] = [];
  const indicator: number[] = [];
  let totalWon = 0;
  for (let i = 0; i < values.length; i++) {
    totalWon += won[i];
    if (values[i] !== value && values[i] !== reference) continue;
    subsetWon.push(won[i]);
    indicator.push(values[i] === value ? 1 : 0);
  }
  const stats = computeLift(subsetWon, indicator, new Uint8Array(subsetWon.length), 1);
  return { ...stats, shareOfWon: totalWon > 0 ? stats.wonWith / totalWon : null };
}
