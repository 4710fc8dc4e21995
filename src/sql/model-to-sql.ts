import { LeadliftError } from "../errors.js";
import type { ModelV1 } from "../model/types.js";
import { assertModel } from "../runtime/assert-model.js";
import { parseInstant } from "../runtime/parse-instant.js";
import { ScoringError } from "../runtime/scoring-error.js";
import { DAY_MS } from "../runtime/time-rules.js";
import { epochMicrosSql, epochMsSql, instantTextSql, jsTrimSql, localDateTimeSql, lowercaseInSql, roundScoreSql, zoneOffsetSql } from "./js-equivalents.js";
import { profileValueSql } from "./profile-sql.js";
import { doubleLiteral, integerLiteral, quoteIdentifier, quoteTableName, stringLiteral } from "./sql-literals.js";

/** Contract columns of the leads and events tables, which `columns` may rename. */
export type SqlLeadColumn = "lead_id" | "created_at" | "account_id" | "as_of";
export type SqlEventColumn = "lead_id" | "action" | "occurred_at";

/** Options for `modelToSql`. */
export interface ModelToSqlOptions {
  /**
   * The scoring moment as ISO 8601 text (read by the runtime's own parser and
   * written into the query as epoch milliseconds). Default: the named
   * parameter `$at` (ISO text or a TIMESTAMP), bound when the query runs.
   */
  readonly at?: string;
  /** Score each lead at its `as_of` when that cell is set, else at `at` (as `leadlift score` does). Default false. */
  readonly asOf?: boolean;
  /** Table or view names, optionally schema-qualified (`crm.leads`). Default "leads" and "events". */
  readonly leadsTable?: string;
  readonly eventsTable?: string;
  /** Contract column → the table's own column, as in the config file's `columns` (`{ leads: { lead_id: "Prospect ID" } }`). Default: the contract names. */
  readonly columns?: {
    readonly leads?: Readonly<Partial<Record<SqlLeadColumn, string>>>;
    readonly events?: Readonly<Partial<Record<SqlEventColumn, string>>>;
  };
  /**
   * Profile placeholders read as empty, case-insensitively (the config's
   * `profile.missingValues`, which `leadlift score` applies when loading
   * leads). Default none: cells are read as the runtime scorer reads them.
   */
  readonly missingValues?: readonly string[];
}

/** The tables and columns a generated query reads. */
export interface SqlInputs {
  readonly leadsTable: string;
  readonly leadColumns: readonly string[];
  /** Null when the model has no behaviour rule, so events cannot change a score. */
  readonly eventsTable: string | null;
  readonly eventColumns: readonly string[];
  /** Whether the query has a `$at` parameter to bind. */
  readonly atParameter: boolean;
}

/**
 * One SQL query (DuckDB dialect) returning, for every row of the leads
 * table, `lead_id, account_id, score, fit, pain, probability, sdr_ready`
 * exactly as `createScorer(model).score(lead, events, at)` returns them:
 * the same profile transforms, only events strictly before the moment, each
 * kept action counted once with its positive points fading from its latest
 * occurrence, the exit, inactivity and velocity rules, the FIT cap, the same
 * rounding and the same calibration curve. Issue #5: decay is applied
 * identically by training replay, runtime and SQL; the parity tests run the
 * query in DuckDB against the runtime, lead by lead.
 *
 * The query is a chain of CTEs, one per rule, each adding columns to the
 * previous one. It stays close to ANSI SQL (CTEs, CASE, COALESCE, NULLIF,
 * window `lag`/`max`, CAST, VALUES); DuckDB-specific, to replace when porting:
 * the regular-expression functions `regexp_matches`, `regexp_full_match`,
 * `regexp_extract` and `regexp_replace` (RE2 syntax), `translate`, `chr`,
 * `epoch_us`, `isfinite`, `power`, `greatest`, `%`, `error()` (to stop on a
 * date the runtime would refuse), TRY_CAST, UBIGINT (which reads `0x…` and
 * `0b…` text), text → TIMESTAMP casts of ISO 8601 text, and the `$at`
 * parameter syntax. No session time zone takes part: offsets are applied by
 * the query itself.
 *
 * Inputs: leads need `lead_id`, `created_at` (may be NULL), `account_id`
 * (may be NULL) and the profile columns the model reads; events need
 * `lead_id`, `action`, `occurred_at`. Profile columns are read as text: load
 * them as VARCHAR (`read_csv(…, all_varchar = true)`) for category features
 * to see the export's own text (a DOUBLE column reads back as "1.0", not "1").
 * One row per leads row, in no particular order; duplicates are not
 * removed, and ids are joined as they are (not trimmed).
 *
 * @throws LeadliftError "invalid-model" for a model the runtime would refuse,
 *   "bad-option" for an unreadable `at`, "sql-unexpressible" for names SQL
 *   cannot hold.
 * @example modelToSql(model, { at: "2025-03-01T00:00:00Z" }) // "WITH\nlead_cells AS (…) SELECT lead_id, account_id, score, …"
 */
export function modelToSql(modelJson: unknown, options: ModelToSqlOptions = {}): string {
  const model = trustedModel(modelJson);
  const plan = planQuery(model, options);
  const ctes = [
    leadCells(plan),
    ...instantCtes("lead", "lead_cells", leadInstants(plan)),
    scoringMoments(plan),
    ...profileCtes(plan),
    fitCap(plan),
    ...(plan.usesEvents ? [eventRows(plan), ...instantCtes("event", "event_rows", [eventInstant(plan)]), eventsBeforeMoment(), ...exitEpisodes(plan), countedActions(plan)] : []),
    lastActivity(plan),
    ...actionPointCtes(plan),
    inactivityPenalty(plan),
    velocityPoints(plan),
    unroundedPain(),
    pain(),
    unroundedScore(),
    score(),
    ...probabilityCurve(plan),
  ].filter((cte): cte is Cte => cte !== null);
  return renderQuery(ctes, finalSelect(plan));
}

/**
 * The tables and columns the query for `model` reads, for headers and docs.
 * @throws LeadliftError as `modelToSql` does.
 */
export function sqlInputs(modelJson: unknown, options: ModelToSqlOptions = {}): SqlInputs {
  const plan = planQuery(trustedModel(modelJson), options);
  const leadColumns = [plan.leads.lead_id, plan.leads.created_at, plan.leads.account_id];
  if (options.asOf) leadColumns.push(plan.leads.as_of);
  for (const feature of plan.features) if (!leadColumns.includes(feature.sourceColumn)) leadColumns.push(feature.sourceColumn);
  return {
    leadsTable: plan.leadsTable,
    leadColumns,
    eventsTable: plan.usesEvents ? plan.eventsTable : null,
    eventColumns: plan.usesEvents ? [plan.events.lead_id, plan.events.action, plan.events.occurred_at] : [],
    atParameter: options.at === undefined,
  };
}

interface Cte {
  readonly name: string;
  /** What the rule does, in the runtime's words. */
  readonly comment: string;
  readonly sql: string;
}

/** A kept action with non-zero points, in the runtime's slot order (model order). */
interface ActionSlot {
  readonly action: string;
  readonly points: number;
  /** Only positive points fade; undefined: no half-life. */
  readonly halfLifeDays: number | undefined;
  /** Column prefix: `action_1`, `action_2`, … */
  readonly column: string;
}

/** A profile feature with at least one non-zero rule. */
interface FeatureSlot {
  readonly name: string;
  readonly sourceColumn: string;
  readonly role: "fit" | "pain";
  readonly column: string;
  readonly sql: ReturnType<typeof profileValueSql>;
  readonly pointsByValue: ReadonlyMap<string, number>;
  /** Placeholders apply to profile columns, not to the account id (as `loadLeads` does). */
  readonly isProfileColumn: boolean;
}

interface QueryPlan {
  readonly model: ModelV1;
  readonly leadsTable: string;
  readonly eventsTable: string;
  readonly leads: Readonly<Record<SqlLeadColumn, string>>;
  readonly events: Readonly<Record<SqlEventColumn, string>>;
  readonly atMs: number | null;
  readonly asOf: boolean;
  readonly missingValues: readonly string[];
  readonly features: readonly FeatureSlot[];
  readonly slots: readonly ActionSlot[];
  readonly exitMs: number | null;
  /** Whether events of any action matter (as activity for the exit or inactivity rule), not only kept ones. */
  readonly usesActivity: boolean;
  readonly usesEvents: boolean;
}

function trustedModel(modelJson: unknown): ModelV1 {
  try {
    return assertModel(modelJson);
  } catch (error) {
    if (error instanceof ScoringError) throw new LeadliftError("invalid-model", `Cannot generate SQL for this model. ${error.message}`);
    throw error;
  }
}

/** Everything the CTEs need, computed once and the way the runtime's `createScorer` computes it. */
function planQuery(model: ModelV1, options: ModelToSqlOptions): QueryPlan {
  const leads = { lead_id: "lead_id", created_at: "created_at", account_id: "account_id", as_of: "as_of", ...options.columns?.leads };
  const events = { lead_id: "lead_id", action: "action", occurred_at: "occurred_at", ...options.columns?.events };
  const atMs = options.at === undefined ? null : parseInstant(options.at);
  if (options.at !== undefined && atMs === null) {
    throw new LeadliftError("bad-option", `Option "at" must be an ISO 8601 date such as 2025-03-01T00:00:00Z. Got ${JSON.stringify(options.at)}.`);
  }
  const decay = model.decay ?? null;
  const halfLives = decay?.halfLifeDays ?? {};
  const slots = model.actions
    .filter((action) => action.kept && action.points !== 0)
    .map((action, i) => ({
      action: action.action,
      points: action.points,
      // Own properties only: an action named "constructor" has no half-life.
      halfLifeDays: action.points > 0 && Object.hasOwn(halfLives, action.action) ? halfLives[action.action] : undefined,
      column: `action_${i + 1}`,
    }));
  const features = model.profile.features
    .map((feature, i): FeatureSlot => {
      const column = `profile_${i + 1}`;
      const isAccount = feature.column === "account_id";
      return {
        name: feature.name,
        sourceColumn: isAccount ? leads.account_id : feature.column,
        role: feature.role,
        column,
        sql: profileValueSql(feature.transform, `${column}_cell`, column),
        // As the runtime builds it: kept rules of this feature, the last one winning for a repeated value.
        pointsByValue: new Map(model.profile.rules.filter((r) => r.feature === feature.name && r.kept).map((r) => [r.value, r.points] as const)),
        isProfileColumn: !isAccount,
      };
    })
    .filter((feature) => [...feature.pointsByValue.values()].some((points) => points !== 0));
  const exitMs = decay?.exitAfterDays != null ? decay.exitAfterDays * DAY_MS : null;
  const usesActivity = exitMs !== null || (decay?.inactivity ?? null) !== null;
  return {
    model,
    leadsTable: options.leadsTable ?? "leads",
    eventsTable: options.eventsTable ?? "events",
    leads,
    events,
    atMs,
    asOf: options.asOf ?? false,
    missingValues: options.missingValues ?? [],
    features,
    slots,
    exitMs,
    usesActivity,
    usesEvents: slots.length > 0 || usesActivity,
  };
}

function leadCells(plan: QueryPlan): Cte {
  const q = quoteIdentifier;
  const columns = [
    `${q(plan.leads.lead_id)} AS lead_id`,
    `NULLIF(${jsTrimSql(`CAST(${q(plan.leads.account_id)} AS VARCHAR)`)}, '') AS account_id`,
    ...leadInstants(plan).map((instant) => `${instantTextSql(instant.source)} AS ${instant.name}_text`),
    ...plan.features.map((feature) => [`${cleanCellSql(q(feature.sourceColumn), feature.isProfileColumn ? plan.missingValues : [])} AS ${feature.column}_cell`, describeFeature(feature)] as const),
  ];
  return {
    name: "lead_cells",
    comment: "Leads as the runtime reads them: profile cells as trimmed text ('' when empty), instants as trimmed text.",
    sql: `SELECT\n    ${selectList(columns)}\n  FROM ${quoteTableName(plan.leadsTable)}`,
  };
}

/** An instant read from `source` (a column or `$at`) into columns named after `name`. */
interface InstantColumn {
  readonly name: string;
  readonly source: string;
  /** How an error names it, in the runtime's words. */
  readonly label: string;
}

function eventInstant(plan: QueryPlan): InstantColumn {
  return { name: "occurred_at", source: quoteIdentifier(plan.events.occurred_at), label: "event.occurred_at" };
}

function leadInstants(plan: QueryPlan): InstantColumn[] {
  return [
    { name: "created_at", source: quoteIdentifier(plan.leads.created_at), label: "lead.created_at" },
    ...(plan.asOf ? [{ name: "as_of", source: quoteIdentifier(plan.leads.as_of), label: "lead.as_of" }] : []),
    ...(plan.atMs === null ? [{ name: "at", source: "$at", label: "at" }] : []),
  ];
}

/**
 * Instants as the runtime's parser reads them, in two steps after their
 * text: local date-time and zone offset (refusing text the parser refuses),
 * then epoch microseconds.
 */
function instantCtes(prefix: "lead" | "event", from: string, instants: readonly InstantColumn[]): Cte[] {
  const parts = instants.flatMap((i) => [`${localDateTimeSql(`${i.name}_text`, i.label)} AS ${i.name}_local`, `${zoneOffsetSql(`${i.name}_text`)} AS ${i.name}_offset`]);
  const micros = instants.map((i) => `${epochMicrosSql(`${i.name}_local`, `${i.name}_offset`)} AS ${i.name}_us`);
  return [
    {
      name: `${prefix}_instant_parts`,
      comment: "ISO 8601 text split into local date-time and zone offset; other text stops the query, as the runtime throws.",
      sql: `SELECT ${from}.*,\n    ${selectList(parts)}\n  FROM ${from}`,
    },
    {
      name: `${prefix}_instants`,
      comment: "Epoch microseconds: the local time read as UTC, minus the offset (no session time zone takes part).",
      sql: `SELECT ${prefix}_instant_parts.*,\n    ${selectList(micros)}\n  FROM ${prefix}_instant_parts`,
    },
  ];
}

/** The cell as the runtime's transforms see it: text, trimmed, '' for empty or a placeholder. */
function cleanCellSql(column: string, missingValues: readonly string[]): string {
  const text = `coalesce(${jsTrimSql(`CAST(${column} AS VARCHAR)`)}, '')`;
  if (missingValues.length === 0) return text;
  return `CASE WHEN ${lowercaseInSql(text, missingValues.map((value) => value.trim().toLowerCase()))} THEN '' ELSE ${text} END`;
}

function scoringMoments(plan: QueryPlan): Cte {
  const at = plan.atMs === null ? epochMsSql("at_us") : doubleLiteral(plan.atMs);
  const moment = plan.asOf ? `coalesce(${epochMsSql("as_of_us")}, ${at})` : at;
  return {
    name: "scoring_moments",
    comment: `Epoch milliseconds of creation and of the scoring moment (${plan.asOf ? "as_of, else " : ""}${plan.atMs === null ? "$at" : "the given moment"}).`,
    sql: `SELECT lead_instants.*,\n    ${epochMsSql("created_at_us")} AS created_ms,\n    ${moment} AS at_ms\n  FROM lead_instants`,
  };
}

function profileCtes(plan: QueryPlan): Cte[] {
  const stage = (name: string, comment: string, from: string, columns: string[]): Cte => ({
    name,
    comment,
    sql: columns.length === 0 ? `SELECT ${from}.* FROM ${from}` : `SELECT ${from}.*,\n    ${selectList(columns)}\n  FROM ${from}`,
  });
  const aliased = (pairs: ReadonlyArray<readonly [string, string]>) => pairs.map(([alias, sql]) => `${sql} AS ${alias}`);
  const inputs = plan.features.flatMap((f) => aliased(f.sql.inputs));
  const numbers = plan.features.flatMap((f) => aliased(f.sql.numbers));
  const ctes: Cte[] = [];
  let from = "scoring_moments";
  if (inputs.length > 0) {
    ctes.push(stage("profile_inputs", "What the transforms look at: number text without commas and spaces, ASCII-lowercased titles, email domains.", from, inputs));
    from = "profile_inputs";
  }
  if (numbers.length > 0) {
    ctes.push(stage("profile_numbers", "Numbers as JavaScript's Number() reads them (NULL where it gives NaN).", from, numbers));
    from = "profile_numbers";
  }
  ctes.push(stage("profile_values", "Each feature's value: the runtime's category levels, bands, email type, seniority, target account.", from, plan.features.map((f) => `${f.sql.value} AS ${f.column}_value`)));
  const pointsOf = (role: "fit" | "pain") => {
    const terms = plan.features.filter((f) => f.role === role).map(featurePointsSql);
    return terms.length === 0 ? "0" : terms.join("\n      + ");
  };
  ctes.push(
    stage("profile_points", "Points per profile value (kept rules); FIT from fit features, PAIN from behaviour columns.", "profile_values", [
      `${pointsOf("fit")} AS fit_before_cap`,
      `${pointsOf("pain")} AS profile_pain`,
    ]),
  );
  return ctes;
}

function featurePointsSql(feature: FeatureSlot): string {
  const cases = [...feature.pointsByValue].filter(([, points]) => points !== 0).map(([value, points]) => `WHEN ${stringLiteral(value)} THEN ${integerLiteral(points)}`);
  return `CASE ${feature.column}_value ${cases.join(" ")} ELSE 0 END`;
}

function fitCap(plan: QueryPlan): Cte {
  const cap = plan.model.profile.fitCap ?? null;
  return {
    name: "fit_cap",
    comment: cap === null ? "No FIT cap in this model." : `FIT capped at ${cap}, so that profile alone does not make a lead SDR-ready.`,
    sql: `SELECT profile_points.*, ${cap === null ? "fit_before_cap" : `CASE WHEN fit_before_cap > ${integerLiteral(cap)} THEN ${integerLiteral(cap)} ELSE fit_before_cap END`} AS fit\n  FROM profile_points`,
  };
}

function eventRows(plan: QueryPlan): Cte {
  const q = quoteIdentifier;
  // Without an exit or inactivity rule only kept actions matter, and the runtime reads no other event.
  const where = plan.usesActivity ? "" : `\n  WHERE ${q(plan.events.action)} IN (${plan.slots.map((s) => stringLiteral(s.action)).join(", ")})`;
  return {
    name: "event_rows",
    comment: plan.usesActivity ? "Every event: any action counts as activity for the exit and inactivity rules." : "Events of kept actions (no other event can change a score of this model).",
    sql: `SELECT ${q(plan.events.lead_id)} AS lead_id, ${q(plan.events.action)} AS action, ${instantTextSql(eventInstant(plan).source)} AS occurred_at_text\n  FROM ${quoteTableName(plan.eventsTable)}${where}`,
  };
}

function eventsBeforeMoment(): Cte {
  return {
    name: "events_before_moment",
    comment: "Only events strictly before the lead's scoring moment count (the leakage rule).",
    sql: `SELECT * FROM (\n    SELECT event_instants.lead_id, event_instants.action, ${epochMsSql("event_instants.occurred_at_us")} AS occurred_ms, scoring_moments.at_ms\n    FROM event_instants JOIN scoring_moments ON event_instants.lead_id = scoring_moments.lead_id\n  ) AS timed\n  WHERE occurred_ms < at_ms`,
  };
}

/** The exit rule's episodes: the current one starts after the last gap longer than the exit. */
function exitEpisodes(plan: QueryPlan): Cte[] {
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
      sql: `SELECT exit_gaps.*,\n    max(CASE WHEN gap_ms > ${doubleLiteral(plan.exitMs)} THEN occurred_ms END) OVER (PARTITION BY lead_id) AS episode_start_ms\n  FROM exit_gaps`,
    },
  ];
}

function countedActions(plan: QueryPlan): Cte {
  const from = plan.exitMs === null ? "events_before_moment" : "exit_episodes";
  const inEpisode = plan.exitMs === null ? "" : " AND (episode_start_ms IS NULL OR occurred_ms >= episode_start_ms)";
  const columns = [
    "max(occurred_ms) AS latest_event_ms",
    ...plan.slots.map((slot) => [`max(CASE WHEN action = ${stringLiteral(slot.action)}${inEpisode} THEN occurred_ms END) AS ${slot.column}_last_ms`, JSON.stringify(slot.action)] as const),
  ];
  return {
    name: "counted_actions",
    comment: "Per lead: the latest event, and each kept action's latest counted occurrence (NULL: not counted). Repeats count once.",
    sql: `SELECT lead_id,\n    ${selectList(columns)}\n  FROM ${from}\n  GROUP BY lead_id`,
  };
}

function lastActivity(plan: QueryPlan): Cte {
  const eventColumns = ["latest_event_ms", ...plan.slots.map((slot) => `${slot.column}_last_ms`)];
  const joined = plan.usesEvents
    ? ["fit_cap.*", ...eventColumns.map((column) => `counted_actions.${column}`)].join(", ")
    : "fit_cap.*, CAST(NULL AS DOUBLE) AS latest_event_ms";
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
function actionPointCtes(plan: QueryPlan): Cte[] {
  const decayed = plan.slots.filter((slot) => slot.halfLifeDays !== undefined);
  const ctes: Cte[] = [];
  let from = "last_activity";
  if (decayed.length > 0) {
    const columns = decayed.map(
      (slot) =>
        [
          `${integerLiteral(slot.points)} * power(0.5, (at_ms - ${slot.column}_last_ms) / ${doubleLiteral(slot.halfLifeDays! * DAY_MS)}) AS ${slot.column}_decayed`,
          `${JSON.stringify(slot.action)}: half-life ${slot.halfLifeDays} days`,
        ] as const,
    );
    ctes.push({ name: "decayed_actions", comment: "Positive points fade: points × 0.5^(age / half-life), age from the latest counted occurrence.", sql: `SELECT last_activity.*,\n    ${selectList(columns)}\n  FROM last_activity` });
    from = "decayed_actions";
  }
  const perAction = plan.slots.map((slot) => {
    const points = slot.halfLifeDays === undefined ? integerLiteral(slot.points) : roundScoreSql(`${slot.column}_decayed * 10`);
    return [`CASE WHEN ${slot.column}_last_ms IS NULL THEN 0 ELSE ${points} END AS ${slot.column}_points`, JSON.stringify(slot.action)] as const;
  });
  ctes.push({
    name: "kept_action_points",
    comment: "Each kept action's points, once (0 when not counted); decayed points rounded to a tenth as the runtime does.",
    sql: perAction.length === 0 ? `SELECT ${from}.* FROM ${from}` : `SELECT ${from}.*,\n    ${selectList(perAction)}\n  FROM ${from}`,
  });
  const sum = plan.slots.length === 0 ? "0" : plan.slots.map((slot) => `${slot.column}_points`).join(" + ");
  const total = plan.exitMs === null ? sum : `CASE WHEN at_ms - last_activity_ms > ${doubleLiteral(plan.exitMs)} THEN 0 ELSE ${sum} END`;
  ctes.push({
    name: "action_points",
    comment: plan.exitMs === null ? "Action points: the sum, in model order." : "Action points: the sum, in model order; none once the lead has been quiet longer than the exit.",
    sql: `SELECT kept_action_points.*,\n    ${total} AS action_points\n  FROM kept_action_points`,
  });
  return ctes;
}

function inactivityPenalty(plan: QueryPlan): Cte {
  const rule = plan.model.decay?.inactivity ?? null;
  const points = rule === null ? "0" : `CASE WHEN last_activity_ms IS NOT NULL AND at_ms - last_activity_ms >= ${doubleLiteral(rule.days * DAY_MS)} THEN ${integerLiteral(rule.points)} ELSE 0 END`;
  return {
    name: "inactivity_penalty",
    comment: rule === null ? "No inactivity rule in this model." : `Inactivity: ${rule.points} points once the last activity is ${rule.days} days old or more.`,
    sql: `SELECT action_points.*, ${points} AS inactivity_points\n  FROM action_points`,
  };
}

function velocityPoints(plan: QueryPlan): Cte {
  const rule = plan.model.velocity ?? null;
  const days = `(at_ms - created_ms) / ${DAY_MS}`;
  const points =
    rule === null
      ? "0"
      : `CASE WHEN created_ms IS NOT NULL AND at_ms > created_ms\n      AND CAST(action_points AS DOUBLE) / (CASE WHEN ${days} > 1 THEN ${days} ELSE 1 END) >= ${doubleLiteral(rule.minPointsPerDay)}\n    THEN ${integerLiteral(rule.points)} ELSE 0 END`;
  return {
    name: "velocity_points",
    comment: rule === null ? "No velocity rule in this model." : `Velocity: ${rule.points} points while action points per day since creation (at least one day) reach ${rule.minPointsPerDay}.`,
    sql: `SELECT inactivity_penalty.*,\n    ${points} AS velocity_points\n  FROM inactivity_penalty`,
  };
}

function unroundedPain(): Cte {
  return {
    name: "unrounded_pain",
    comment: "PAIN before rounding, added in the runtime's order.",
    sql: "SELECT velocity_points.*,\n    CAST(profile_pain AS DOUBLE) + action_points + inactivity_points + velocity_points.velocity_points AS pain_sum\n  FROM velocity_points",
  };
}

function pain(): Cte {
  return {
    name: "pain",
    comment: "PAIN rounded to a tenth (Math.round: ties up).",
    sql: `SELECT unrounded_pain.*,\n    ${roundScoreSql("pain_sum * 10")} AS pain\n  FROM unrounded_pain`,
  };
}

function unroundedScore(): Cte {
  return {
    name: "unrounded_score",
    comment: "Score = FIT + PAIN, before rounding.",
    sql: "SELECT pain.*,\n    CAST(fit AS DOUBLE) + pain.pain AS score_sum\n  FROM pain",
  };
}

function score(): Cte {
  return {
    name: "score",
    comment: "Score rounded to a tenth.",
    sql: `SELECT unrounded_score.*,\n    ${roundScoreSql("score_sum * 10")} AS score\n  FROM unrounded_score`,
  };
}

function probabilityCurve(plan: QueryPlan): Cte[] {
  const curve = plan.model.probability;
  if (!curve || curve.scores.length < 2) return [];
  const rows = curve.scores.slice(1).map((toScore, i) => {
    const values = [curve.scores[i], toScore, curve.probabilities[i], curve.probabilities[i + 1]].map(doubleLiteral);
    return `(${values.join(", ")})`;
  });
  return [
    {
      name: "probability_curve",
      comment: "Segments of the calibration curve (score → close probability).",
      sql: `SELECT * FROM (VALUES\n    ${rows.join(",\n    ")}\n  ) AS segment (from_score, to_score, from_probability, to_probability)`,
    },
  ];
}

/** Probability by linear interpolation, clipped at the curve's ends; the SDR-ready flag. */
function finalSelect(plan: QueryPlan): string {
  const curve = plan.model.probability;
  let probability: string;
  let join = "";
  if (!curve) probability = "CAST(NULL AS DOUBLE)";
  else if (curve.scores.length === 0) probability = "CAST(0 AS DOUBLE)";
  else {
    const last = curve.scores.length - 1;
    const ends = `WHEN score.score <= ${doubleLiteral(curve.scores[0])} THEN ${doubleLiteral(curve.probabilities[0])} WHEN score.score >= ${doubleLiteral(curve.scores[last])} THEN ${doubleLiteral(curve.probabilities[last])}`;
    const inside =
      last === 0 ? "" : " ELSE segment.from_probability + ((score.score - segment.from_score) / (segment.to_score - segment.from_score)) * (segment.to_probability - segment.from_probability)";
    probability = `CASE ${ends}${inside} END`;
    if (last > 0) join = "\nLEFT JOIN probability_curve AS segment ON score.score >= segment.from_score AND score.score < segment.to_score";
  }
  const threshold = plan.model.threshold.score;
  const sdrReady = threshold === null ? "FALSE" : `score.score >= ${doubleLiteral(threshold)}`;
  return [
    "SELECT",
    "  score.lead_id,",
    "  score.account_id,",
    "  score.score,",
    "  CAST(score.fit AS DOUBLE) AS fit,",
    "  score.pain,",
    `  ${probability} AS probability,`,
    `  ${sdrReady} AS sdr_ready`,
    `FROM score${join}`,
  ].join("\n");
}

/** A select list, one item a line; an item's comment follows its comma, so that the comment cannot swallow it. */
function selectList(items: ReadonlyArray<string | readonly [sql: string, comment: string]>): string {
  return items
    .map((item, i) => {
      const [sql, comment] = typeof item === "string" ? [item, null] : item;
      return `${sql}${i < items.length - 1 ? "," : ""}${comment === null ? "" : ` -- ${comment}`}`;
    })
    .join("\n    ");
}

function renderQuery(ctes: readonly Cte[], select: string): string {
  const body = ctes.map((cte) => `-- ${cte.comment}\n${cte.name} AS (\n  ${cte.sql}\n)`).join(",\n");
  return `WITH\n${body}\n${select}\n`;
}

function describeFeature(feature: FeatureSlot): string {
  return `${JSON.stringify(feature.name)} (${feature.role}) from column ${JSON.stringify(feature.sourceColumn)}`;
}
