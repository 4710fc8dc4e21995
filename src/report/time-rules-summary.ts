import type { VelocityEvidence } from "../calibrate/velocity.js";
import type { ReplayEvaluation } from "../calibrate/calibrate-by-replay.js";
import type { ModelV1 } from "../model/types.js";
import { wilsonInterval } from "../stats/wilson-interval.js";

/** A group's close rate with its Wilson 95% interval. */
export interface GroupRate {
  readonly leads: number;
  readonly won: number;
  readonly closeRate: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
}

/** Velocity evidence (fast vs slow leads at the threshold) with intervals. */
export interface VelocitySummary {
  readonly atThreshold: number;
  readonly medianPointsPerDay: number;
  readonly fast: GroupRate;
  readonly slow: GroupRate;
  readonly liftPoints: number | null;
  readonly pValue: number | null;
  readonly conclusion: string;
}

/** The model's decay, inactivity, exit and FIT-cap rules with the training evidence behind each, and how many leads here are too recent to judge. */
export interface TimeRulesSummary {
  /** Per kept positive action: does its effect fade with age at the cut-off? */
  readonly decay: Array<{
    readonly action: string;
    /** Half-life applied by the runtime (null: full points whatever the age). */
    readonly halfLifeDays: number | null;
    readonly source: "data" | "config" | "none";
    readonly recent: GroupRate;
    readonly old: GroupRate;
    readonly medianAgeRecentDays: number;
    readonly medianAgeOldDays: number;
    readonly closeRateWithout: number | null;
    readonly pValue: number | null;
    readonly conclusion: string;
  }>;
  /** Learned inactivity penalty and its evidence (leads with no activity for `days` before the cut-off vs the others). */
  readonly inactivity: {
    readonly rule: { readonly days: number; readonly points: number } | null;
    readonly days: number;
    readonly inactive: GroupRate;
    readonly active: GroupRate;
    readonly liftPoints: number | null;
    readonly pValue: number | null;
    readonly conclusion: string;
  } | null;
  /** After this many days without activity, earlier behaviour points stop counting (null: never). */
  readonly exitAfterDays: number | null;
  /** FIT cap and the profile-only check of calibration. */
  readonly fitCap: {
    readonly cap: number | null;
    /** Share of leads SDR-ready on profile alone at training, after and before the cap. */
    readonly share: number;
    readonly shareBeforeCap: number | null;
    readonly note: string;
  } | null;
  /** Leads created within `days` of the end of the data are too recent to judge: censored in the replay. */
  readonly maturity: {
    readonly days: number;
    /** Leads created at or after this instant are censored (ISO). */
    readonly matureBefore: string;
    /** Leads of this export created since then. */
    readonly tooRecent: number;
  } | null;
}

/** A group's close rate with its Wilson 95% interval (none when empty). */
export function groupRate(leads: number, won: number): GroupRate {
  if (leads === 0) return { leads, won, closeRate: null, lower: null, upper: null };
  const ci = wilsonInterval(won, leads);
  return { leads, won, closeRate: won / leads, lower: ci.lower, upper: ci.upper };
}

/** Velocity evidence with Wilson intervals on the fast and slow groups' close rates. */
export function summariseVelocity(evidence: VelocityEvidence | null): VelocitySummary | null {
  if (!evidence) return null;
  return {
    atThreshold: evidence.atThreshold,
    medianPointsPerDay: evidence.medianPointsPerDay,
    fast: groupRate(evidence.fast.leads, evidence.fast.won),
    slow: groupRate(evidence.slow.leads, evidence.slow.won),
    liftPoints: evidence.liftPoints,
    pValue: evidence.pValue,
    conclusion: evidence.conclusion,
  };
}

/**
 * The model's time rules — decay half-lives, the inactivity penalty, the
 * exit rule, the FIT cap — with the evidence training found for each, and
 * the maturity censoring of this export's replay.
 */
export function summariseTimeRules(model: ModelV1, replay: ReplayEvaluation | null): TimeRulesSummary {
  const decay = model.decay;
  const evidence = decay?.inactivityEvidence ?? null;
  const profileOnly = model.calibration?.profileOnly ?? null;
  const context = replay?.context ?? null;
  return {
    decay: (decay?.evidence ?? []).map((e) => ({
      action: e.action,
      halfLifeDays: decay?.halfLifeDays[e.action] ?? null,
      source: e.source,
      recent: groupRate(e.recent.leads, e.recent.won),
      old: groupRate(e.old.leads, e.old.won),
      medianAgeRecentDays: e.medianAgeRecentDays,
      medianAgeOldDays: e.medianAgeOldDays,
      closeRateWithout: e.closeRateWithout,
      pValue: e.pValue,
      conclusion: e.conclusion,
    })),
    inactivity: evidence
      ? {
          rule: decay?.inactivity ?? null,
          days: evidence.days,
          inactive: groupRate(evidence.stats.leadsWith, evidence.stats.wonWith),
          active: groupRate(evidence.stats.leadsWithout, evidence.stats.wonWithout),
          liftPoints: evidence.liftPoints,
          pValue: evidence.stats.pValue,
          conclusion: evidence.conclusion,
        }
      : null,
    exitAfterDays: decay?.exitAfterDays ?? null,
    fitCap: profileOnly ? { cap: model.profile.fitCap, share: profileOnly.share, shareBeforeCap: profileOnly.shareBeforeCap, note: profileOnly.note } : null,
    // No maturity rule when the export has no close dates: every recorded outcome is final.
    maturity:
      context && context.maturityDays !== null
        ? {
            days: context.maturityDays,
            matureBefore: new Date(context.matureBefore).toISOString(),
            tooRecent: replay!.run.replayed.leads.filter((l) => l.createdAt >= context.matureBefore).length,
          }
        : null,
  };
}
