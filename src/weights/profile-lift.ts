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
  // Typed arrays rather than growing plain ones: this runs once per profile value over every training lead.
  const subsetWon = new Float64Array(values.length);
  const indicator = new Uint8Array(values.length);
  let length = 0;
  let totalWon = 0;
  for (let i = 0; i < values.length; i++) {
    totalWon += won[i];
    const v = values[i];
    if (v !== value && v !== reference) continue;
    subsetWon[length] = won[i];
    indicator[length++] = v === value ? 1 : 0;
  }
  const stats = computeLift(subsetWon.subarray(0, length), indicator.subarray(0, length), new Uint8Array(length), 1);
  return { ...stats, shareOfWon: totalWon > 0 ? stats.wonWith / totalWon : null };
}
