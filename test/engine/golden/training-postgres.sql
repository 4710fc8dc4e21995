-- leadlift training statistics (PostgreSQL), statement 1 of 13: action_order
-- Each action's first appearance (smallest seq) among the scope's events: the order of the actions.
-- Stage "export": needs only the tables made from the export. Landmarks every 1 day(s).
-- Export its result.
SELECT e.action, min(e.seq) AS first_seq
FROM ll_events e
WHERE e.lead IN (SELECT s.lead FROM ll_scope s)
GROUP BY e.action;

-- leadlift training statistics (PostgreSQL), statement 2 of 13: action_categories
-- Count and first appearance of each (action, category): an action's category is its most frequent (ties: seen first).
-- Stage "export": needs only the tables made from the export. Landmarks every 1 day(s).
-- Export its result.
SELECT e.action, e.category, count(*) AS n, min(e.seq) AS first_seq
FROM ll_events e
WHERE e.lead IN (SELECT s.lead FROM ll_scope s) AND e.category >= 0
GROUP BY e.action, e.category;

-- leadlift training statistics (PostgreSQL), statement 3 of 13: features
-- Per population lead and action done before its cut-off: count, first and last time.
-- Stage "export": needs only the tables made from the export. Landmarks every 1 day(s).
-- Creates ll_features (kept in the warehouse for the statements after it; run it in a schema without that table).
CREATE TABLE ll_features AS
SELECT p.i, e.action, count(*) AS n, min(e.t) AS first_at, max(e.t) AS last_at
FROM ll_events e JOIN ll_population p ON e.lead = p.lead
WHERE (p.cutoff IS NULL OR e.t < p.cutoff)
GROUP BY p.i, e.action;

-- leadlift training statistics (PostgreSQL), statement 4 of 13: lead_action_features
-- The features table's rows (per lead: the input of the indicators, drift shares and estimability).
-- Stage "export": needs only the tables made from the export. Landmarks every 1 day(s).
-- Export its result.
SELECT i, action, n, first_at, last_at FROM ll_features;

-- leadlift training statistics (PostgreSQL), statement 5 of 13: event_totals
-- Events counted (before the cut-off), after it, and of leads outside the population.
-- Stage "export": needs only the tables made from the export. Landmarks every 1 day(s).
-- Export its result.
SELECT count(CASE WHEN p.i IS NOT NULL AND (p.cutoff IS NULL OR e.t < p.cutoff) THEN 1 END) AS counted,
  count(CASE WHEN p.i IS NOT NULL AND NOT (p.cutoff IS NULL OR e.t < p.cutoff) THEN 1 END) AS after_cutoff,
  count(CASE WHEN p.i IS NULL THEN 1 END) AS untrained
FROM ll_events e LEFT JOIN ll_population p ON e.lead = p.lead
WHERE e.lead IN (SELECT s.lead FROM ll_scope s);

-- leadlift training statistics (PostgreSQL), statement 6 of 13: at_risk_totals
-- Population leads at risk by (at_risk, won): those that never did an action are these minus its landmark groups.
-- Stage "export": needs only the tables made from the export. Landmarks every 1 day(s).
-- Export its result.
SELECT at_risk, won, count(*) AS leads
FROM ll_population
WHERE at_risk > 0
GROUP BY at_risk, won;

-- leadlift training statistics (PostgreSQL), statement 7 of 13: landmark_groups
-- Leads per (action, switch landmark, at-risk landmarks, won): the landmark lift's sufficient statistic.
-- Stage "export": needs only the tables made from the export. Landmarks every 1 day(s).
-- Export its result.
SELECT action, switch_k, at_risk, won, count(*) AS leads
FROM (
  SELECT f.action, least(p.at_risk, CASE WHEN f.first_at < p.created THEN 0 ELSE CAST(floor((f.first_at - p.created) / 86400000) AS INTEGER) + 1 END) AS switch_k, p.at_risk, p.won
  FROM ll_features f JOIN ll_population p ON p.i = f.i
  WHERE p.at_risk > 0
) doers
GROUP BY action, switch_k, at_risk, won;

-- leadlift training statistics (PostgreSQL), statement 8 of 13: design_segments
-- The stacked landmark design cut into segments where a column changes.
-- Stage "design": also needs the design tables you upload (design_actions, lead_profile, bands). Landmarks every 1 day(s).
-- Creates ll_design_segments (kept in the warehouse for the statements after it; run it in a schema without that table).
CREATE TABLE ll_design_segments AS
WITH switches AS (
  SELECT p.i, d.col, least(p.at_risk, CASE WHEN f.first_at < p.created THEN 0 ELSE CAST(floor((f.first_at - p.created) / 86400000) AS INTEGER) + 1 END) AS switch_k
  FROM ll_features f JOIN ll_population p ON p.i = f.i JOIN ll_design_actions d ON d.action = f.action
  WHERE p.at_risk > 0
),
breaks AS (
  SELECT i, 0 AS k FROM ll_population WHERE at_risk > 0
  UNION SELECT i, at_risk FROM ll_population WHERE at_risk > 0
  UNION SELECT s.i, s.switch_k FROM switches s JOIN ll_population p ON p.i = s.i WHERE s.switch_k > 0 AND s.switch_k < p.at_risk
  UNION SELECT p.i, b.first_k FROM ll_population p CROSS JOIN ll_bands b WHERE b.first_k > 0 AND b.first_k < p.at_risk
),
bounds AS (
  SELECT i, k AS from_k, lead(k) OVER (PARTITION BY i ORDER BY k) AS to_k FROM breaks
),
segments AS (
  SELECT g.i, g.from_k, g.to_k, count(b.first_k) AS band
  FROM bounds g LEFT JOIN ll_bands b ON b.first_k <= g.from_k
  WHERE g.to_k IS NOT NULL
  GROUP BY g.i, g.from_k, g.to_k
)
SELECT g.i, g.from_k, g.to_k - g.from_k AS weight, p.won,
  coalesce(string_agg(CAST(s.col AS TEXT), ',' ORDER BY s.col), '') AS action_cols,
  lp.signature,
  g.band
FROM segments g
JOIN ll_population p ON p.i = g.i
JOIN ll_lead_profile lp ON lp.i = g.i
LEFT JOIN switches s ON s.i = g.i AND s.switch_k <= g.from_k
GROUP BY g.i, g.from_k, g.to_k, g.band, p.won, lp.signature;

-- leadlift training statistics (PostgreSQL), statement 9 of 13: design_patterns
-- The design's distinct patterns with summed weights, numbered in first-appearance order.
-- Stage "design": also needs the design tables you upload (design_actions, lead_profile, bands). Landmarks every 1 day(s).
-- Creates ll_design_patterns (kept in the warehouse for the statements after it; run it in a schema without that table).
CREATE TABLE ll_design_patterns AS
SELECT CAST(row_number() OVER (ORDER BY min(CAST(i AS BIGINT) * 1000000 + from_k)) - 1 AS INTEGER) AS p, won, action_cols, signature, band, sum(weight) AS weight
FROM ll_design_segments
GROUP BY won, action_cols, signature, band
ORDER BY p;

-- leadlift training statistics (PostgreSQL), statement 10 of 13: patterns
-- The patterns, for the weighted fit (in order of p).
-- Stage "design": also needs the design tables you upload (design_actions, lead_profile, bands). Landmarks every 1 day(s).
-- Export its result.
SELECT p, won, action_cols, signature, band, weight FROM ll_design_patterns ORDER BY p;

-- leadlift training statistics (PostgreSQL), statement 11 of 13: design_totals
-- Leads with a landmark (clusters) and landmarks (weight): scale = clusters / weight.
-- Stage "design": also needs the design tables you upload (design_actions, lead_profile, bands). Landmarks every 1 day(s).
-- Export its result.
SELECT count(DISTINCT i) AS clusters, sum(weight) AS weight FROM ll_design_segments;

-- leadlift training statistics (PostgreSQL), statement 12 of 13: segment_patterns
-- Each segment's pattern, for the cluster meat.
-- Stage "design": also needs the design tables you upload (design_actions, lead_profile, bands). Landmarks every 1 day(s).
-- Creates ll_segment_patterns (kept in the warehouse for the statements after it; run it in a schema without that table).
CREATE TABLE ll_segment_patterns AS
SELECT s.i, p.p, s.weight
FROM ll_design_segments s JOIN ll_design_patterns p ON p.won = s.won AND p.action_cols = s.action_cols AND p.signature = s.signature AND p.band = s.band;

-- leadlift training statistics (PostgreSQL), statement 13 of 13: cluster_meat
-- The lead-clustered meat M at scale 1 (multiply by scale²), given residuals(p, rho) and pattern_columns(p, j).
-- Stage "fit": also needs the fit's residuals and pattern_columns. Landmarks every 1 day(s).
-- Export its result.
WITH u AS (
  SELECT s.i, c.j, sum(s.weight * 1 * r.rho) AS u
  FROM ll_segment_patterns s JOIN ll_residuals r ON r.p = s.p JOIN ll_pattern_columns c ON c.p = s.p
  GROUP BY s.i, c.j
)
SELECT a.j, b.j AS k, sum(a.u * b.u) AS m
FROM u a JOIN u b ON a.i = b.i
GROUP BY a.j, b.j;
