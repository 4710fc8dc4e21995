import { z } from "zod";
import { groupRate, interval, LiftStatsSchema, nullableRate, points, probability, PruningSchema } from "./schema-primitives.js";

/** The calibration, validation, mode comparison and time-rule parts of the model (see model-schema.ts). */

export const ReplayPointSchema = z
  .object({
    threshold: z.number(),
    reached: z.number().int().min(0),
    successes: z.number().int().min(0),
    failures: z.number().int().min(0),
    censored: z.number().int().min(0),
    closeRate: nullableRate,
    closeRateInterval: interval.nullable(),
    wonCaptured: probability,
    perDay: z.number().min(0),
    perWeek: z.number().min(0),
  })
  .strict();

export const CloseProbabilitySchema = z
  .object({
    method: z.enum(["isotonic", "platt"]),
    scores: z.array(z.number()),
    probabilities: z.array(probability),
    fittedOn: z.object({ leads: z.number().int().min(0), won: z.number().int().min(0) }).strict(),
  })
  .strict()
  .refine((p) => p.scores.length === p.probabilities.length, "scores and probabilities must have the same length")
  .refine((p) => p.scores.every((s, i) => i === 0 || s > p.scores[i - 1]), "scores must be strictly ascending");

export const ProbabilityQualitySchema = z
  .object({
    leads: z.number().int().min(0),
    won: z.number().int().min(0),
    auc: nullableRate,
    brier: z.number().min(0),
    logLoss: z.number().min(0),
    ece: z.number().min(0),
    bins: z.array(
      z
        .object({ lower: z.number(), upper: z.number(), count: z.number().int().min(0), meanPredicted: nullableRate, observedRate: nullableRate })
        .strict(),
    ),
  })
  .strict();


export const CalibrationSchema = z
  .object({
    /** "replay": scores replayed over time; "static": no dates, scores at the end of the data only. */
    method: z.enum(["replay", "static"]),
    salesCycle: z
      .object({ medianDays: z.number(), meanDays: z.number(), wonDeals: z.number().int(), basis: z.enum(["handoff-to-close", "creation-to-close"]) })
      .strict()
      .nullable(),
    windowDays: z.number().positive().nullable(),
    /** "no-close-dates": no won deal says when it closed, so any win counted and the window was not applied. */
    windowSource: z.enum(["config", "measured-mean", "no-close-dates"]).nullable(),
    /** Leads younger than this at the end of the data are too recent to judge (censored in replay). */
    maturityDays: z.number().min(0).nullable(),
    dataEndAt: z.string().nullable(),
    replayedLeads: z.number().int().min(0),
    notReplayable: z.number().int().min(0),
    curve: z.array(ReplayPointSchema),
    capacity: z
      .object({
        perDay: z.number().min(0),
        capacityPerDay: z.number().nullable(),
        per48Hours: z.number().min(0),
        withinCapacity: z.boolean().nullable(),
        fittingThreshold: z.object({ threshold: z.number(), perDay: z.number(), closeRate: nullableRate }).strict().nullable(),
      })
      .strict()
      .nullable(),
    profileOnly: z
      .object({
        leads: z.number().int().min(0),
        share: probability,
        withinLimit: z.boolean(),
        /** Share before calibration capped FIT (null: no cap applied). */
        shareBeforeCap: nullableRate,
        fitCap: z.number().int().nullable(),
        note: z.string(),
      })
      .strict()
      .nullable(),
    quadrants: z
      .object({
        yes: z.number().int().min(0),
        maybe: z.number().int().min(0),
        no: z.number().int().min(0),
        total: z.number().int().min(0),
        noShare: nullableRate,
        goodFitAtLeast: z.number(),
        highPainAtLeast: z.number(),
      })
      .strict()
      .nullable(),
    /** Velocity evidence at the threshold chosen before velocity points; `rule` is what the model applies. */
    velocity: z
      .object({
        atThreshold: z.number(),
        medianPointsPerDay: z.number(),
        fast: groupRate,
        slow: groupRate,
        liftPoints: z.number().int().nullable(),
        pValue: nullableRate,
        rule: z.object({ minPointsPerDay: z.number().positive(), points: z.number().int() }).strict().nullable(),
        conclusion: z.string(),
      })
      .strict()
      .nullable(),
    inSampleQuality: ProbabilityQualitySchema.nullable(),
    warnings: z.array(z.string()),
  })
  .strict();

export const ValidationSchema = z
  .object({
    outOfTime: z
      .object({
        status: z.enum(["checked", "not-checked"]),
        detail: z.string(),
        splitAt: z.string().nullable(),
        trainLeads: z.number().int().min(0),
        holdoutLeads: z.number().int().min(0),
        /** Threshold chosen on the earlier leads, applied unchanged to the hold-out. */
        threshold: z.number().nullable(),
        inSample: ReplayPointSchema.nullable(),
        heldOut: ReplayPointSchema.nullable(),
        heldOutInBand: z.boolean().nullable(),
        heldOutQuality: ProbabilityQualitySchema.nullable(),
      })
      .strict(),
  })
  .strict();

const modeFigures = z
  .object({
    mode: z.enum(["lift", "logistic"]),
    status: z.enum(["checked", "not-checked"]),
    detail: z.string(),
    auc: nullableRate,
    /** Paired percentile-bootstrap 95% interval of the held-out AUC. */
    aucInterval: z.object({ lower: probability, upper: probability }).strict().nullable().optional(),
    brier: z.number().min(0).nullable(),
    logLoss: z.number().min(0).nullable(),
    threshold: z.number().nullable(),
    heldOut: ReplayPointSchema.nullable(),
    keptActions: z.array(z.object({ action: z.string(), points: z.number().int() }).strict()),
    keptProfileValues: z.number().int().min(0).optional(),
    /** The pruning chosen for this mode on the held-out leads. */
    pruning: PruningSchema.nullable().optional(),
  })
  .strict();

/** Both modes trained on the same earlier leads and judged on the same held-out ones. */
export const ModeComparisonSchema = z
  .object({
    /** Which leads were held out. */
    basis: z.string().optional(),
    lift: modeFigures,
    logistic: modeFigures,
    /** Logistic AUC − lift AUC on the same held-out leads, with a paired percentile-bootstrap 95% interval. */
    aucDifference: z
      .object({ estimate: z.number().min(-1).max(1), lower: z.number().min(-1).max(1), upper: z.number().min(-1).max(1), replicates: z.number().int().min(1) })
      .strict()
      .nullable()
      .optional(),
    verdict: z.string(),
  })
  .strict();

export const DecaySchema = z
  .object({
    /** Half-life in days per action (only actions whose points fade). */
    halfLifeDays: z.preprocess((value, context) => {
      // zod's records skip a "__proto__" key, so it is refused before them (the runtime refuses it too; see model-bounds.ts).
      if (typeof value === "object" && value !== null && Object.hasOwn(value, "__proto__")) {
        context.issues.push({ code: "custom", path: ["__proto__"], message: 'expected the name of a kept action, got "__proto__"', input: value });
      }
      return value;
    }, z.record(z.string(), z.number().positive())),
    /** Exit: after more than this many days without any activity, behaviour points earned before the gap no longer count; null = never. */
    exitAfterDays: z.number().positive().nullable(),
    /** Inactivity penalty the runtime adds while a lead has had no activity for `days` (learned; null = none). */
    inactivity: z.object({ days: z.number().positive(), points }).strict().nullable(),
    /** Whether quiet leads closed worse than others of the same age still with marketing (landmarks). */
    inactivityEvidence: z
      .object({
        days: z.number().positive(),
        stats: LiftStatsSchema,
        liftPoints: z.number().int().nullable(),
        kept: z.boolean(),
        conclusion: z.string(),
      })
      .strict()
      .nullable(),
    /** Why each kept action does or does not decay, from the training data. */
    evidence: z.array(
      z
        .object({
          action: z.string(),
          recent: groupRate,
          old: groupRate,
          medianAgeRecentDays: z.number().min(0),
          medianAgeOldDays: z.number().min(0),
          closeRateWithout: nullableRate,
          pValue: nullableRate,
          halfLifeDays: z.number().positive().nullable(),
          source: z.enum(["data", "config", "none"]),
          conclusion: z.string(),
        })
        .strict(),
    ),
  })
  .strict();

/** The account roll-up and its threshold, learned by replay when outcomes are account-level. */
export const AccountsSchema = z
  .object({
    method: z.literal("top-k-sum"),
    k: z.number().int().min(1),
    /** Roll-up score at which an account is SDR-ready (null when no threshold lands in the band). */
    threshold: z.number().nullable(),
    status: z.enum(["in-band", "no-threshold"]),
    point: ReplayPointSchema.nullable(),
    explanation: z.string(),
    replayedAccounts: z.number().int().min(0),
    notReplayable: z.number().int().min(0),
    curve: z.array(ReplayPointSchema),
  })
  .strict();

export const ColdStartSchema = z
  .object({
    used: z.boolean(),
    reason: z.string(),
    rules: z.array(z.object({ stage: z.string(), points: z.number().int(), matches: z.string() }).strict()),
  })
  .strict();
