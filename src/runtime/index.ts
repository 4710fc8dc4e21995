/**
 * leadlift-runtime: score leads with an exported model. Zero dependencies —
 * not even Node built-ins — so it runs in services, workers and edge functions.
 * Published as its own package (`leadlift-runtime`), which the toolkit
 * depends on and re-exports as `leadlift/runtime`.
 */
export { createScorer, type Scorer, type LeadScore, type LeadState, type Reason, type LeadInput, type EventInput } from "./score-lead.js";
export { assertModel, SUPPORTED_SCHEMA_VERSIONS } from "./assert-model.js";
export { ScoringError } from "./scoring-error.js";
export type { ScoringModel, ScoringAction, ScoringProfileFeature, ScoringProfileRule, ScoringDecay } from "./scoring-model.js";
export type { ProfileTransform } from "./derive-profile.js";
export { parseInstant } from "./parse-instant.js";
export { rollUpAccounts, type AccountScore, type AccountRollUpOptions, type ScoredLeadForAccount } from "./roll-up-accounts.js";
export { assertSegments, segmentOf, type Segment } from "./segments.js";
