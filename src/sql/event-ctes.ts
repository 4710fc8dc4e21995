import { selectList, type Cte } from "./cte.js";
import { eventInstant } from "./instant-ctes.js";
import { instantTextSql } from "./js-equivalents.js";
import type { QueryPlan } from "./query-plan.js";
import { doubleLiteral } from "./sql-literals.js";

/** The events table, read (only kept actions when no rule looks at other events). */
export function eventRows(plan: QueryPlan): Cte {
  const d = plan.dialect;
  const q = d.identifier;
  // Without an exit or inactivity rule only kept actions matter, and the runtime reads no other event.
  const where = plan.usesActivity ? "" : `\n  WHERE ${q(plan.events.action)} IN (${plan.slots.map((s) => d.string(s.action)).join(", ")})`;
  return {
    name: "event_rows",
    comment: plan.usesActivity ? "Every event: any action counts as activity for the exit and inactivity rules." : "Events of kept actions (no other event can change a score of this model).",
    sql: `SELECT ${q(plan.events.lead_id)} AS lead_id, ${q(plan.events.action)} AS action, ${instantTextSql(d, eventInstant(plan).source)} AS occurred_at_text\n  FROM ${d.tableName(plan.eventsTable)}${where}`,
  };
}

/** Events strictly before their lead's scoring moment, in epoch milliseconds. */
export function eventsBeforeMoment(): Cte {
  return {
    name: "events_before_moment",
    comment: "Only events strictly before the lead's scoring moment count (the leakage rule).",
    sql: `SELECT * FROM (\n    SELECT event_instants.lead_id, event_instants.action, event_instants.occurred_at_epoch_ms AS occurred_ms, scoring_moments.at_ms\n    FROM event_instants JOIN scoring_moments ON event_instants.lead_id = scoring_moments.lead_id\n  ) AS timed\n  WHERE occurred_ms < at_ms`,
  };
}

/** The exit rule's episodes: the current one starts after the last gap longer than the exit. */
export function exitEpisodes(plan: QueryPlan): Cte[] {
  if (plan.exitMs === null) return [];
  return [
    {
      name: "exit_gaps",
      comment: "Time since the lead's previous activity, for each event.",
      sql: "SELECT events_before_moment.*,\n    occurred_ms - lag(occurred_ms) OVER (PARTITION BY lead_id ORDER BY occurred_ms) AS gap_ms\n  FROM events_before_moment",
    },
    {
      name: "exit_episodes",
      comment: `Exit after ${plan.model.decay?.exitAfterDays} days: actions before the last longer gap no longer count (episode_start_ms NULL: no such gap).`,
      sql: `SELECT exit_gaps.*,\n    max(CASE WHEN gap_ms > ${doubleLiteral(plan.dialect, plan.exitMs)} THEN occurred_ms END) OVER (PARTITION BY lead_id) AS episode_start_ms\n  FROM exit_gaps`,
    },
  ];
}

/** Per lead: the latest event and each kept action's latest counted occurrence. */
export function countedActions(plan: QueryPlan): Cte {
  const from = plan.exitMs === null ? "events_before_moment" : "exit_episodes";
  const inEpisode = plan.exitMs === null ? "" : " AND (episode_start_ms IS NULL OR occurred_ms >= episode_start_ms)";
  const columns = [
    "max(occurred_ms) AS latest_event_ms",
    ...plan.slots.map((slot) => [`max(CASE WHEN action = ${plan.dialect.string(slot.action)}${inEpisode} THEN occurred_ms END) AS ${slot.column}_last_ms`, JSON.stringify(slot.action)] as const),
  ];
  return {
    name: "counted_actions",
    comment: "Per lead: the latest event, and each kept action's latest counted occurrence (NULL: not counted). Repeats count once.",
    sql: `SELECT lead_id,\n    ${selectList(columns)}\n  FROM ${from}\n  GROUP BY lead_id`,
  };
}
