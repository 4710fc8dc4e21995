/** One point of the cumulative gains curve. */
export interface GainsPoint {
  /** Share of leads taken, highest scores first (0–1). */
  readonly shareOfLeads: number;
  /** Share of all won deals among them (0–1). */
  readonly shareOfWon: number;
  /** shareOfWon / shareOfLeads; null at the origin, where it is undefined. */
  readonly lift: number | null;
}

/**
 * Cumulative gains at `steps` equal shares of leads (0, 1/steps, …, 1): the
 * share of won deals among the top-scored share of leads, and the lift over
 * random order. Leads with equal scores are split pro rata — a cut through
 * a group of tied leads takes that fraction of the group's won deals, the
 * expected value under a random order of ties — so the curve does not depend
 * on row order (the convention of scikit-plot's and R ROCR's tie handling).
 * Each share appears once; the curve ends at (1, 1). With no won deal, only
 * the origin.
 * @example cumulativeGains([3, 2, 2, 1], [1, 0, 1, 0], 4)[2] // { shareOfLeads: 0.5, shareOfWon: 0.75, lift: 1.5 }
 */
export function cumulativeGains(scores: ArrayLike<number>, won: ArrayLike<number>, steps = 20): GainsPoint[] {
  const n = scores.length;
  let totalWon = 0;
  for (let i = 0; i < n; i++) totalWon += won[i] ? 1 : 0;
  const points: GainsPoint[] = [{ shareOfLeads: 0, shareOfWon: 0, lift: null }];
  if (n === 0 || totalWon === 0) return points;
  // Tie groups, highest score first: how many leads and won deals each holds.
  const byScore = new Map<number, { leads: number; won: number }>();
  for (let i = 0; i < n; i++) {
    const group = byScore.get(scores[i]) ?? { leads: 0, won: 0 };
    group.leads += 1;
    group.won += won[i] ? 1 : 0;
    byScore.set(scores[i], group);
  }
  const groups = [...byScore.entries()].sort((a, b) => b[0] - a[0]).map(([, g]) => g);
  let g = 0;
  let leadsBefore = 0;
  let wonBefore = 0;
  for (let step = 1; step <= steps; step++) {
    const take = (step / steps) * n;
    while (g < groups.length && leadsBefore + groups[g].leads <= take) {
      leadsBefore += groups[g].leads;
      wonBefore += groups[g].won;
      g++;
    }
    const partial = g < groups.length ? ((take - leadsBefore) / groups[g].leads) * groups[g].won : 0;
    const shareOfLeads = step / steps;
    const shareOfWon = step === steps ? 1 : (wonBefore + partial) / totalWon;
    points.push({ shareOfLeads, shareOfWon, lift: shareOfWon / shareOfLeads });
  }
  return points;
}
