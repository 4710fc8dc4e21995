import { cochranMantelHaenszelTest, mantelHaenszelRiskDifference, type Stratum } from "../stats/mantel-haenszel.js";

const DAY_MS = 86_400_000;

/** The data's answer to "do this action's points fade?" */
export interface DecayEvidence {
  readonly action: string;
  readonly recent: { leads: number; won: number; closeRate: number | null };
  readonly old: { leads: number; won: number; closeRate: number | null };
  readonly medianAgeRecentDays: number;
  readonly medianAgeOldDays: number;
  readonly closeRateWithout: number | null;
  readonly pValue: number | null;
  readonly halfLifeDays: number | null;
  readonly source: "data" | "config" | "none";
  readonly conclusion: string;
}

/**
 * Estimates whether an action's value fades with its age at the cut-off:
 * among leads who did it, those whose last occurrence was recent (at or
 * below the median age relative to the lead's own exposure) against those
 * whose last occurrence was older, compared
 * within exposure-time strata — leads with long exposure (often lost ones)
 * naturally have older occurrences, which alone would fake a decay. When the
 * old group closes significantly worse (Cochran–Mantel–Haenszel, p ≤
 * `alpha`), the half-life follows from the lifts over the non-doers:
 * lift_old / lift_recent = 0.5^(Δage / H), so H = Δage · ln 2 / ln(lift_recent / lift_old),
 * with lift_old = lift_recent − (Mantel–Haenszel recent-vs-old difference);
 * when the old lift is gone (≤ 0), H = Δage / 2. Otherwise no decay.
 * @param lastAt per lead, the action's last occurrence before the cut-off (NaN when not done).
 */
export function estimateDecay(
  action: string,
  lastAt: ArrayLike<number>,
  cutoffAt: ArrayLike<number>,
  won: ArrayLike<number>,
  exposureDays: ArrayLike<number>,
  stratumOf: ArrayLike<number>,
  strataCount: number,
  alpha = 0.05,
): DecayEvidence {
  const ages: Array<{ age: number; relative: number; won: number; stratum: number }> = [];
  let withoutLeads = 0;
  let withoutWon = 0;
  for (let i = 0; i < won.length; i++) {
    if (Number.isNaN(lastAt[i])) {
      withoutLeads += 1;
      withoutWon += won[i];
    } else if (!Number.isNaN(cutoffAt[i])) {
      const age = (cutoffAt[i] - lastAt[i]) / DAY_MS;
      ages.push({ age, relative: exposureDays[i] > 0 ? age / exposureDays[i] : 0, won: won[i], stratum: stratumOf[i] });
    }
  }
  const closeRateWithout = withoutLeads > 0 ? withoutWon / withoutLeads : null;
  const none = (conclusion: string, partial: Partial<DecayEvidence> = {}): DecayEvidence => ({
    action,
    recent: { leads: 0, won: 0, closeRate: null },
    old: { leads: 0, won: 0, closeRate: null },
    medianAgeRecentDays: 0,
    medianAgeOldDays: 0,
    closeRateWithout,
    pValue: null,
    halfLifeDays: null,
    source: "none",
    conclusion,
    ...partial,
  });
  if (ages.length < 40 || closeRateWithout === null) return none("Too few leads with dated occurrences to tell whether the points fade.");
  // Split by age relative to the lead's exposure (how far back in its own history), so that long-exposure
  // leads are not all "old"; within exposure strata this is also close to a split by absolute age.
  const byRelative = [...ages].sort((a, b) => a.relative - b.relative);
  const cut = byRelative[Math.floor((byRelative.length - 1) / 2)].relative;
  const recentRows = ages.filter((x) => x.relative <= cut).sort((a, b) => a.age - b.age);
  const oldRows = ages.filter((x) => x.relative > cut).sort((a, b) => a.age - b.age);
  if (oldRows.length === 0) return none("Every occurrence has the same age: no spread to compare.");
  const group = (rows: typeof ages) => {
    const w = rows.reduce((s, r) => s + r.won, 0);
    return { leads: rows.length, won: w, closeRate: w / rows.length };
  };
  const recent = group(recentRows);
  const old = group(oldRows);
  const medianAge = (rows: typeof ages) => rows[Math.floor((rows.length - 1) / 2)].age;
  const medianAgeRecentDays = medianAge(recentRows);
  const medianAgeOldDays = medianAge(oldRows);
  const strata: Stratum[] = Array.from({ length: strataCount }, () => ({ exposedWon: 0, exposedTotal: 0, unexposedWon: 0, unexposedTotal: 0 }));
  for (const row of ages) {
    const s = strata[row.stratum] as { exposedWon: number; exposedTotal: number; unexposedWon: number; unexposedTotal: number };
    if (row.relative <= cut) {
      s.exposedTotal += 1;
      s.exposedWon += row.won;
    } else {
      s.unexposedTotal += 1;
      s.unexposedWon += row.won;
    }
  }
  const usable = strata.filter((s) => s.exposedTotal > 0 && s.unexposedTotal > 0);
  if (usable.length === 0) {
    return none("Recent and old occurrences never share an exposure stratum: their close rates cannot be compared like with like.", { recent, old, medianAgeRecentDays, medianAgeOldDays });
  }
  const difference = mantelHaenszelRiskDifference(usable).estimate;
  const pValue = cochranMantelHaenszelTest(usable).pValue;
  const base = { recent, old, medianAgeRecentDays, medianAgeOldDays, pValue };
  const liftRecent = recent.closeRate - closeRateWithout;
  const liftOld = liftRecent - difference;
  const gap = medianAgeOldDays - medianAgeRecentDays;
  if (!(pValue <= alpha) || !(difference > 0) || liftRecent <= 0 || gap <= 0) {
    return none(`No reliable fading: ${pct(recent.closeRate)} when last done ~${medianAgeRecentDays.toFixed(0)} days before hand-off vs ${pct(old.closeRate)} at ~${medianAgeOldDays.toFixed(0)} days (p = ${pValue.toPrecision(2)}); full points whatever the age.`, base);
  }
  const halfLifeDays = Math.max(1, liftOld > 0 ? (gap * Math.LN2) / Math.log(liftRecent / liftOld) : gap / 2);
  return {
    action,
    ...base,
    closeRateWithout,
    halfLifeDays,
    source: "data",
    conclusion: `Fades: ${pct(recent.closeRate)} when last done ~${medianAgeRecentDays.toFixed(0)} days before hand-off vs ${pct(old.closeRate)} at ~${medianAgeOldDays.toFixed(0)} days, ${(difference * 100).toFixed(1)} points apart among leads with as long to act (without it: ${pct(closeRateWithout)}; p = ${pValue.toPrecision(2)}): half-life ${halfLifeDays.toFixed(0)} days.`,
  };
}

function pct(rate: number | null): string {
  return rate === null ? "n/a" : `${(rate * 100).toFixed(1)}%`;
}
