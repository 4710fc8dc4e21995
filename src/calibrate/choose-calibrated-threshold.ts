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
  /** What a success is, for the explanation. Default "won within the sales cycle". */
  readonly outcome?: string;
}

/**
 * The in-band threshold most likely to keep closing within the band: of the
 * thresholds whose replayed close rate sits in the target band, those whose
 * true rate is (nearly, within 0.05) most probably inside it, P(min ≤ p ≤
 * max) under the normal approximation to the rate (rate ± its binomial
 * standard error); among them the one closest to the band's middle, then
 * the one that sends more leads. So a threshold reached by 32 leads at
 * 12.5% does not beat one reached by 400 at 12.3%, while among thresholds
 * measured on thousands the middle of the band still decides. With no
 * threshold in the band, an explanation (base rate above the band, signal
 * too weak, rates jumping over it) and no number.
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
    const likeliest = Math.max(...inBand.map(chance));
    // Thresholds nearly as likely to stay in the band as the likeliest are all sure enough: among them, the
    // one closest to the band's middle, then the one that sends more leads.
    const middle = (targetBand.min + targetBand.max) / 2;
    const best = inBand
      .filter((p) => chance(p) >= likeliest - NEARLY_AS_LIKELY)
      .reduce((a, b) => {
        const da = Math.abs((a.closeRate as number) - middle);
        const db = Math.abs((b.closeRate as number) - middle);
        if (Math.abs(da - db) > 1e-12) return db < da ? b : a;
        return b.reached > a.reached ? b : a;
      });
    const ci = best.closeRateInterval;
    return {
      status: "in-band",
      threshold: best.threshold,
      point: best,
      targetBand,
      explanation:
        `Leads whose score reached ${best.threshold} were ${options.outcome ?? "won within the sales cycle"} at ${percent(best.closeRate as number)} ` +
        `(${best.successes} of ${best.successes + best.failures}${ci ? `, 95% CI ${percent(ci.lower)}–${percent(ci.upper)}` : ""}), ` +
        `the in-band threshold most likely to stay in the ${percent(targetBand.min)}–${percent(targetBand.max)} band (about ${Math.round(chance(best) * 100)}% given its ${best.successes + best.failures} decided leads).`,
    };
  }
  const rated = [...eligible]
    .sort((a, b) => b.threshold - a.threshold)
    .map((p) => ({ score: p.threshold, leads: p.successes + p.failures, closeRate: p.closeRate as number }));
  return { status: "no-threshold", threshold: null, point: null, targetBand, explanation: explainNoThreshold(rated, targetBand, minDecided) };
}

/** How much less likely than the likeliest in-band threshold another may be and still count as sure enough. */
const NEARLY_AS_LIKELY = 0.05;

/** P(min ≤ true rate ≤ max) for an observed `rate` on `decided` leads, by the normal approximation. */
function inBandProbability(rate: number, decided: number, band: { min: number; max: number }): number {
  const standardError = Math.sqrt((rate * (1 - rate)) / decided);
  if (standardError === 0) return rate >= band.min && rate <= band.max ? 1 : 0;
  return normalCdf((band.max - rate) / standardError) - normalCdf((band.min - rate) / standardError);
}
