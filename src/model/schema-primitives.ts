import { z } from "zod";
import { MAX_ABS_POINTS } from "leadlift-runtime/internal";

/** Building blocks shared by the model's schema files. */
/** Whole points within ±MAX_ABS_POINTS, the runtime's bound (`isBoundedPoints`). */
export const points = z.number().int().min(-MAX_ABS_POINTS).max(MAX_ABS_POINTS);
export const probability = z.number().min(0).max(1);
export const nullableRate = probability.nullable();
export const interval = z.object({ lower: z.number().min(-1).max(1), upper: z.number().min(-1).max(1) }).strict();
export const groupRate = z.object({ leads: z.number().int().min(0), won: z.number().int().min(0), closeRate: nullableRate }).strict();

/** Lift statistics of one indicator (an action, a profile value, inactivity). */
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
    test: z.enum(["fisher-exact", "cochran-mantel-haenszel", "landmark-wald"]).nullable(),
    /** Distinct leads on each side of the comparison behind the adjusted lift (absent in models before landmarks: leadsWith/leadsWithout). */
    comparedLeadsWith: z.number().int().min(0).optional(),
    comparedLeadsWithout: z.number().int().min(0).optional(),
    shareOfWon: probability.nullable(),
    degenerate: z.string().nullable(),
  })
  .strict();

/** Pruning rules and what they cost in held-out ranking. */
export const PruningSchema = z
  .object({
    /** "auto": the sparsest rules whose held-out cost stays within `training.maxPruningCost`; "fixed": as configured. */
    policy: z.enum(["auto", "fixed"]),
    rules: z
      .object({
        minLiftPoints: z.number().min(0),
        significanceLevel: probability,
        /** "value": each profile value tested against its reference; "feature": a feature's values tested together. */
        profileSignificance: z.enum(["value", "feature"]).optional(),
        maxKept: z.number().int().min(1).nullable(),
      })
      .strict(),
    heldOut: z
      .object({
        /** Where the held-out leads came from (out-of-time, or a random split without dates). */
        basis: z.string(),
        leads: z.number().int().min(0),
        /** AUC of the unrounded, unpruned effects summed (the regression's linear predictor in logistic mode). */
        aucUnpruned: probability,
        /** AUC of the points score under the chosen rules (rounded, pruned). */
        aucChosen: probability,
        /** aucUnpruned − aucChosen. */
        cost: z.number(),
        steps: z.array(
          z
            .object({
              minLiftPoints: z.number().min(0),
              significanceLevel: probability,
              profileSignificance: z.enum(["value", "feature"]).optional(),
              maxKept: z.number().int().min(1).nullable().optional(),
              auc: probability,
              kept: z.number().int().min(0),
              cost: z.number(),
            })
            .strict(),
        ),
      })
      .strict()
      .nullable(),
    explanation: z.string(),
  })
  .strict();
