import { scoreRange } from "../../src/runtime/model-bounds.js";
import type { ModelV1 } from "../../src/model/types.js";

const NO_STATS = {
  leadsWith: 0, wonWith: 0, leadsWithout: 0, wonWithout: 0, closeRateWith: null, closeRateWithout: null,
  closeRateWithInterval: null, lift: null, liftInterval: null, adjustedLift: null, adjustedLiftInterval: null,
  strataUsed: 0, pValue: null, test: null, shareOfWon: null, degenerate: null,
} as const;

const decision = (points: number, kept = true) => ({
  points: kept ? points : 0, liftPoints: points, kept, adjustedPValue: kept ? 0.001 : 0.5, dropCode: kept ? null : ("below-min-lift" as const),
  dropReason: kept ? null : "small", stats: NO_STATS, effect: null,
});

/** A small hand-written model: demo +20, pricing +10, unsubscribe −8, seniority and email FIT, threshold 30. */
export function handModel(): ModelV1 {
  return {
    schemaVersion: 1,
    kind: "leadlift-model",
    toolVersion: "test",
    createdAt: "2025-01-01T00:00:00.000Z",
    mode: "lift",
    modeSelection: { requested: "lift", reason: "lift, as requested.", wonPerColumn: 1, pointsScale: "probability" },
    actions: [
      { action: "demo_request", category: "marketing", vanity: false, ...decision(20) },
      { action: "pricing_page_view", category: "marketing", vanity: false, ...decision(10) },
      { action: "unsubscribe", category: "negative", vanity: false, ...decision(-8) },
      { action: "webinar", category: "marketing", vanity: false, ...decision(3, false) },
    ],
    profile: {
      features: [
        { name: "seniority", column: "title", role: "fit", transform: { kind: "seniority" } },
        { name: "email_domain", column: "email", role: "fit", transform: { kind: "email-domain" } },
        { name: "visits_band", column: "visits", role: "pain", transform: { kind: "numeric-band", edges: [2, 5] } },
      ],
      rules: [
        { feature: "seniority", value: "vp", comparedWith: "individual", ...decision(12) },
        { feature: "seniority", value: "student-other", comparedWith: "individual", ...decision(-9) },
        { feature: "email_domain", value: "business", comparedWith: "free-mail", ...decision(5) },
        { feature: "visits_band", value: "(5, inf)", comparedWith: "(-inf, 2]", ...decision(7) },
      ],
      skippedColumns: [],
      fitCap: null,
    },
    threshold: {
      status: "in-band", method: "replay", score: 30, closeRate: 0.12, closeRateInterval: { lower: 0.1, upper: 0.14 },
      leadsAtOrAbove: 100, wonAtOrAbove: 12, targetBand: { min: 0.1, max: 0.15 }, explanation: "test",
    },
    probability: { method: "isotonic", scores: [0, 30, 60], probabilities: [0.02, 0.12, 0.3], fittedOn: { leads: 100, won: 12 } },
    calibration: null,
    validation: null,
    comparison: null,
    decay: null,
    velocity: null,
    accounts: null,
    coldStart: null,
    training: {
      files: [], issueCounts: {}, dateRange: null,
      leads: { won: 12, lost: 88, openExcluded: 0, missingOutcomes: 0, missingOutcomesTreatedAs: "open", cutoffUnknown: 0, trimmedByWindow: 0 },
      baseCloseRate: 0.12, events: { counted: 0, afterCutoff: 0, ofUntrainedLeads: 0 },
      checks: { pointInTime: { status: "checked", detail: "" }, exposure: { status: "checked", detail: "" } },
      exposureStrataDays: [], observationWindowDays: 90, options: {}, distributions: null, warnings: [],
    },
  };
}

/**
 * A model with only the given action points (no profile rules), plus any
 * overrides: the smallest model whose scores are easy to compute by hand.
 * @example actionsModel({ demo: 20 }).actions[0].points // 20
 */
export function actionsModel(points: Record<string, number>, overrides: Partial<ModelV1> = {}): ModelV1 {
  const base = handModel();
  const model: ModelV1 = {
    ...base,
    actions: Object.entries(points).map(([action, p]) => ({ action, category: null, vanity: false, ...decision(p) })),
    profile: { ...base.profile, rules: [] },
    probability: null,
    ...overrides,
  };
  if (overrides.threshold) return model;
  // The hand model's threshold of 30, moved to where it means the same within this model's reachable
  // scores (a model's threshold must lie in that range): above the highest, no lead is ready (null).
  const { min, max } = scoreRange(model);
  const score = model.threshold.score;
  if (score === null || (score >= min && score <= max)) return model;
  return { ...model, threshold: { ...model.threshold, score: score > max ? null : min } };
}

/** Decay rules for a model, with empty evidence. */
export function decayRules(rules: { halfLifeDays?: Record<string, number>; exitAfterDays?: number | null; inactivity?: { days: number; points: number } | null }): NonNullable<ModelV1["decay"]> {
  return { halfLifeDays: rules.halfLifeDays ?? {}, exitAfterDays: rules.exitAfterDays ?? null, inactivity: rules.inactivity ?? null, inactivityEvidence: null, evidence: [] };
}
