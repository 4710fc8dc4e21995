import type { ActionWeight, ModelV1 } from "./types.js";

/**
 * The documented cold-start rule set, for teams with too few won deals to
 * learn from: awareness 5, engagement 15, consideration 30 points, SDR-ready
 * at 50 (one consideration action plus engagement). A heuristic starting
 * point from common practice, not learned — flagged as such in the model.
 */
export const COLD_START_RULES = [
  { stage: "consideration", points: 30, matches: "demo|pricing|trial|quote|contact|teammate|invite|signup|sign_up" },
  { stage: "engagement", points: 15, matches: "webinar|whitepaper|case_study|ebook|download|document|event|video" },
  { stage: "awareness", points: 5, matches: "open|click|visit|view|newsletter|read" },
] as const;

export const COLD_START_THRESHOLD = 50;

/** Points for an action under the cold-start rules (0 when no stage matches). */
export function coldStartPoints(action: string): { stage: string; points: number } | null {
  for (const rule of COLD_START_RULES) if (new RegExp(rule.matches, "i").test(action)) return { stage: rule.stage, points: rule.points };
  return null;
}

/**
 * Replaces learned points by the cold-start rules (lift statistics are kept
 * for reference) and sets the cold-start threshold. Profile rules are
 * dropped: with this little data they are noise.
 */
export function applyColdStart(model: ModelV1, reason: string): ModelV1 {
  const actions: ActionWeight[] = model.actions.map((a) => {
    const rule = a.category === "sales" ? null : coldStartPoints(a.action);
    return rule
      ? { ...a, points: rule.points, kept: true, dropCode: null, dropReason: null }
      : { ...a, points: 0, kept: false, dropCode: "degenerate", dropReason: "cold start: no rule matches this action" };
  });
  return {
    ...model,
    actions,
    profile: { ...model.profile, rules: model.profile.rules.map((r) => ({ ...r, points: 0, kept: false, dropReason: "cold start: profile points need data" })) },
    threshold: {
      ...model.threshold,
      status: "cold-start",
      method: "cold-start",
      score: COLD_START_THRESHOLD,
      closeRate: null,
      closeRateInterval: null,
      leadsAtOrAbove: 0,
      wonAtOrAbove: 0,
      explanation: `COLD START: ${reason} Points follow the documented rule set (awareness 5, engagement 15, consideration 30; SDR-ready at ${COLD_START_THRESHOLD}), not your data. Retrain when you have more won deals.`,
    },
    probability: null,
    coldStart: { used: true, reason, rules: COLD_START_RULES.map((r) => ({ ...r })) },
    training: { ...model.training, warnings: [`COLD START — ${reason}`, ...model.training.warnings] },
  };
}
