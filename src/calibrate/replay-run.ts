import { quantile } from "simple-statistics";
import type { CalibrationOptions } from "../config/config-schema.js";
import type { CrmData } from "../io/load-crm.js";
import { chooseCalibratedThreshold, type CalibratedThreshold } from "./choose-calibrated-threshold.js";
import { candidateThresholds, replayCurve, type ReplayPoint } from "./replay-curve.js";
import { measureSalesCycle, type SalesCycle, type WonTiming } from "./sales-cycle.js";
import { replayLeads, type ReplayedLeads } from "./build-replay-leads.js";
import { leadColumns, STATUS_WON } from "./lead-columns.js";
import type { ModelV1 } from "../model/types.js";

const DAY_MS = 86_400_000;

/** What every replay of one export shares: the sales-cycle window and the end of the data. */
export interface ReplayContext {
  readonly salesCycle: SalesCycle | null;
  readonly windowDays: number;
  /**
   * Where the window comes from; "no-close-dates" when no won deal has a close
   * date: who was won is known, not when, so the window is not applied and any
   * win of a lead that reached a threshold counts (see classifyOutcome).
   */
  readonly windowSource: "config" | "measured-mean" | "no-close-dates";
  /** The end of the export (epoch ms): windows running past it are censored. */
  readonly dataEndAt: number;
  /**
   * Days a won deal takes from creation to close (90th percentile, or config): younger leads are too recent to judge.
   * Null when no won deal has a close date (and none is configured): the export records final outcomes, not
   * when they came, so no lead is too recent to judge.
   */
  readonly maturityDays: number | null;
  /** dataEndAt − maturityDays: leads created from then on are censored (Infinity: none is). */
  readonly matureBefore: number;
}

/** One model replayed on one export: trajectories, the threshold curve and the in-band choice. */
export interface ReplayRun {
  readonly replayed: ReplayedLeads;
  readonly curve: ReplayPoint[];
  readonly chosen: CalibratedThreshold;
  /** Days spanned by the replayed leads' creation dates (for per-day rates). */
  readonly spanDays: number;
}

/** The sales-cycle window and data end of an export (config overrides the measured mean). */
export function replayContext(crm: CrmData, options: Pick<CalibrationOptions, "salesCycleDays" | "maturityDays">): ReplayContext {
  const { salesCycle, dataEndAt, measuredMaturityDays, wonCloseDates } = measureExport(crm);
  const maturityDays = options.maturityDays ?? measuredMaturityDays ?? (wonCloseDates ? 0 : null);
  return {
    salesCycle,
    windowDays: options.salesCycleDays ?? salesCycle?.meanDays ?? 90,
    windowSource: !wonCloseDates ? "no-close-dates" : options.salesCycleDays !== undefined ? "config" : "measured-mean",
    dataEndAt,
    maturityDays,
    matureBefore: maturityDays === null ? Infinity : dataEndAt - maturityDays * DAY_MS,
  };
}

/** What an export's dates say, measured once per export (every calibration round of a training asks again). */
const measured = new WeakMap<CrmData, ExportDates>();

interface ExportDates {
  readonly salesCycle: SalesCycle | null;
  readonly dataEndAt: number;
  readonly measuredMaturityDays: number | null;
  /** Whether any won deal has a close date (false: none is won in the export, or none says when). */
  readonly wonCloseDates: boolean;
}

function measureExport(crm: CrmData): ExportDates {
  let found = measured.get(crm);
  if (found) return found;
  const columns = leadColumns(crm);
  // Won deals in the outcomes' order (their mean's float sum depends on it), with their leads' creation dates.
  const createdAtOfWon = new Map<string, number | null>();
  crm.leads.forEach((lead, i) => {
    if (columns.status[i] === STATUS_WON) createdAtOfWon.set(lead.leadId, lead.createdAt);
  });
  const won = [...crm.outcomes.values()].filter((o) => o.status === "won");
  const timings = won.map((o) => ({ createdAt: createdAtOfWon.get(o.leadId) ?? null, handoffAt: o.handoffAt, closedAt: o.closedAt }));
  found = {
    salesCycle: measureSalesCycle(timings),
    dataEndAt: columns.dataEndAt,
    measuredMaturityDays: measureMaturityDays(timings),
    wonCloseDates: won.length === 0 || won.some((o) => o.closedAt !== null),
  };
  measured.set(crm, found);
  return found;
}

/**
 * 90th percentile of days from creation to close of won deals: how long a
 * lead must have existed before its outcome can be judged. Null without dates.
 */
function measureMaturityDays(won: readonly WonTiming[]): number | null {
  const days: number[] = [];
  for (const o of won) {
    if (o.closedAt !== null && o.createdAt !== null && o.closedAt >= o.createdAt) days.push((o.closedAt - o.createdAt) / DAY_MS);
  }
  return days.length > 0 ? quantile(days, 0.9) : null;
}

/**
 * Replays `model` on `crm` and chooses the in-band threshold most likely to
 * stay in the band (see chooseCalibratedThreshold); null when no lead can be
 * replayed (no creation dates).
 */
export function runReplay(crm: CrmData, model: ModelV1, context: ReplayContext, band: { min: number; max: number }, minDecided: number): ReplayRun | null {
  const replayed = replayLeads(crm, model);
  if (replayed.leads.length === 0) return null;
  let firstAt = Infinity;
  let lastAt = -Infinity;
  for (const lead of replayed.leads) {
    firstAt = Math.min(firstAt, lead.createdAt);
    lastAt = Math.max(lastAt, lead.createdAt);
  }
  const spanDays = Math.max(1, (lastAt - firstAt) / DAY_MS);
  const curve = replayCurve(replayed.leads, replayed.trajectories, candidateThresholds(replayed.trajectories), { ...context, spanDays });
  const outcome = context.windowSource === "no-close-dates" ? "won (when is unknown: the export has no close dates)" : "won within the sales cycle";
  return { replayed, curve, chosen: chooseCalibratedThreshold(curve, band, { minDecided, outcome }), spanDays };
}

/** The replay outcome at a fixed threshold (the out-of-time hold-out, or a report on new data). */
export function evaluateThresholdOnReplay(run: ReplayRun, threshold: number, context: ReplayContext): ReplayPoint {
  return replayCurve(run.replayed.leads, run.replayed.trajectories, [threshold], { ...context, spanDays: run.spanDays })[0];
}
