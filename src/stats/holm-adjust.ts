/**
 * Holm–Bonferroni adjusted p-values (Holm 1979): step-down, monotone, capped
 * at 1 — the same values as statsmodels `multipletests(p, method="holm")`.
 * Controls the chance of any false "significant" action or profile value
 * across the whole family, which matters when dozens are tested at once.
 * Null entries (untestable) stay null and do not count toward the family size.
 * @example holmAdjust([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06]
 */
export function holmAdjust(pValues: ReadonlyArray<number | null>): Array<number | null> {
  const tested = pValues.map((p, i) => ({ p, i })).filter((x): x is { p: number; i: number } => x.p !== null);
  tested.sort((a, b) => a.p - b.p);
  const m = tested.length;
  const adjusted: Array<number | null> = pValues.map(() => null);
  let running = 0;
  tested.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
