import type { CalibrationOptions } from "../config/config-schema.js";
import type { CrmData } from "../io/load-crm.js";
import { chooseCalibratedThreshold, type CalibratedThreshold } from "../calibrate/choose-calibrated-threshold.js";
import { fitCloseProbability, type CloseProbabilityMap } from "../calibrate/close-probability.js";
import { countQuadrants, type Quadrants } from "../calibrate/fit-pain-quadrants.js";
import { candidateThresholds, classifyOutcome, replayCurve, type ReplayPoint } from "../calibrate/replay-curve.js";
import { firstReaching, replayTrajectory, type ReplayLead, type Trajectory } from "../calibrate/replay-leads.js";
import { measureSalesCycle, type SalesCycle } from "../calibrate/sales-cycle.js";
import { max, min } from "simple-statistics";
import { fisherExactTwoSided } from "../stats/fisher-exact.js";
import { buildReplayLeads, dataEndOf } from "./build-replay-leads.js";
import type { TrainResult } from "./train-model.js";

const DAY_MS = 86_400_000;

/** Everything the replay calibration of one model on one export found. */
export interface ReplayCalibration {
  readonly salesCycle: SalesCycle | null;
  readonly windowDays: number;
  readonly windowSource: "config" | "measured-mean";
  readonly dataEndAt: string;
  readonly replayedLeads: number;
  readonly notReplayable: number;
  readonly curve: ReplayPoint[];
  readonly chosen: CalibratedThreshold;
  readonly capacity: CapacityCheck | null;
  readonly profileOnly: { readonly leads: number; readonly share: number; readonly withinLimit: boolean } | null;
  readonly quadrants: Quadrants | null;
  readonly velocity: VelocityEvidence | null;
  readonly probability: CloseProbabilityMap;
  readonly warnings: string[];
}

/** SDR-ready leads per day at the chosen threshold against the team's capacity. */
export interface CapacityCheck {
  readonly perDay: number;
  readonly capacityPerDay: number | null;
  /** Leads arriving in 48 hours, which a 48-hour follow-up promise must absorb. */
  readonly per48Hours: number;
  readonly withinCapacity: boolean | null;
  /** Lowest threshold whose flow fits the capacity (when the chosen one does not). */
  readonly fittingThreshold: { readonly threshold: number; readonly perDay: number; readonly closeRate: number | null } | null;
}

/** Do leads that get to SDR-ready fast close better? (score per day since creation at that moment) */
export interface VelocityEvidence {
  readonly medianPointsPerDay: number;
  readonly fast: { readonly leads: number; readonly won: number; readonly closeRate: number | null };
  readonly slow: { readonly leads: number; readonly won: number; readonly closeRate: number | null };
  readonly liftPoints: number | null;
  readonly pValue: number | null;
  readonly conclusion: string;
}

/** The replay trajectories behind a calibration (for out-of-time evaluation and reports). */
export interface ReplayState {
  readonly leads: ReplayLead[];
  readonly trajectories: Trajectory[];
  readonly windowMs: number;
  readonly dataEndAt: number;
}

/**
 * Calibrates a trained model by replaying every lead's score over time:
 * measures the sales cycle, builds the threshold curve, picks the threshold
 * closest to the middle of the band, checks capacity, profile-only share,
 * FIT/PAIN quadrants and velocity, and fits score → close probability.
 * Returns null when leads cannot be replayed (no creation dates).
 */
export function calibrateByReplay(
  crm: CrmData,
  trained: Pick<TrainResult, "model"> & { scores: { score: ArrayLike<number> }; population: { won: ArrayLike<number> } },
  targetBand: { min: number; max: number },
  options: CalibrationOptions,
  minLiftPoints: number,
): { calibration: ReplayCalibration; state: ReplayState } | null {
  const { leads, notReplayable } = buildReplayLeads(crm, trained.model);
  if (leads.length === 0) return null;
  const won = [...crm.outcomes.values()].filter((o) => o.status === "won");
  const createdAtOf = new Map(crm.leads.map((l) => [l.leadId, l.createdAt]));
  const salesCycle = measureSalesCycle(won.map((o) => ({ createdAt: createdAtOf.get(o.leadId) ?? null, handoffAt: o.handoffAt, closedAt: o.closedAt })));
  const windowDays = options.salesCycleDays ?? salesCycle?.meanDays ?? 90;
  const windowSource = options.salesCycleDays !== undefined ? "config" : "measured-mean";
  const dataEndAt = dataEndOf(crm);
  const trajectories = leads.map((lead) => replayTrajectory(lead, trained.model.decay));
  const created = leads.map((l) => l.createdAt);
  const spanDays = (max(created) - min(created)) / DAY_MS;
  const curveOptions = { windowDays, dataEndAt, spanDays };
  const curve = replayCurve(leads, trajectories, candidateThresholds(trajectories), curveOptions);
  const chosen = chooseCalibratedThreshold(curve, targetBand, { minDecided: options.minDecidedLeads });
  const warnings: string[] = [];
  if (salesCycle === null && options.salesCycleDays === undefined) {
    warnings.push("No won deal has the dates to measure the sales cycle; a 90-day window was assumed. Set calibration.salesCycleDays.");
  }
  if (chosen.status === "no-threshold") warnings.push(chosen.explanation);

  let capacity: CapacityCheck | null = null;
  let profileOnly: ReplayCalibration["profileOnly"] = null;
  let quadrants: Quadrants | null = null;
  let velocity: VelocityEvidence | null = null;
  if (chosen.threshold !== null && chosen.point) {
    const threshold = chosen.threshold;
    capacity = checkCapacity(chosen.point, curve, options.sdrCapacityPerDay ?? null);
    if (capacity.withinCapacity === false) {
      warnings.push(
        `The threshold sends ${capacity.perDay.toFixed(1)} SDR-ready leads a day, more than the ${capacity.capacityPerDay} the team can contact within 48 hours` +
          (capacity.fittingThreshold ? `; a threshold of ${capacity.fittingThreshold.threshold} fits (${capacity.fittingThreshold.perDay.toFixed(1)} a day).` : "; no threshold fits."),
      );
    }
    const onProfile = leads.filter((l) => l.fit >= threshold).length;
    profileOnly = { leads: onProfile, share: onProfile / leads.length, withinLimit: onProfile / leads.length <= options.maxProfileOnlyShare };
    if (!profileOnly.withinLimit) {
      warnings.push(
        `${(profileOnly.share * 100).toFixed(1)}% of leads are SDR-ready on profile alone (limit ${(options.maxProfileOnlyShare * 100).toFixed(0)}%): FIT should open the door, behaviour should carry leads through it. Lower the profile points or raise the threshold.`,
      );
    }
    const atReach = trajectories
      .map((t) => firstReaching(t, threshold))
      .map((k, i) => (k < 0 ? null : { fit: trajectories[i].fitAt[k], pain: trajectories[i].painAt[k] }))
      .filter((x): x is { fit: number; pain: number } => x !== null);
    quadrants = countQuadrants(atReach.map((x) => x.fit), atReach.map((x) => x.pain), threshold);
    if (quadrants.noShare !== null && quadrants.noShare > options.maxNoQuadrantShare) {
      warnings.push(
        `${(quadrants.noShare * 100).toFixed(1)}% of SDR-ready leads have bad FIT and low PAIN (limit ${(options.maxNoQuadrantShare * 100).toFixed(0)}%): the scoring needs adjusting.`,
      );
    }
    velocity = measureVelocity(leads, trajectories, threshold, windowDays * DAY_MS, dataEndAt, minLiftPoints);
  }
  const probability = fitCloseProbability(trained.scores.score, trained.population.won);
  return {
    calibration: {
      salesCycle,
      windowDays,
      windowSource,
      dataEndAt: new Date(dataEndAt).toISOString(),
      replayedLeads: leads.length,
      notReplayable,
      curve,
      chosen,
      capacity,
      profileOnly,
      quadrants,
      velocity,
      probability,
      warnings,
    },
    state: { leads, trajectories, windowMs: windowDays * DAY_MS, dataEndAt },
  };
}

/**
 * The replay outcome, at a fixed threshold, of leads not used to choose it
 * (the out-of-time hold-out), scored with the earlier model.
 */
export function evaluateThresholdOnReplay(state: ReplayState, threshold: number, spanDays: number): ReplayPoint {
  return replayCurve(state.leads, state.trajectories, [threshold], {
    windowDays: state.windowMs / DAY_MS,
    dataEndAt: state.dataEndAt,
    spanDays,
  })[0];
}

function checkCapacity(point: ReplayPoint, curve: readonly ReplayPoint[], capacityPerDay: number | null): CapacityCheck {
  const withinCapacity = capacityPerDay === null ? null : point.perDay <= capacityPerDay;
  const fitting =
    capacityPerDay === null || withinCapacity ? undefined : curve.find((p) => p.perDay <= capacityPerDay && p.threshold > point.threshold);
  return {
    perDay: point.perDay,
    capacityPerDay,
    per48Hours: point.perDay * 2,
    withinCapacity,
    fittingThreshold: fitting ? { threshold: fitting.threshold, perDay: fitting.perDay, closeRate: fitting.closeRate } : null,
  };
}

function measureVelocity(
  leads: readonly ReplayLead[],
  trajectories: readonly Trajectory[],
  threshold: number,
  windowMs: number,
  dataEndAt: number,
  minLiftPoints: number,
): VelocityEvidence | null {
  const rows: Array<{ speed: number; success: boolean }> = [];
  leads.forEach((lead, i) => {
    const k = firstReaching(trajectories[i], threshold);
    if (k < 0) return;
    const outcome = classifyOutcome(lead, trajectories[i].reachedAt[k], windowMs, dataEndAt);
    if (outcome === "censored") return;
    const days = Math.max(1, (trajectories[i].reachedAt[k] - lead.createdAt) / DAY_MS);
    rows.push({ speed: trajectories[i].levels[k] / days, success: outcome === "success" });
  });
  if (rows.length < 20) return null;
  const speeds = rows.map((r) => r.speed).sort((a, b) => a - b);
  const median = speeds[Math.floor(speeds.length / 2)];
  const fastRows = rows.filter((r) => r.speed > median);
  const slowRows = rows.filter((r) => r.speed <= median);
  const group = (g: typeof rows) => {
    const wonCount = g.filter((r) => r.success).length;
    return { leads: g.length, won: wonCount, closeRate: g.length > 0 ? wonCount / g.length : null };
  };
  const fast = group(fastRows);
  const slow = group(slowRows);
  if (fast.closeRate === null || slow.closeRate === null) {
    return { medianPointsPerDay: median, fast, slow, liftPoints: null, pValue: null, conclusion: "Too little spread in speed to compare fast and slow leads." };
  }
  const liftPoints = Math.round((fast.closeRate - slow.closeRate) * 100);
  const pValue = fisherExactTwoSided(fast.won, fast.leads - fast.won, slow.won, slow.leads - slow.won);
  const matters = Math.abs(liftPoints) >= minLiftPoints && pValue <= 0.05;
  const conclusion = matters
    ? `Leads faster than ${median.toFixed(1)} points a day close ${liftPoints > 0 ? "better" : "worse"} (${(fast.closeRate * 100).toFixed(1)}% vs ${(slow.closeRate * 100).toFixed(1)}%, p = ${pValue.toPrecision(2)}): velocity is worth ${liftPoints} points. Shown for review; not yet added to scores.`
    : `Speed to SDR-ready makes no reliable difference here (${(fast.closeRate * 100).toFixed(1)}% fast vs ${(slow.closeRate * 100).toFixed(1)}% slow, p = ${pValue.toPrecision(2)}); no velocity points.`;
  return { medianPointsPerDay: median, fast, slow, liftPoints, pValue, conclusion };
}
