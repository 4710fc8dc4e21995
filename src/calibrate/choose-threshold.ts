import { orderByValue } from "../stats/sorted-distinct.js";
import { wilsonInterval } from "../stats/wilson-interval.js";

/** Close rate of the leads at or above one candidate score. */
export interface ThresholdPoint {
  readonly score: number;
  readonly leads: number;
  readonly won: number;
  readonly closeRate: number;
}

/** The chosen SDR-ready threshold, or a plain explanation of why there is none. */
export interface ThresholdChoice {
  readonly status: "in-band" | "no-threshold";
  readonly score: number | null;
  readonly closeRate: number | null;
  readonly closeRateInterval: { lower: number; upper: number } | null;
  readonly leadsAtOrAbove: number;
  readonly wonAtOrAbove: number;
  readonly targetBand: { min: number; max: number };
  readonly explanation: string;
  /** The whole curve, highest score first, for reports. */
  readonly curve: ThresholdPoint[];
}

export interface ChooseThresholdOptions {
  /** Fewest leads at or above a threshold for its close rate to count. Default 30. */
  readonly minLeads?: number;
}

/**
 * The score whose leads at or above it close closest to the middle of the
 * target band (in-sample, on the training leads: the path for exports
 * without dates, where scores cannot be replayed); among equally close
 * ones, the lower (it sends sales more leads). The same rule as the replay
 * calibration. A threshold that passes a third of the leads or more barely
 * gates, and the explanation says so. When none lands in the band it
 * says why — base rate above the band, signal too weak, or rates that jump
 * over the band — and names the nearest achievable rates instead of
 * returning a meaningless number.
 * @example
 * // 100 leads scoring 0–99; 6 won, all in the top 40 (scores 63, 70, …, 98).
 * const scores = Array.from({ length: 100 }, (_, i) => i);
 * const won = scores.map((s) => (s >= 60 && s % 7 === 0 ? 1 : 0));
 * // 6 of the 48 leads at 52 or more: 12.5%, the middle of the band.
 * chooseThreshold(scores, won, { min: 0.1, max: 0.15 }) // { status: "in-band", score: 52, closeRate: 0.125, leadsAtOrAbove: 48, wonAtOrAbove: 6 }
 */
export function chooseThreshold(
  scores: ArrayLike<number>,
  won: ArrayLike<number>,
  targetBand: { min: number; max: number },
  options: ChooseThresholdOptions = {},
): ThresholdChoice {
  const minLeads = options.minLeads ?? 30;
  const curve = thresholdCurve(scores, won);
  const eligible = curve.filter((p) => p.leads >= minLeads);
  const inBand = eligible.filter((p) => p.closeRate >= targetBand.min && p.closeRate <= targetBand.max);
  const percent = (r: number) => `${(r * 100).toFixed(1)}%`;
  const band = `${percent(targetBand.min)}–${percent(targetBand.max)}`;
  if (inBand.length > 0) {
    const middle = (targetBand.min + targetBand.max) / 2;
    // inBand runs from the highest score down: on ties keep the later (lower) one.
    const chosen = inBand.reduce((best, p) => (Math.abs(p.closeRate - middle) <= Math.abs(best.closeRate - middle) ? p : best));
    const ci = wilsonInterval(chosen.won, chosen.leads);
    const share = chosen.leads / scores.length;
    const gating =
      share >= 1 / 3
        ? ` It passes ${percent(share)} of the leads, so it barely gates: the band sits near this export's base rate. Use the score to rank leads, or set a higher band (--target-close-rate).`
        : "";
    return {
      status: "in-band",
      score: chosen.score,
      closeRate: chosen.closeRate,
      closeRateInterval: { lower: ci.lower, upper: ci.upper },
      leadsAtOrAbove: chosen.leads,
      wonAtOrAbove: chosen.won,
      targetBand,
      explanation: `Leads scoring ${chosen.score} or more closed at ${percent(chosen.closeRate)} (${chosen.won} of ${chosen.leads}) on the training data, closest to the middle of the ${band} band.${gating}`,
      curve,
    };
  }
  return {
    status: "no-threshold",
    score: null,
    closeRate: null,
    closeRateInterval: null,
    leadsAtOrAbove: 0,
    wonAtOrAbove: 0,
    targetBand,
    explanation: explainNoThreshold(eligible, targetBand, minLeads),
    curve,
  };
}

/** A candidate threshold as the explanation sees it: its score, leads counted, close rate. */
export interface RatedThreshold {
  readonly score: number;
  readonly leads: number;
  readonly closeRate: number;
}

/**
 * Why no threshold lands in the band, in plain words with the options:
 * too few leads, base rate already above the band, signal too weak, or
 * close rates that jump over the band. `eligible` is ordered from the
 * highest threshold to the lowest (the last one includes every lead).
 */
export function explainNoThreshold(
  eligible: readonly RatedThreshold[],
  targetBand: { min: number; max: number },
  minLeads: number,
): string {
  const percent = (r: number) => `${(r * 100).toFixed(1)}%`;
  const band = `${percent(targetBand.min)}–${percent(targetBand.max)}`;
  if (eligible.length === 0) {
    return `Too few closed leads: no score has ${minLeads} or more decided leads at or above it. Add history or lower the minimum.`;
  }
  const all = eligible[eligible.length - 1];
  const best = eligible.reduce((a, b) => (b.closeRate > a.closeRate ? b : a));
  if (all.closeRate > targetBand.max) {
    const low = Math.ceil(all.closeRate * 20) / 20;
    return (
      `The base close rate is ${percent(all.closeRate)} (${all.leads} leads), already above the ${band} band, so every threshold closes above it. ` +
      `The band assumes a funnel of mostly unqualified leads; here leads are pre-qualified. Options: set a band above the base rate (e.g. --target-close-rate ${low.toFixed(2)}-${Math.min(1, low + 0.15).toFixed(2)}), or use the score to rank leads rather than to gate them.`
    );
  }
  if (best.closeRate === 0) {
    return (
      `No lead was counted as won at any threshold (${all.leads} decided leads at the lowest score, ${percent(0)} at every score): there is no signal to set a band on. ` +
      `Check the outcome mapping ("outcomes": { "values": … }) and, if wins must come within the sales cycle, the close and hand-off dates or calibration.salesCycleDays.`
    );
  }
  if (best.closeRate < targetBand.min) {
    const top = Math.floor(best.closeRate * 100) / 100;
    return (
      `The signal is too weak for the ${band} band: the best close rate any threshold reaches is ${percent(best.closeRate)} (score ${best.score}, ${best.leads} leads). ` +
      `Options: lower the band (e.g. --target-close-rate ${Math.max(0, top - 0.02).toFixed(2)}-${top.toFixed(2)}), track more pre-hand-off actions, or wait for more won deals.`
    );
  }
  const below = eligible.filter((p) => p.closeRate < targetBand.min).sort((a, b) => b.closeRate - a.closeRate)[0];
  const above = eligible.filter((p) => p.closeRate > targetBand.max).sort((a, b) => a.closeRate - b.closeRate)[0];
  const describe = (p: RatedThreshold | undefined) => (p ? `${percent(p.closeRate)} (score ${p.score}, ${p.leads} leads)` : "n/a");
  return `No threshold lands in the ${band} band: close rates jump from ${describe(below)} to ${describe(above)}. Widen the band or add actions that separate these leads.`;
}

/**
 * Close rate of the leads at or above each distinct score, highest score first.
 */
export function thresholdCurve(scores: ArrayLike<number>, won: ArrayLike<number>): ThresholdPoint[] {
  // By counting: a comparator sort of 1M indices took 0.5 s.
  const order = orderByValue(scores, true);
  const curve: ThresholdPoint[] = [];
  let leads = 0;
  let wonCount = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    leads += 1;
    wonCount += won[i] ? 1 : 0;
    if (k + 1 === order.length || scores[order[k + 1]] !== scores[i]) {
      curve.push({ score: scores[i], leads, won: wonCount, closeRate: wonCount / leads });
    }
  }
  return curve;
}
