import { z } from "zod";
import { MAX_ABS_POINTS } from "../runtime/model-bounds.js";

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
    test: z.enum(["fisher-exact", "cochran-mantel-haenszel"]).nullable(),
    shareOfWon: probability.nullable(),
    degenerate: z.string().nullable(),
  })
  .strict();
