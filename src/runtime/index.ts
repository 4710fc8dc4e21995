/**
 * leadlift/runtime: score leads with an exported model. Zero dependencies —
 * not even Node built-ins — so it runs in services, workers and edge functions.
 */
export { createScorer, type Scorer, type LeadScore, type LeadState, type Reason, type LeadInput, type EventInput } from "./score-lead.js";
export { assertModel, SUPPORTED_SCHEMA_VERSIONS } from "./assert-model.js";
export { ScoringError } from "./scoring-error.js";
export type { ModelV1 } from "../model/types.js";
export { rollUpAccounts, type AccountScore, type AccountRollUpOptions, type ScoredLeadForAccount } from "./roll-up-accounts.js";
export { assertSegments, segmentOf, type Segment } from "./segments.js";
