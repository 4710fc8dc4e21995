/**
 * The statistics queries of training, as SQL built by functions — the
 * DuckDB engine runs them, and `leadlift train-sql` emits them for any
 * dialect (see docs/training-sql.md: what each returns and which estimator
 * uses it). Every query reads named tables:
 *
 * - `events(lead, t, action, category, seq)`: one row per used event;
 *   `lead` identifies the lead, `t` is epoch milliseconds, `action` and
 *   `category` are dictionary ids (category −1: none), `seq` increases with
 *   the event's row in the export.
 * - `population(lead, i, cutoff, won, created, at_risk)`: the closed leads
 *   a model learns from — `i` their index in training, `cutoff` the
 *   point-in-time cut-off (NULL: unknown, every event counts), `won` 1/0,
 *   `created` epoch ms, `at_risk` the landmarks they are compared at.
 * - `scope(lead)`: every lead of the export part the population comes from
 *   (open leads included), for the order in which actions first appear.
 * - `features(i, action, n, first_at, last_at)`: the rows of
 *   `leadActionFeaturesSql`, kept once per population so the landmark
 *   statistics read them instead of scanning the events again.
 *
 * The text is portable SQL (CTEs, CASE, window `lead`/`row_number`, `IN`
 * subqueries, `least`); what differs between engines — a set union without
 * duplicates, a sorted list of design columns, type names — is asked of the
 * `SqlDialect`, so the same functions serve the DuckDB engine and
 * `leadlift train-sql` (`training-queries.ts`).
 */

import type { SqlDialect } from "../sql/dialects/index.js";

/** Names of the tables the queries read. */
export interface TrainingTables {
  readonly events: string;
  readonly population: string;
  readonly scope: string;
  readonly features: string;
}

/** The point-in-time rule: an event counts for a population lead only strictly before its cut-off. */
export function countedSql(event: string, population: string): string {
  return `(${population}.cutoff IS NULL OR ${event}.t < ${population}.cutoff)`;
}

/**
 * Each action's first appearance (smallest `seq`) among the scope's events:
 * the order of the actions, as reading the file row by row gives it.
 * Returns action, first_seq.
 */
export function actionOrderSql(t: TrainingTables): string {
  return `SELECT e.action, min(e.seq) AS first_seq
FROM ${t.events} e
WHERE ${inScopeSql("e", t)}
GROUP BY e.action`;
}

/**
 * How often each (action, category) pair occurs among the scope's events,
 * and its first appearance: an action's category is its most frequent one
 * (ties: the one seen first). Returns action, category, n, first_seq.
 */
export function actionCategoriesSql(t: TrainingTables): string {
  return `SELECT e.action, e.category, count(*) AS n, min(e.seq) AS first_seq
FROM ${t.events} e
WHERE ${inScopeSql("e", t)} AND e.category >= 0
GROUP BY e.action, e.category`;
}

/**
 * `actionOrderSql` and `actionCategoriesSql` in one scan of the scope's
 * events: every (action, category) pair, the "no category" ones (category
 * < 0) included, with its count and first appearance. An action's first
 * appearance is the smallest first_seq of its rows; its category is chosen
 * among its rows with category >= 0. Returns action, category, n, first_seq.
 */
export function actionCategoryFirstsSql(t: TrainingTables): string {
  return `SELECT e.action, e.category, count(*) AS n, min(e.seq) AS first_seq
FROM ${t.events} e
WHERE ${inScopeSql("e", t)}
GROUP BY e.action, e.category`;
}

/**
 * `actionCategoryFirstsSql` for a scope of the leads numbered 0 … leads − 1
 * (every lead of an export whose `lead` numbers them so: the DuckDB
 * engine's): a range test instead of the semi-join, which took two thirds
 * of the statement's time (0.18 of 0.27 s at 200k leads / 9.9M events).
 */
export function actionCategoryFirstsOfLeadsSql(t: TrainingTables, leads: number): string {
  return `SELECT e.action, e.category, count(*) AS n, min(e.seq) AS first_seq
FROM ${t.events} e
WHERE e.lead >= 0 AND e.lead < ${leads}
GROUP BY e.action, e.category`;
}

/**
 * The per-lead features: for every population lead and action it did
 * before its cut-off, how often and the first and last time. Returns i,
 * action, n, first_at, last_at (one row per lead and action done).
 */
export function leadActionFeaturesSql(t: TrainingTables): string {
  return `SELECT p.i, e.action, count(*) AS n, min(e.t) AS first_at, max(e.t) AS last_at
FROM ${t.events} e JOIN ${t.population} p ON e.lead = p.lead
WHERE ${countedSql("e", "p")}
GROUP BY p.i, e.action`;
}

/**
 * Events counted (before the cut-off), after it, and of leads outside the
 * population (open leads). Returns counted, after_cutoff, untrained.
 */
export function eventTotalsSql(t: TrainingTables): string {
  // count(CASE WHEN … THEN 1 END) counts the rows meeting the condition, as FILTER would, in every dialect.
  return `SELECT count(CASE WHEN p.i IS NOT NULL AND ${countedSql("e", "p")} THEN 1 END) AS counted,
  count(CASE WHEN p.i IS NOT NULL AND NOT ${countedSql("e", "p")} THEN 1 END) AS after_cutoff,
  count(CASE WHEN p.i IS NULL THEN 1 END) AS untrained
FROM ${t.events} e LEFT JOIN ${t.population} p ON e.lead = p.lead
WHERE ${inScopeSql("e", t)}`;
}

/** Whether an event's lead is in the scope (a semi-join, spelt as `IN` so that every engine reads it). */
function inScopeSql(event: string, t: TrainingTables): string {
  return `${event}.lead IN (SELECT s.lead FROM ${t.scope} s)`;
}

/**
 * The landmark at which a population lead starts to count as having done
 * an action: the first landmark strictly after its first occurrence before
 * the cut-off (0 when it came before creation), at most `at_risk` — the
 * "did it before this landmark" split of the landmark comparison.
 * @param stepMs milliseconds between landmarks.
 */
export function switchLandmarkSql(firstAt: string, population: string, stepMs: number, dialect: SqlDialect): string {
  // An integer landmark (not floor's DOUBLE), so that every engine groups, unions and joins it as one.
  return `least(${population}.at_risk, CASE WHEN ${firstAt} < ${population}.created THEN 0 ELSE CAST(floor((${firstAt} - ${population}.created) / ${stepMs}) AS ${dialect.types.integer}) + 1 END)`;
}

/**
 * The sufficient statistic of an action's landmark comparison (lift, and
 * its lead-clustered variance): how many population leads at risk share
 * each (action, switch landmark, at-risk landmarks, outcome) — a lead is
 * "without" the action at landmarks 0 … switch − 1 and "with" it from
 * switch to at_risk − 1. Leads that never did the action are not listed
 * (they are "without" throughout: the population's counts by (at_risk,
 * won) minus these). Returns action, switch_k, at_risk, won, leads.
 */
export function landmarkGroupsSql(t: TrainingTables, stepMs: number, dialect: SqlDialect): string {
  return `SELECT action, switch_k, at_risk, won, count(*) AS leads
FROM (
  SELECT f.action, ${switchLandmarkSql("f.first_at", "p", stepMs, dialect)} AS switch_k, p.at_risk, p.won
  FROM ${t.features} f JOIN ${t.population} p ON p.i = f.i
  WHERE p.at_risk > 0
) doers
GROUP BY action, switch_k, at_risk, won`;
}

/**
 * The population's leads at risk by (at_risk, won): with `landmarkGroupsSql`,
 * the leads that never did an action are these counts minus its doers.
 * Returns at_risk, won, leads. For `leadlift train-sql` only: the DuckDB
 * engine counts these in JavaScript from its landmark grid.
 */
export function atRiskTotalsSql(t: TrainingTables): string {
  return `SELECT at_risk, won, count(*) AS leads
FROM ${t.population}
WHERE at_risk > 0
GROUP BY at_risk, won`;
}

/** Tables the stacked design queries read besides the training tables. */
export interface DesignTables extends TrainingTables {
  /** design_actions(action, col): the estimable actions and their design column. */
  readonly designActions: string;
  /** lead_profile(i, signature): each population lead's set of profile columns, as a signature id — a row for every lead with at_risk > 0 (an empty set too): `designSegmentsSql` inner-joins it. */
  readonly leadProfile: string;
  /** bands(first_k, col): the first landmark of each lead-age band after the first, and its column. */
  readonly bands: string;
}

/**
 * The stacked landmark design, compressed: each population lead's at-risk
 * landmarks cut into segments at the landmarks where one of its columns
 * changes (an action starts to count, an age band begins), with the
 * actions done by the segment's start, its profile signature and its age
 * band. Returns i, from_k, weight (landmarks in the segment), won,
 * action_cols (the design columns, ascending, as text joined by ","; ""
 * for none: `SqlDialect.sortedIntegerList`), signature, band (0: the
 * youngest band).
 */
export function designSegmentsSql(t: DesignTables, stepMs: number, dialect: SqlDialect): string {
  const union = dialect.unionDistinct;
  // The age band (the bands begun by the segment's start) is counted through a LEFT JOIN on the tiny bands table, not a
  // correlated count(*) subquery: BigQuery cannot de-correlate one whose condition is an inequality.
  return `WITH switches AS (
  SELECT p.i, d.col, ${switchLandmarkSql("f.first_at", "p", stepMs, dialect)} AS switch_k
  FROM ${t.features} f JOIN ${t.population} p ON p.i = f.i JOIN ${t.designActions} d ON d.action = f.action
  WHERE p.at_risk > 0
),
breaks AS (
  SELECT i, 0 AS k FROM ${t.population} WHERE at_risk > 0
  ${union} SELECT i, at_risk FROM ${t.population} WHERE at_risk > 0
  ${union} SELECT s.i, s.switch_k FROM switches s JOIN ${t.population} p ON p.i = s.i WHERE s.switch_k > 0 AND s.switch_k < p.at_risk
  ${union} SELECT p.i, b.first_k FROM ${t.population} p CROSS JOIN ${t.bands} b WHERE b.first_k > 0 AND b.first_k < p.at_risk
),
bounds AS (
  SELECT i, k AS from_k, lead(k) OVER (PARTITION BY i ORDER BY k) AS to_k FROM breaks
),
segments AS (
  SELECT g.i, g.from_k, g.to_k, count(b.first_k) AS band
  FROM bounds g LEFT JOIN ${t.bands} b ON b.first_k <= g.from_k
  WHERE g.to_k IS NOT NULL
  GROUP BY g.i, g.from_k, g.to_k
)
SELECT g.i, g.from_k, g.to_k - g.from_k AS weight, p.won,
  ${dialect.sortedIntegerList("s.col")} AS action_cols,
  lp.signature,
  g.band
FROM segments g
JOIN ${t.population} p ON p.i = g.i
JOIN ${t.leadProfile} lp ON lp.i = g.i
LEFT JOIN switches s ON s.i = g.i AND s.switch_k <= g.from_k
GROUP BY g.i, g.from_k, g.to_k, g.band, p.won, lp.signature`;
}

/**
 * The distinct patterns of the design (a weighted fit on them is exact:
 * the log-likelihood is a sum over rows), in the order they first appear
 * (by lead, then landmark) — the order the in-process fit sees them in.
 * Returns p (0-based), won, action_cols, signature, band, weight.
 * @param segments a table of `designSegmentsSql`'s rows.
 */
export function designPatternsSql(segments: string, dialect: SqlDialect): string {
  const { bigint, integer } = dialect.types;
  return `SELECT CAST(row_number() OVER (ORDER BY min(CAST(i AS ${bigint}) * 1000000 + from_k)) - 1 AS ${integer}) AS p, won, action_cols, signature, band, sum(weight) AS weight
FROM ${segments}
GROUP BY won, action_cols, signature, band
ORDER BY p`;
}

/**
 * The design's size: the number of leads with at least one landmark
 * (clusters) and of landmarks (weight). Returns clusters, weight.
 * @param segments a table of `designSegmentsSql`'s rows.
 */
export function designTotalsSql(segments: string): string {
  return `SELECT count(DISTINCT i) AS clusters, sum(weight) AS weight FROM ${segments}`;
}

/**
 * Each segment's pattern, for the cluster meat. Returns i, p, weight.
 * @param segments a table of `designSegmentsSql`'s rows.
 * @param patterns a table of `designPatternsSql`'s rows.
 */
export function segmentPatternsSql(segments: string, patterns: string): string {
  return `SELECT s.i, p.p, s.weight
FROM ${segments} s JOIN ${patterns} p ON p.won = s.won AND p.action_cols = s.action_cols AND p.signature = s.signature AND p.band = s.band`;
}

/**
 * The meat of the lead-clustered sandwich, M = Σ over leads of UᵢUᵢᵀ with
 * Uᵢ = Σ over the lead's segments of weight·scale·(won − p̂)·x, given the
 * fitted coefficients through each pattern's residual factor. Returns j, k,
 * m (one row per pair of design columns with a non-zero entry; column 0 is
 * the intercept).
 * @param segmentPatterns table (i, p, weight): each segment's pattern.
 * @param residuals table (p, rho): won − p̂ of each pattern, from the fit.
 * @param patternColumns table (p, j): the columns of each pattern, numbered as β: j = 0 the intercept (every pattern), j = c + 1 design column c.
 */
export function clusterMeatSql(segmentPatterns: string, residuals: string, patternColumns: string, scale: number): string {
  return `WITH u AS (
  SELECT s.i, c.j, sum(s.weight * ${scale} * r.rho) AS u
  FROM ${segmentPatterns} s JOIN ${residuals} r ON r.p = s.p JOIN ${patternColumns} c ON c.p = s.p
  GROUP BY s.i, c.j
)
SELECT a.j, b.j AS k, sum(a.u * b.u) AS m
FROM u a JOIN u b ON a.i = b.i
GROUP BY a.j, b.j`;
}
