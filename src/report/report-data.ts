import { max, min } from "simple-statistics";
import type { LeadliftConfig } from "../config/config-schema.js";
import { probabilityAt } from "../calibrate/close-probability.js";
import { evaluateProbabilities, type ProbabilityQuality } from "../calibrate/evaluate-probabilities.js";
import { buildTrainingPopulation } from "../features/training-population.js";
import type { CrmData } from "../io/load-crm.js";
import { evaluateByReplay, type ReplayCalibration, type ReplayEvaluation } from "../model/calibrate-model.js";
import { scoreAtCutoff } from "../model/score-at-cutoff.js";
import type { ModelV1 } from "../model/types.js";
import { populationStabilityIndex, psiBand } from "../stats/population-stability-index.js";
import { wilsonInterval } from "../stats/wilson-interval.js";
import { shareByBin } from "../weights/score-distribution.js";
import type { ReplayPoint } from "../calibrate/replay-curve.js";

const DAY_MS = 86_400_000;

/** Everything a calibration report shows, as numbers; renderers only format it. */
export interface ReportData {
  readonly generatedAt: string;
  readonly model: { readonly createdAt: string; readonly toolVersion: string; readonly mode: string; readonly threshold: number | null; readonly targetBand: { min: number; max: number } };
  readonly verdict: { readonly status: "in-band" | "below-band" | "above-band" | "no-threshold" | "not-checked"; readonly text: string };
  readonly data: {
    readonly files: CrmData["files"];
    readonly issueCounts: Record<string, number>;
    readonly won: number;
    readonly lost: number;
    readonly openExcluded: number;
    readonly dateRange: { from: string; to: string } | null;
    readonly timestamps: CrmData["timestamps"];
  };
  /** Replay of this data under the model: close rate within the sales cycle at each threshold. */
  readonly thresholdCurve: Array<{ threshold: number; closeRate: number | null; lower: number | null; upper: number | null; reached: number; decided: number; perDay: number; wonCaptured: number }>;
  /** The model's threshold applied to this data. */
  readonly atThreshold: ReplayPoint | null;
  readonly salesCycleDays: number | null;
  readonly scoreBands: Array<{ band: string; from: number; to: number; leads: number; won: number; closeRate: number; lower: number; upper: number }>;
  readonly gains: Array<{ shareOfLeads: number; shareOfWon: number; lift: number }>;
  readonly reliability: ProbabilityQuality | null;
  readonly distributions: Array<{ outcome: "won" | "lost"; from: number; to: number; leads: number }>;
  readonly actions: Array<{
    action: string; category: string | null; points: number; lift: number | null; lower: number | null; upper: number | null;
    leads: number; shareOfWon: number | null; pValue: number | null; adjustedPValue: number | null; kept: boolean; reason: string | null;
  }>;
  readonly quadrants: ReplayCalibration["quadrants"];
  readonly capacity: ReplayCalibration["capacity"];
  readonly profileOnly: ReplayEvaluation["profileOnly"];
  /** Velocity evidence from training, and the rule the model applies. */
  readonly velocity: ReplayCalibration["velocity"];
  /** Decay, inactivity and FIT-cap rules of the model, with their evidence from training. */
  readonly timeRules: {
    readonly halfLifeDays: Record<string, number>;
    readonly decayEvidence: Array<{ action: string; halfLifeDays: number | null; conclusion: string }>;
    readonly inactivity: { days: number; points: number } | null;
    readonly inactivityConclusion: string | null;
    readonly exitAfterDays: number | null;
    readonly fitCap: number | null;
    readonly fitCapNote: string | null;
  };
  readonly drift: DriftData | null;
  readonly warnings: string[];
}

/** Drift against the model's training data, and changes against a previous model. */
export interface DriftData {
  readonly scorePsi: number | null;
  readonly scorePsiBand: string | null;
  readonly features: Array<{ feature: string; psi: number; band: string }>;
  readonly previous: {
    readonly createdAt: string;
    readonly added: string[];
    readonly dropped: string[];
    readonly reweighted: Array<{ action: string; from: number; to: number }>;
    readonly thresholdFrom: number | null;
    readonly thresholdTo: number | null;
    readonly metrics: Array<{ model: "current" | "previous"; auc: number | null; brier: number | null; closeRateAtThreshold: number | null; decided: number }>;
  } | null;
}

/**
 * Computes the calibration report for `model` on an export (typically the
 * latest month's): the replayed threshold curve on this data, close rate by
 * score band, cumulative gains, reliability, score distributions of won and
 * lost leads, the action table, FIT/PAIN quadrants, capacity, velocity, and
 * drift against the training data and against a previous model.
 */
export function reportData(model: ModelV1, crm: CrmData, config: LeadliftConfig, options: { now: Date; previous?: ModelV1 }): ReportData {
  const population = buildTrainingPopulation(crm, model.training.observationWindowDays);
  const scores = scoreAtCutoff(crm, population, model).score;
  const band = model.threshold.targetBand;
  const replay = evaluateByReplay(crm, model, config.calibration);
  const threshold = model.threshold.score;
  const atThreshold = replay?.atThreshold ?? null;
  const won = population.won;
  const probabilities = model.probability ? Array.from(scores, (s) => probabilityAt(model.probability!, s)) : null;
  const hasBoth = population.counts.won > 0 && population.counts.lost > 0;
  return {
    generatedAt: options.now.toISOString(),
    model: { createdAt: model.createdAt, toolVersion: model.toolVersion, mode: model.mode, threshold, targetBand: band },
    verdict: verdictOf(model, atThreshold),
    data: {
      files: crm.files,
      issueCounts: crm.issueCounts,
      won: population.counts.won,
      lost: population.counts.lost,
      openExcluded: population.counts.openExcluded,
      dateRange: dateRangeOf(crm),
      timestamps: crm.timestamps,
    },
    thresholdCurve: (replay?.run.curve ?? []).filter((p) => p.reached > 0).map((p) => ({
      threshold: p.threshold,
      closeRate: p.closeRate,
      lower: p.closeRateInterval?.lower ?? null,
      upper: p.closeRateInterval?.upper ?? null,
      reached: p.reached,
      decided: p.successes + p.failures,
      perDay: p.perDay,
      wonCaptured: p.wonCaptured,
    })),
    atThreshold,
    salesCycleDays: replay?.context.windowDays ?? null,
    scoreBands: scoreBands(scores, won),
    gains: cumulativeGains(scores, won),
    reliability: probabilities && hasBoth ? evaluateProbabilities(probabilities, won) : null,
    distributions: distributions(scores, won),
    actions: model.actions.map((a) => ({
      action: a.action,
      category: a.category,
      points: a.points,
      lift: a.stats.adjustedLift,
      lower: a.stats.adjustedLiftInterval?.lower ?? null,
      upper: a.stats.adjustedLiftInterval?.upper ?? null,
      leads: a.stats.leadsWith,
      shareOfWon: a.stats.shareOfWon,
      pValue: a.stats.pValue,
      adjustedPValue: a.adjustedPValue,
      kept: a.kept,
      reason: a.dropReason,
    })),
    quadrants: replay?.quadrants ?? null,
    capacity: replay?.capacity ?? null,
    profileOnly: replay?.profileOnly ?? null,
    velocity: model.calibration?.velocity ?? null,
    timeRules: {
      halfLifeDays: model.decay?.halfLifeDays ?? {},
      decayEvidence: (model.decay?.evidence ?? []).map((e) => ({ action: e.action, halfLifeDays: e.halfLifeDays, conclusion: e.conclusion })),
      inactivity: model.decay?.inactivity ?? null,
      inactivityConclusion: model.decay?.inactivityEvidence?.conclusion ?? null,
      exitAfterDays: model.decay?.exitAfterDays ?? null,
      fitCap: model.profile.fitCap,
      fitCapNote: model.calibration?.profileOnly?.note ?? null,
    },
    drift: driftOf(model, crm, population, scores, options.previous),
    warnings: replay?.warnings ?? [],
  };
}

function verdictOf(model: ModelV1, point: ReplayPoint | null): ReportData["verdict"] {
  const band = model.threshold.targetBand;
  const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
  const bandText = `${pct(band.min)}–${pct(band.max)}`;
  if (model.threshold.score === null) {
    return { status: "no-threshold", text: `The model has no SDR-ready threshold: ${model.threshold.explanation}` };
  }
  if (!point || point.closeRate === null) {
    return { status: "not-checked", text: `Leads in this data cannot be replayed (no creation dates) or none reached the threshold of ${model.threshold.score}; the threshold could not be checked.` };
  }
  const decided = point.successes + point.failures;
  const ci = point.closeRateInterval;
  const measured = `Leads that reached ${model.threshold.score} points closed within the sales cycle at ${pct(point.closeRate)} (${point.successes} of ${decided}${ci ? `, 95% CI ${pct(ci.lower)}–${pct(ci.upper)}` : ""})`;
  const oot = model.validation?.outOfTime;
  const held = oot?.status === "checked" && oot.heldOut?.closeRate != null ? ` Out-of-time at training, the same procedure gave ${pct(oot.heldOut.closeRate)} on later leads.` : "";
  if (point.closeRate < band.min) {
    return { status: "below-band", text: `${measured}, below the ${bandText} band: SDRs are getting leads that were not nurtured enough. Raise the threshold or retrain.${held}` };
  }
  if (point.closeRate > band.max) {
    return { status: "above-band", text: `${measured}, above the ${bandText} band: leads wait too long for sales. Lower the threshold if SDRs have capacity.${held}` };
  }
  return { status: "in-band", text: `${measured}, inside the ${bandText} band: keep the threshold.${held}` };
}

function scoreBands(scores: Float64Array, won: Uint8Array): ReportData["scoreBands"] {
  if (scores.length === 0) return [];
  const low = min(Array.from(scores));
  const high = max(Array.from(scores));
  const width = Math.max(5, Math.ceil((high - low + 1) / 8 / 5) * 5);
  const start = Math.floor(low / width) * width;
  const bands: ReportData["scoreBands"] = [];
  for (let from = start; from <= high; from += width) {
    const to = from + width;
    let leads = 0;
    let wonCount = 0;
    for (let i = 0; i < scores.length; i++) if (scores[i] >= from && scores[i] < to) { leads++; wonCount += won[i]; }
    if (leads === 0) continue;
    const ci = wilsonInterval(wonCount, leads);
    bands.push({ band: `${from} to ${to - 1}`, from, to, leads, won: wonCount, closeRate: wonCount / leads, lower: ci.lower, upper: ci.upper });
  }
  return bands;
}

/** Cumulative gains: share of won deals among the top x% of leads by score (ties broken by lead order). */
function cumulativeGains(scores: Float64Array, won: Uint8Array): ReportData["gains"] {
  const order = Array.from(scores.keys()).sort((a, b) => scores[b] - scores[a] || a - b);
  const totalWon = won.reduce((a, b) => a + b, 0);
  const points: ReportData["gains"] = [{ shareOfLeads: 0, shareOfWon: 0, lift: 1 }];
  if (totalWon === 0) return points;
  let cumulative = 0;
  const step = Math.max(1, Math.floor(order.length / 20));
  order.forEach((i, k) => {
    cumulative += won[i];
    if ((k + 1) % step === 0 || k === order.length - 1) {
      const shareOfLeads = (k + 1) / order.length;
      points.push({ shareOfLeads, shareOfWon: cumulative / totalWon, lift: cumulative / totalWon / shareOfLeads });
    }
  });
  return points;
}

function distributions(scores: Float64Array, won: Uint8Array): ReportData["distributions"] {
  if (scores.length === 0) return [];
  const low = min(Array.from(scores));
  const high = max(Array.from(scores));
  const width = Math.max(1, Math.ceil((high - low + 1) / 20));
  const rows: ReportData["distributions"] = [];
  for (const outcome of ["won", "lost"] as const) {
    for (let from = low; from <= high; from += width) {
      let leads = 0;
      for (let i = 0; i < scores.length; i++) if ((won[i] === 1) === (outcome === "won") && scores[i] >= from && scores[i] < from + width) leads++;
      rows.push({ outcome, from, to: from + width, leads });
    }
  }
  return rows;
}

function driftOf(
  model: ModelV1,
  crm: CrmData,
  population: ReturnType<typeof buildTrainingPopulation>,
  scores: Float64Array,
  previous: ModelV1 | undefined,
): DriftData | null {
  const baseline = model.training.distributions;
  if (!baseline && !previous) return null;
  let scorePsi: number | null = null;
  const features: DriftData["features"] = [];
  if (baseline) {
    scorePsi = populationStabilityIndex(baseline.score.shares, shareByBin(baseline.score.edges, scores));
    const doneBy = new Map<string, Set<string>>();
    const cutoffOf = new Map(population.leads.map((l, i) => [l.leadId, population.cutoffAt[i]]));
    for (const e of crm.events) {
      const cutoff = cutoffOf.get(e.leadId);
      if (cutoff === undefined || !(Number.isNaN(cutoff) || e.occurredAt < cutoff)) continue;
      if (!doneBy.has(e.action)) doneBy.set(e.action, new Set());
      doneBy.get(e.action)!.add(e.leadId);
    }
    for (const [action, expected] of Object.entries(baseline.actions)) {
      const actual = population.leads.length > 0 ? (doneBy.get(action)?.size ?? 0) / population.leads.length : 0;
      const psi = populationStabilityIndex([expected, 1 - expected], [actual, 1 - actual]);
      features.push({ feature: `action ${action}`, psi, band: psiBand(psi) });
    }
    features.sort((a, b) => b.psi - a.psi);
  }
  let previousDrift: DriftData["previous"] = null;
  if (previous) {
    const before = new Map(previous.actions.filter((a) => a.kept).map((a) => [a.action, a.points]));
    const after = new Map(model.actions.filter((a) => a.kept).map((a) => [a.action, a.points]));
    const metricsOf = (m: ModelV1, label: "current" | "previous") => {
      const s = scoreAtCutoff(crm, population, m).score;
      const p = m.probability ? Array.from(s, (x) => probabilityAt(m.probability!, x)) : null;
      const hasBoth = population.counts.won > 0 && population.counts.lost > 0;
      const q = hasBoth ? evaluateProbabilities(p ?? Array.from(s, () => 0), population.won) : null;
      let atThreshold = null as number | null;
      let decided = 0;
      if (m.threshold.score !== null) {
        let leads = 0;
        let wonCount = 0;
        for (let i = 0; i < s.length; i++) if (s[i] >= m.threshold.score) { leads++; wonCount += population.won[i]; }
        atThreshold = leads > 0 ? wonCount / leads : null;
        decided = leads;
      }
      return { model: label, auc: q?.auc ?? null, brier: p && q ? q.brier : null, closeRateAtThreshold: atThreshold, decided };
    };
    previousDrift = {
      createdAt: previous.createdAt,
      added: [...after.keys()].filter((a) => !before.has(a)),
      dropped: [...before.keys()].filter((a) => !after.has(a)),
      reweighted: [...after].filter(([a, p]) => before.has(a) && before.get(a) !== p).map(([action, to]) => ({ action, from: before.get(action)!, to })),
      thresholdFrom: previous.threshold.score,
      thresholdTo: model.threshold.score,
      metrics: [metricsOf(model, "current"), metricsOf(previous, "previous")],
    };
  }
  return { scorePsi, scorePsiBand: scorePsi === null ? null : psiBand(scorePsi), features, previous: previousDrift };
}

function dateRangeOf(crm: CrmData): { from: string; to: string } | null {
  const times = crm.leads.map((l) => l.createdAt).filter((t): t is number => t !== null);
  if (times.length === 0) return null;
  return { from: new Date(min(times)).toISOString(), to: new Date(max(times)).toISOString() };
}
