import { normalCdf } from "../stats/normal-cdf.js";
import { explainNoThreshold } from "./choose-threshold.js";
import type { ReplayPoint } from "./replay-curve.js";

/** The replay-calibrated SDR-ready threshold, or why there is none. */
export interface CalibratedThreshold {
  readonly status: "in-band" | "no-threshold";
  readonly threshold: number | null;
  readonly point: ReplayPoint | null;
  readonly targetBand: { min: number; max: number };
  readonly explanation: string;
}

export interface ChooseCalibratedOptions {
  /** Fewest decided leads (won or failed, not censored) for a threshold to count. Default 30. */
  readonly minDecided?: number;
}

/**
 * The in-band threshold most likely to keep closing within the band: of the
 * thresholds whose replayed close rate sits in the target band, the one
 * whose true rate is most probably inside it, P(min ≤ p ≤ max) under the
 * normal approximation to its rate (rate ± its binomial standard error).
 * That favours rates near the band's middle and, between two equally near,
 * the one measured on more leads — so a threshold reached by 32 leads at
 * 12.5% does not beat one reached by 400 at 12.3%; exact ties go to the one
 * that sends more leads. With no threshold in the band, an explanation
 * (base rate above the band, signal too weak, rates jumping over it) and no number.
 */
export function chooseCalibratedThreshold(
  curve: readonly ReplayPoint[],
  targetBand: { min: number; max: number },
  options: ChooseCalibratedOptions = {},
): CalibratedThreshold {
  const minDecided = options.minDecided ?? 30;
  const eligible = curve.filter((p) => p.closeRate !== null && p.successes + p.failures >= minDecided);
  const inBand = eligible.filter((p) => (p.closeRate as number) >= targetBand.min && (p.closeRate as number) <= targetBand.max);
  const percent = (r: number) => `${(r * 100).toFixed(1)}%`;
  if (inBand.length > 0) {
    const chance = (p: ReplayPoint) => inBandProbability(p.closeRate as number, p.successes + p.failures, targetBand);
    const best = inBand.reduce((a, b) => {
      const pa = chance(a);
      const pb = chance(b);
      if (Math.abs(pa - pb) > 1e-12) return pb > pa ? b : a;
      return b.reached > a.reached ? b : a;
    });
    const ci = best.closeRateInterval;
    return {
      status: "in-band",
      threshold: best.threshold,
      point: best,
      targetBand,
      explanation:
        `Leads whose score reached ${best.threshold} were won within the sales cycle at ${percent(best.closeRate as number)} ` +
        `(${best.successes} of ${best.successes + best.failures}${ci ? `, 95% CI ${percent(ci.lower)}–${percent(ci.upper)}` : ""}), ` +
        `the in-band threshold most likely to stay in the ${percent(targetBand.min)}–${percent(targetBand.max)} band (about ${Math.round(chance(best) * 100)}% given its ${best.successes + best.failures} decided leads).`,
    };
  }
  const rated = [...eligible]
    .sort((a, b) => b.threshold - a.threshold)
    .map((p) => ({ score: p.threshold, leads: p.successes + p.failures, closeRate: p.closeRate as number }));
  return { status: "no-threshold", threshold: null, point: null, targetBand, explanation: explainNoThreshold(rated, targetBand, minDecided) };
}

/** P(min ≤ true rate ≤ max) for an observed `rate` on `decided` leads, by the normal approximation. */
function inBandProbability(rate: number, decided: number, band: { min: number; max: number }): number {
  const standardError = Math.sqrt((rate * (1 - rate)) / decided);
  if (standardError === 0) return rate >= band.min && rate <= band.max ? 1 : 0;
  return normalCdf((band.max - rate) / standardError) - normalCdf((band.min - rate) / standardError);
}
