import type { ActionWeight, ModelV1 } from "../model/types.js";

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
 * dropped: with this little data they are noise. The threshold must be
 * reachable: when the export's actions cannot add up to the rule set's 50
 * (say only opens and visits match, 10 points), it is lowered to the most
 * a lead can score, and said so; when no action matches any stage, there is
 * no threshold, said plainly.
 */
export function applyColdStart(model: ModelV1, reason: string): ModelV1 {
  const actions: ActionWeight[] = model.actions.map((a) => {
    const rule = a.category === "sales" ? null : coldStartPoints(a.action);
    return rule
      ? { ...a, points: rule.points, kept: true, dropCode: null, dropReason: null }
      : { ...a, points: 0, kept: false, dropCode: "degenerate", dropReason: "cold start: no rule matches this action" };
  });
  const reachable = actions.reduce((sum, a) => sum + Math.max(0, a.points), 0);
  const matched = actions.filter((a) => a.kept).map((a) => `${a.action} ${a.points}`);
  const rulesText = `Points follow the documented rule set (awareness 5, engagement 15, consideration 30; SDR-ready at ${COLD_START_THRESHOLD}), not your data. Retrain when you have more won deals.`;
  const threshold =
    reachable === 0
      ? { status: "no-threshold" as const, score: null, explanation: `COLD START: ${reason} No action in this export matches a cold-start stage, so no lead can become SDR-ready: there is no threshold. ${rulesText}` }
      : reachable < COLD_START_THRESHOLD
        ? {
            status: "cold-start" as const,
            score: reachable,
            explanation:
              `COLD START: ${reason} The actions here add up to at most ${reachable} points (${matched.join(", ")}), short of the rule set's ${COLD_START_THRESHOLD}, ` +
              `so the threshold is ${reachable}: only a lead that does all of them is SDR-ready. ${rulesText}`,
          }
        : { status: "cold-start" as const, score: COLD_START_THRESHOLD, explanation: `COLD START: ${reason} ${rulesText}` };
  const warning = reachable < COLD_START_THRESHOLD ? [threshold.explanation.replace(/^COLD START: .*? (No action|The actions)/, "Cold start: $1")] : [];
  return {
    ...model,
    actions,
    profile: { ...model.profile, rules: model.profile.rules.map((r) => ({ ...r, points: 0, kept: false, dropReason: "cold start: profile points need data" })) },
    threshold: {
      ...model.threshold,
      status: threshold.status,
      method: "cold-start",
      score: threshold.score,
      closeRate: null,
      closeRateInterval: null,
      leadsAtOrAbove: 0,
      wonAtOrAbove: 0,
      explanation: threshold.explanation,
    },
    probability: null,
    coldStart: { used: true, reason, rules: COLD_START_RULES.map((r) => ({ ...r })) },
    training: { ...model.training, warnings: [`COLD START — ${reason}`, ...warning, ...model.training.warnings] },
  };
}
