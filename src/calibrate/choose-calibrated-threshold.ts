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
 * The threshold whose replayed close rate sits in the target band, closest
 * to the band's middle; among equally close ones, the one that sends more
 * leads. With no threshold in the band, an explanation (base rate above the
 * band, signal too weak, rates jumping over it) and no number.
 */
export function chooseCalibratedThreshold(
  curve: readonly ReplayPoint[],
  targetBand: { min: number; max: number },
  options: ChooseCalibratedOptions = {},
): CalibratedThreshold {
  const minDecided = options.minDecided ?? 30;
  const middle = (targetBand.min + targetBand.max) / 2;
  const eligible = curve.filter((p) => p.closeRate !== null && p.successes + p.failures >= minDecided);
  const inBand = eligible.filter((p) => (p.closeRate as number) >= targetBand.min && (p.closeRate as number) <= targetBand.max);
  const percent = (r: number) => `${(r * 100).toFixed(1)}%`;
  if (inBand.length > 0) {
    const best = inBand.reduce((a, b) => {
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
        `Leads whose score reached ${best.threshold} were won within the sales cycle at ${percent(best.closeRate as number)} ` +
        `(${best.successes} of ${best.successes + best.failures}${ci ? `, 95% CI ${percent(ci.lower)}–${percent(ci.upper)}` : ""}), ` +
        `closest to the middle of the ${percent(targetBand.min)}–${percent(targetBand.max)} band.`,
    };
  }
  const rated = [...eligible]
    .sort((a, b) => b.threshold - a.threshold)
    .map((p) => ({ score: p.threshold, leads: p.successes + p.failures, closeRate: p.closeRate as number }));
  return { status: "no-threshold", threshold: null, point: null, targetBand, explanation: explainNoThreshold(rated, targetBand, minDecided) };
}
