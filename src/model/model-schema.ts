import { z } from "zod";
import { DROP_CODES } from "../weights/decide-points.js";

/**
 * The exported model, version 1: the single source of truth for its
 * TypeScript type (`ModelV1`) and its published JSON Schema
 * (`model.schema.json`, generated from this by `npm run schema`).
 */

export const MODEL_SCHEMA_VERSION = 1;

const probability = z.number().min(0).max(1);
const interval = z.object({ lower: z.number().min(-1).max(1), upper: z.number().min(-1).max(1) }).strict();

export const LiftStatsSchema = z
  .object({
    leadsWith: z.number().int().min(0),
    wonWith: z.number().int().min(0),
    leadsWithout: z.number().int().min(0),
    wonWithout: z.number().int().min(0),
    closeRateWith: probability.nullable(),
    closeRateWithout: probability.nullable(),
    closeRateWithInterval: interval.nullable(),
    lift: z.number().min(-1).max(1).nullable(),
    liftInterval: interval.nullable(),
    adjustedLift: z.number().min(-1).max(1).nullable(),
    adjustedLiftInterval: interval.nullable(),
    strataUsed: z.number().int().min(0),
    pValue: probability.nullable(),
    test: z.enum(["fisher-exact", "cochran-mantel-haenszel"]).nullable(),
    shareOfWon: probability.nullable(),
    degenerate: z.string().nullable(),
  })
  .strict();

export const EffectSchema = z
  .object({ coefficient: z.number(), standardError: z.number().min(0), pValue: probability, averageMarginalEffect: z.number().min(-1).max(1) })
  .strict();

const decision = {
  points: z.number().int(),
  liftPoints: z.number().int().nullable(),
  kept: z.boolean(),
  adjustedPValue: probability.nullable(),
  dropCode: z.enum(DROP_CODES).nullable(),
  dropReason: z.string().nullable(),
  stats: LiftStatsSchema,
  /** Logistic-mode estimate (null in lift mode or when the column was not in the regression). */
  effect: EffectSchema.nullable(),
};

export const ActionWeightSchema = z
  .object({ action: z.string().min(1), category: z.string().nullable(), vanity: z.boolean(), ...decision })
  .strict();

export const ProfileTransformSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("category"), levels: z.array(z.string()) }).strict(),
  z.object({ kind: z.literal("numeric-band"), edges: z.array(z.number()) }).strict(),
  z.object({ kind: z.literal("email-domain") }).strict(),
  z.object({ kind: z.literal("seniority") }).strict(),
  z.object({ kind: z.literal("size-band"), edges: z.array(z.number()) }).strict(),
  z.object({ kind: z.literal("target-account"), accounts: z.array(z.string()) }).strict(),
]);

export const ProfileFeatureSchema = z
  .object({
    name: z.string().min(1),
    column: z.string().min(1),
    role: z.enum(["fit", "pain"]),
    transform: ProfileTransformSchema,
  })
  .strict();

export const ProfileRuleSchema = z
  .object({
    feature: z.string().min(1),
    value: z.string(),
    /** The reference level this value's lift is measured against ("(all other values)" for the reference itself, which earns 0). */
    comparedWith: z.string(),
    ...decision,
  })
  .strict();

export const ThresholdSchema = z
  .object({
    status: z.enum(["in-band", "no-threshold", "cold-start"]),
    /** How it was chosen: replaying scores over time, or from scores at the cut-off (no dates). */
    method: z.enum(["replay", "static", "cold-start"]),
    /** Lowest score at which a lead is SDR-ready; null when no threshold reaches the band. */
    score: z.number().nullable(),
    closeRate: probability.nullable(),
    closeRateInterval: interval.nullable(),
    leadsAtOrAbove: z.number().int().min(0),
    wonAtOrAbove: z.number().int().min(0),
    targetBand: z.object({ min: probability, max: probability }).strict(),
    explanation: z.string(),
  })
  .strict();

const fileSummary = z
  .object({
    file: z.string(),
    rows: z.number().int().min(0),
    used: z.number().int().min(0),
    skipped: z.number().int().min(0),
    rejected: z.number().int().min(0),
  })
  .strict();

const check = z.object({ status: z.enum(["checked", "not-checked"]), detail: z.string() }).strict();

export const TrainingMetadataSchema = z
  .object({
    files: z.array(fileSummary),
    issueCounts: z.record(z.string(), z.number().int().min(0)),
    dateRange: z.object({ from: z.string(), to: z.string() }).strict().nullable(),
    leads: z
      .object({
        won: z.number().int().min(0),
        lost: z.number().int().min(0),
        openExcluded: z.number().int().min(0),
        missingOutcomes: z.number().int().min(0),
        missingOutcomesTreatedAs: z.enum(["open", "lost"]),
        cutoffUnknown: z.number().int().min(0),
        trimmedByWindow: z.number().int().min(0),
      })
      .strict(),
    baseCloseRate: probability,
    events: z
      .object({
        counted: z.number().int().min(0),
        afterCutoff: z.number().int().min(0),
        ofUntrainedLeads: z.number().int().min(0),
      })
      .strict(),
    checks: z.object({ pointInTime: check, exposure: check }).strict(),
    exposureStrataDays: z.array(z.number()),
    observationWindowDays: z.number().positive(),
    options: z.record(z.string(), z.unknown()),
    /** Training distributions, the baseline for drift (PSI) checks on later data. */
    distributions: z
      .object({
        score: z.object({ edges: z.array(z.number()), shares: z.array(probability) }).strict(),
        actions: z.record(z.string(), probability),
        profile: z.record(z.string(), z.record(z.string(), probability)),
      })
      .strict()
      .nullable(),
    warnings: z.array(z.string()),
  })
  .strict();

const nullableRate = probability.nullable();

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

const groupRate = z.object({ leads: z.number().int().min(0), won: z.number().int().min(0), closeRate: nullableRate }).strict();

export const CalibrationSchema = z
  .object({
    /** "replay": scores replayed over time; "static": no dates, scores at the end of the data only. */
    method: z.enum(["replay", "static"]),
    salesCycle: z
      .object({ medianDays: z.number(), meanDays: z.number(), wonDeals: z.number().int(), basis: z.enum(["handoff-to-close", "creation-to-close"]) })
      .strict()
      .nullable(),
    windowDays: z.number().positive().nullable(),
    windowSource: z.enum(["config", "measured-mean"]).nullable(),
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
    brier: z.number().min(0).nullable(),
    logLoss: z.number().min(0).nullable(),
    threshold: z.number().nullable(),
    heldOut: ReplayPointSchema.nullable(),
    keptActions: z.array(z.object({ action: z.string(), points: z.number().int() }).strict()),
  })
  .strict();

/** Both modes trained on the same earlier leads and judged on the same later ones. */
export const ModeComparisonSchema = z
  .object({ lift: modeFigures, logistic: modeFigures, verdict: z.string() })
  .strict();

export const DecaySchema = z
  .object({
    /** Half-life in days per action (only actions whose points fade). */
    halfLifeDays: z.record(z.string(), z.number().positive()),
    /** Exit: after more than this many days without any activity, behaviour points earned before the gap no longer count; null = never. */
    exitAfterDays: z.number().positive().nullable(),
    /** Inactivity penalty the runtime adds while a lead has had no activity for `days` (learned; null = none). */
    inactivity: z.object({ days: z.number().positive(), points: z.number().int() }).strict().nullable(),
    /** Whether leads inactive for that long at their cut-off closed worse, within exposure strata. */
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

export const ModelSchema = z
  .object({
    schemaVersion: z.literal(MODEL_SCHEMA_VERSION),
    kind: z.literal("leadlift-model"),
    toolVersion: z.string(),
    createdAt: z.string(),
    mode: z.enum(["lift", "logistic"]),
    modeSelection: z
      .object({
        requested: z.enum(["lift", "logistic", "auto"]),
        reason: z.string(),
        wonPerColumn: z.number().min(0),
        pointsScale: z.enum(["probability", "pdo"]),
      })
      .strict(),
    actions: z.array(ActionWeightSchema),
    profile: z
      .object({
        features: z.array(ProfileFeatureSchema),
        rules: z.array(ProfileRuleSchema),
        skippedColumns: z.array(z.object({ column: z.string(), reason: z.string() }).strict()),
        /** Most FIT points a lead can hold, so that profile alone does not make it SDR-ready; null = no cap. */
        fitCap: z.number().int().nullable(),
      })
      .strict()
      .superRefine((profile, context) => {
        const names = new Set(profile.features.map((f) => f.name));
        profile.rules.forEach((rule, i) => {
          if (!names.has(rule.feature)) {
            context.addIssue({ code: "custom", path: ["rules", i, "feature"], message: `no profile feature named ${JSON.stringify(rule.feature)}` });
          }
        });
      }),
    threshold: ThresholdSchema,
    /** Score → close probability the runtime returns; null when it could not be fitted. */
    probability: CloseProbabilitySchema.nullable(),
    calibration: CalibrationSchema.nullable(),
    validation: ValidationSchema.nullable(),
    comparison: ModeComparisonSchema.nullable(),
    /** Decay of action points, the inactivity penalty and the exit; null = points never fade. */
    decay: DecaySchema.nullable(),
    /**
     * Velocity points, learned in calibration: added while the lead's action
     * points per day since creation are at least `minPointsPerDay`; null = none.
     */
    velocity: z.object({ minPointsPerDay: z.number().positive(), points: z.number().int() }).strict().nullable(),
    /** Account roll-up threshold learned from account-level outcomes; null with lead-level outcomes. */
    accounts: AccountsSchema.nullable(),
    coldStart: ColdStartSchema.nullable(),
    training: TrainingMetadataSchema,
  })
  .strict();

/** JSON Schema (draft 2020-12) of the model file, generated from `ModelSchema`. */
export function modelJsonSchema(): Record<string, unknown> {
  return {
    $id: "https://leadlift.dev/schema/model-v1.json",
    title: "leadlift model v1",
    ...z.toJSONSchema(ModelSchema, { target: "draft-2020-12" }),
  } as Record<string, unknown>;
}
