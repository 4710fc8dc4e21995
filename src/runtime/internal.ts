/**
 * `leadlift-runtime/internal`: the runtime's building blocks that the
 * leadlift toolkit shares, so that training, the SQL scorer and the runtime
 * derive profile values, parse instants, apply the time rules and bound
 * model values with one piece of code. Not a stable API: it changes with
 * the toolkit, which pins this package's exact version.
 */
export {
  compileProfileTransform, deriveProfileValue, profileNumber, titleSeniority, DEFAULT_SIZE_EDGES, FREE_MAIL_DOMAINS, MISSING_VALUE, OTHER_VALUE,
  SENIORITY_LEVELS, SENIORITY_PATTERNS, type ProfileTransform, type Seniority,
} from "./derive-profile.js";
export { crossFieldProblems, isBoundedPoints, scoreRange, MAX_ABS_POINTS, type BoundProblem, type ScoreRangeInput } from "./model-bounds.js";
export { parseInstant } from "./parse-instant.js";
export { insertionSort } from "./reason-order.js";
export { addActivity, decayFactor, episodeStartOf, roundScore, DAY_MS, type Episode, type Occurrences } from "./time-rules.js";
export { createdAtOf, createTimelineScorer, type TimelineMeasure, type TimelineScorer } from "./score-lead.js";
