import { DAY_MS } from "leadlift-runtime/internal";
import { selectList, type Cte } from "./cte.js";
import { roundScoreSql } from "./js-equivalents.js";
import type { QueryPlan } from "./query-plan.js";
import { doubleLiteral, integerLiteral } from "./sql-literals.js";

/** Leads joined with their counted actions, and the last activity (any event, or creation). */
export function lastActivity(plan: QueryPlan): Cte {
  const eventColumns = ["latest_event_ms", ...plan.slots.map((slot) => `${slot.column}_last_ms`)];
  const joined = plan.usesEvents
    ? ["fit_cap.*", ...eventColumns.map((column) => `counted_actions.${column}`)].join(", ")
    : `fit_cap.*, CAST(NULL AS ${plan.dialect.types.double}) AS latest_event_ms`;
  const from = plan.usesEvents ? "fit_cap LEFT JOIN counted_actions ON fit_cap.lead_id = counted_actions.lead_id" : "fit_cap";
  return {
    name: "last_activity",
    comment: "Last activity: the latest event of any kind, or creation (NULL: neither).",
    sql: `SELECT *,\n    greatest(coalesce(created_ms, latest_event_ms), coalesce(latest_event_ms, created_ms)) AS last_activity_ms\n  FROM (SELECT ${joined} FROM ${from}) AS activity`,
  };
}

/**
 * Per-action points (positive ones fading by half-life from their latest
 * occurrence, rounded to a tenth), then their sum in the runtime's slot
 * order — floating-point addition is not associative, and velocity compares
 * the sum with a threshold.
 */
export function actionPointCtes(plan: QueryPlan): Cte[] {
  const d = plan.dialect;
  const decayed = plan.slots.filter((slot) => slot.halfLifeDays !== undefined);
  const ctes: Cte[] = [];
  let from = "last_activity";
  if (decayed.length > 0) {
    const columns = decayed.map(
      (slot) =>
        [
          `${integerLiteral(slot.points)} * ${halfToThe(plan, `(at_ms - ${slot.column}_last_ms) / ${doubleLiteral(d, slot.halfLifeDays! * DAY_MS)}`)} AS ${slot.column}_decayed`,
          `${JSON.stringify(slot.action)}: half-life ${slot.halfLifeDays} days`,
        ] as const,
    );
    ctes.push({ name: "decayed_actions", comment: "Positive points fade: points × 0.5^(age / half-life), age from the latest counted occurrence.", sql: `SELECT last_activity.*,\n    ${selectList(columns)}\n  FROM last_activity` });
    from = "decayed_actions";
  }
  const perAction = plan.slots.map((slot) => {
    const points = slot.halfLifeDays === undefined ? integerLiteral(slot.points) : roundScoreSql(d, `${slot.column}_decayed * 10`);
    return [`CASE WHEN ${slot.column}_last_ms IS NULL THEN 0 ELSE ${points} END AS ${slot.column}_points`, JSON.stringify(slot.action)] as const;
  });
  ctes.push({
    name: "kept_action_points",
    comment: "Each kept action's points, once (0 when not counted); decayed points rounded to a tenth as the runtime does.",
    sql: perAction.length === 0 ? `SELECT ${from}.* FROM ${from}` : `SELECT ${from}.*,\n    ${selectList(perAction)}\n  FROM ${from}`,
  });
  const sum = plan.slots.length === 0 ? "0" : plan.slots.map((slot) => `${slot.column}_points`).join(" + ");
  const total = plan.exitMs === null ? sum : `CASE WHEN at_ms - last_activity_ms > ${doubleLiteral(d, plan.exitMs)} THEN 0 ELSE ${sum} END`;
  ctes.push({
    name: "action_points",
    comment: plan.exitMs === null ? "Action points: the sum, in model order." : "Action points: the sum, in model order; none once the lead has been quiet longer than the exit.",
    sql: `SELECT kept_action_points.*,\n    ${total} AS action_points\n  FROM kept_action_points`,
  });
  return ctes;
}

/**
 * 0.5^exponent as `Math.pow(0.5, exponent)` gives it: 0 from 1075 half-lives
 * on (2^-1075 is a tie between 0 and the smallest subnormal, rounded to
 * even), written out because PostgreSQL's `power` raises "value out of range:
 * underflow" where the result is 0.
 */
function halfToThe(plan: QueryPlan, exponent: string): string {
  const d = plan.dialect;
  return `CASE WHEN ${exponent} >= 1075 THEN CAST(0 AS ${d.types.double}) ELSE ${d.power(doubleLiteral(d, 0.5), exponent)} END`;
}

/** The inactivity penalty while the last activity is old enough. */
export function inactivityPenalty(plan: QueryPlan): Cte {
  const rule = plan.model.decay?.inactivity ?? null;
  const points = rule === null ? "0" : `CASE WHEN last_activity_ms IS NOT NULL AND at_ms - last_activity_ms >= ${doubleLiteral(plan.dialect, rule.days * DAY_MS)} THEN ${integerLiteral(rule.points)} ELSE 0 END`;
  return {
    name: "inactivity_penalty",
    comment: rule === null ? "No inactivity rule in this model." : `Inactivity: ${rule.points} points once the last activity is ${rule.days} days old or more.`,
    sql: `SELECT action_points.*, ${points} AS inactivity_points\n  FROM action_points`,
  };
}

/** Velocity points while action points per day since creation are high enough. */
export function velocityPoints(plan: QueryPlan): Cte {
  const rule = plan.model.velocity ?? null;
  const days = `(at_ms - created_ms) / ${DAY_MS}`;
  const points =
    rule === null
      ? "0"
      : `CASE WHEN created_ms IS NOT NULL AND at_ms > created_ms\n      AND CAST(action_points AS ${plan.dialect.types.double}) / (CASE WHEN ${days} > 1 THEN ${days} ELSE 1 END) >= ${doubleLiteral(plan.dialect, rule.minPointsPerDay)}\n    THEN ${integerLiteral(rule.points)} ELSE 0 END`;
  return {
    name: "velocity_points",
    comment: rule === null ? "No velocity rule in this model." : `Velocity: ${rule.points} points while action points per day since creation (at least one day) reach ${rule.minPointsPerDay}.`,
    sql: `SELECT inactivity_penalty.*,\n    ${points} AS velocity_points\n  FROM inactivity_penalty`,
  };
}

/** PAIN before rounding: profile PAIN + action points + inactivity + velocity, in that order. */
export function unroundedPain(plan: QueryPlan): Cte {
  return {
    name: "unrounded_pain",
    comment: "PAIN before rounding, added in the runtime's order.",
    sql: `SELECT velocity_points.*,\n    CAST(profile_pain AS ${plan.dialect.types.double}) + action_points + inactivity_points + velocity_points.velocity_points AS pain_sum\n  FROM velocity_points`,
  };
}

/** PAIN rounded to a tenth. */
export function pain(plan: QueryPlan): Cte {
  return {
    name: "pain",
    comment: "PAIN rounded to a tenth (Math.round: ties up).",
    sql: `SELECT unrounded_pain.*,\n    ${roundScoreSql(plan.dialect, "pain_sum * 10")} AS pain\n  FROM unrounded_pain`,
  };
}

/** FIT + PAIN before rounding. */
export function unroundedScore(plan: QueryPlan): Cte {
  return {
    name: "unrounded_score",
    comment: "Score = FIT + PAIN, before rounding.",
    sql: `SELECT pain.*,\n    CAST(fit AS ${plan.dialect.types.double}) + pain.pain AS score_sum\n  FROM pain`,
  };
}

/** The score rounded to a tenth. */
export function score(plan: QueryPlan): Cte {
  return {
    name: "score",
    comment: "Score rounded to a tenth.",
    sql: `SELECT unrounded_score.*,\n    ${roundScoreSql(plan.dialect, "score_sum * 10")} AS score\n  FROM unrounded_score`,
  };
}

/**
 * The close probability: linear interpolation on the calibration curve,
 * clipped at its ends — one CASE branch per segment, in order (the runtime's
 * binary search finds the segment with from ≤ score < to; scores ascend
 * strictly), with the runtime's arithmetic on the same DOUBLE values.
 */
export function probability(plan: QueryPlan): Cte {
  const d = plan.dialect;
  const curve = plan.model.probability;
  const value = (x: number) => doubleLiteral(d, x);
  let sql: string;
  if (!curve) sql = `CAST(NULL AS ${d.types.double})`;
  else if (curve.scores.length === 0) sql = `CAST(0 AS ${d.types.double})`;
  else {
    const { scores, probabilities } = curve;
    const last = scores.length - 1;
    const segments = scores.slice(1, -1).map((_, i) => segmentSql(i)).concat(last > 0 ? [segmentSql(last - 1, true)] : []);
    function segmentSql(i: number, isLast = false): string {
      const interpolated = `${value(probabilities[i])} + ((score.score - ${value(scores[i])}) / (${value(scores[i + 1])} - ${value(scores[i])})) * (${value(probabilities[i + 1])} - ${value(probabilities[i])})`;
      return isLast ? `ELSE ${interpolated}` : `WHEN score.score < ${value(scores[i + 1])} THEN ${interpolated}`;
    }
    sql = [
      `CASE WHEN score.score <= ${value(scores[0])} THEN ${value(probabilities[0])}`,
      `WHEN score.score >= ${value(scores[last])} THEN ${value(probabilities[last])}`,
      ...segments,
      "END",
    ].join("\n      ");
  }
  return {
    name: "probability",
    comment: curve ? "Close probability: the calibration curve, interpolated linearly between its points, clipped at its ends." : "No calibration curve in this model: probability is NULL.",
    sql: `SELECT score.*,\n    ${sql} AS probability\n  FROM score`,
  };
}

/** The result: one row per lead, with the SDR-ready flag. */
export function finalSelect(plan: QueryPlan): string {
  const threshold = plan.model.threshold.score;
  const sdrReady = threshold === null ? "FALSE" : `probability.score >= ${doubleLiteral(plan.dialect, threshold)}`;
  return [
    "SELECT",
    "  probability.lead_id,",
    "  probability.account_id,",
    "  probability.score,",
    `  CAST(probability.fit AS ${plan.dialect.types.double}) AS fit,`,
    "  probability.pain,",
    "  probability.probability,",
    `  ${sdrReady} AS sdr_ready`,
    "FROM probability",
  ].join("\n");
}
