import { z } from "zod";
import { DROP_CODES } from "./drop-codes.js";
import {
  AccountsSchema, CalibrationSchema, ColdStartSchema, DecaySchema, ModeComparisonSchema, ValidationSchema, CloseProbabilitySchema,
} from "./calibration-schema.js";
import { crossFieldProblems } from "leadlift-runtime/internal";
import { interval, LiftStatsSchema, points, probability, PruningSchema } from "./schema-primitives.js";

export { LiftStatsSchema, PruningSchema } from "./schema-primitives.js";
export {
  AccountsSchema, CalibrationSchema, CloseProbabilitySchema, ColdStartSchema, DecaySchema, ModeComparisonSchema, ProbabilityQualitySchema,
  ReplayPointSchema, ValidationSchema,
} from "./calibration-schema.js";

/**
 * The exported model, version 1: the single source of truth for its
 * TypeScript type (`ModelV1`) and its published JSON Schema
 * (`model.schema.json`, generated from this by `npm run schema`). What
 * training learns about the profile and actions is defined here; what
 * calibration, validation and the time rules add, in calibration-schema.ts.
 */
export const MODEL_SCHEMA_VERSION = 1;

export const EffectSchema = z
  .object({
    coefficient: z.number(),
    /** Lead-clustered standard error of the coefficient. */
    standardError: z.number().min(0),
    pValue: probability,
    /** Change in close probability for a lead at the target close rate p*: σ(logit p* + coefficient) − p*. */
    effectAtTarget: z.number().optional(),
    /** Models before landmarks: the average marginal effect (0–1). */
    averageMarginalEffect: z.number().min(-1).max(1).optional(),
  })
  .strict();

const decision = {
  points,
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
    /** Models before landmarks: the exposure-time strata edges (days); now always empty. */
    exposureStrataDays: z.array(z.number()),
    /** The lead ages actions were compared at (null without creation dates: compared at the cut-off). */
    landmarks: z.object({ stepDays: z.number().positive(), count: z.number().int().min(1), datedLeads: z.number().int().min(0) }).strict().nullable().optional(),
    pruning: PruningSchema.optional(),
    /** The logistic-mode regression: distinct patterns fitted, leads (clusters), convergence. */
    regression: z
      .object({ patterns: z.number().int().min(0), clusters: z.number().int().min(0), converged: z.boolean(), warnings: z.array(z.string()) })
      .strict()
      .nullable()
      .optional(),
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
        fitCap: points.min(0).nullable(),
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
    velocity: z.object({ minPointsPerDay: z.number().positive(), points }).strict().nullable(),
    /** Account roll-up threshold learned from account-level outcomes; null with lead-level outcomes. */
    accounts: AccountsSchema.nullable(),
    coldStart: ColdStartSchema.nullable(),
    training: TrainingMetadataSchema,
  })
  .strict()
  // Bounds across fields, shared with the runtime's assertModel (not expressible in the JSON Schema):
  // the threshold lies within the reachable score range; half-lives belong to kept actions.
  .superRefine((model, context) => {
    for (const problem of crossFieldProblems(model)) context.addIssue({ code: "custom", path: problem.path.split("."), message: problem.message });
  });

/** JSON Schema (draft 2020-12) of the model file, generated from `ModelSchema`. */
export function modelJsonSchema(): Record<string, unknown> {
  return {
    $id: "https://leadlift.dev/schema/model-v1.json",
    title: "leadlift model v1",
    $comment:
      "Also checked by leadlift and its runtime, beyond what JSON Schema can state: threshold.score lies within the scores the model can reach (see src/runtime/model-bounds.ts), and every decay.halfLifeDays key is a kept action.",
    ...z.toJSONSchema(ModelSchema, { target: "draft-2020-12" }),
  } as Record<string, unknown>;
}
