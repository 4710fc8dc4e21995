import { computeLift, type LiftStats } from "./lift.js";
import type { LandmarkRanges } from "../features/landmarks.js";
import { landmarkRiskDifference } from "./landmark-risk-difference.js";

/**
 * A landmark comparison as groups of leads that share their ranges and
 * outcome: `ranges.lead` indexes `won` and `multiplicity` (how many leads the group holds).
 */
export interface LandmarkGroups {
  readonly won: ArrayLike<number>;
  readonly multiplicity: ArrayLike<number>;
  readonly ranges: LandmarkRanges;
}

/**
 * Lift statistics whose adjusted lift is compared at landmarks: the crude
 * figures describe the indicator at the cut-off (close rate with and
 * without, share of won leads, Fisher's test), while `adjustedLift`, its
 * interval and `pValue` come from `landmarkRiskDifference` — leads compared
 * at the same ages while still with marketing, which is how the score is
 * used. `comparedLeadsWith/Without` count the distinct leads on each side
 * of that comparison (the minimum-leads rule applies to both).
 * @param indicatorAtCutoff per lead, 1 when it had the indicator before its cut-off.
 * @param groups the comparison as groups of leads sharing their ranges and outcome (an engine's
 *   count, see `LandmarkGroups`); when given, `ranges` is not read.
 */
export function landmarkLift(
  won: ArrayLike<number>,
  indicatorAtCutoff: ArrayLike<number>,
  ranges: LandmarkRanges,
  landmarks: number,
  confidence = 0.95,
  groups?: LandmarkGroups,
): LiftStats {
  const crude = computeLift(won, indicatorAtCutoff, new Uint8Array(won.length), 1, confidence);
  if (crude.degenerate !== null) return crude;
  const compared = groups
    ? landmarkRiskDifference(groups.won, groups.ranges, landmarks, confidence, groups.multiplicity)
    : landmarkRiskDifference(won, ranges, landmarks, confidence);
  if (compared === null) {
    return {
      ...crude,
      adjustedLift: null,
      adjustedLiftInterval: null,
      strataUsed: 0,
      pValue: null,
      test: null,
      comparedLeadsWith: 0,
      comparedLeadsWithout: 0,
      degenerate: "never done by a lead still with marketing (at the landmarks, every doer had already reached sales)",
    };
  }
  return {
    ...crude,
    adjustedLift: compared.estimate,
    adjustedLiftInterval: { lower: compared.lower, upper: compared.upper },
    strataUsed: compared.landmarksUsed,
    pValue: compared.pValue,
    test: "landmark-wald",
    comparedLeadsWith: compared.leadsWith,
    comparedLeadsWithout: compared.leadsWithout,
  };
}
