/** FIT/PAIN quadrants of the SDR-ready leads. */
export interface Quadrants {
  /** Good FIT and high PAIN: the leads sales wants. */
  readonly yes: number;
  /** One of the two low. */
  readonly maybe: number;
  /** Bad FIT and low PAIN: should not be SDR-ready; above 5% the scoring needs adjusting. */
  readonly no: number;
  readonly total: number;
  readonly noShare: number | null;
  /** The cut-offs used, so the report can state them. */
  readonly goodFitAtLeast: number;
  readonly highPainAtLeast: number;
}

/**
 * Counts SDR-ready leads by quadrant from their FIT and PAIN at the moment
 * they became SDR-ready. Good FIT = FIT above zero (the profile adds points
 * on balance); high PAIN = PAIN of at least half the threshold (behaviour
 * carries at least half the way). Both cut-offs are reported.
 */
export function countQuadrants(
  fit: readonly number[],
  pain: readonly number[],
  threshold: number,
): Quadrants {
  const goodFitAtLeast = 1;
  const highPainAtLeast = threshold / 2;
  let yes = 0;
  let maybe = 0;
  let no = 0;
  for (let i = 0; i < fit.length; i++) {
    const goodFit = fit[i] >= goodFitAtLeast;
    const highPain = pain[i] >= highPainAtLeast;
    if (goodFit && highPain) yes += 1;
    else if (goodFit || highPain) maybe += 1;
    else no += 1;
  }
  const total = fit.length;
  return { yes, maybe, no, total, noShare: total > 0 ? no / total : null, goodFitAtLeast, highPainAtLeast };
}
