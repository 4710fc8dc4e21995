import { selectList, type Cte } from "./cte.js";
import { leadInstants } from "./instant-ctes.js";
import { instantTextSql, jsTrimSql, lowercaseInSql } from "./js-equivalents.js";
import type { FeatureSlot, QueryPlan } from "./query-plan.js";
import { doubleLiteral, integerLiteral } from "./sql-literals.js";

/** The optional lead columns the query reads (they may be absent where the dialect allows it). */
export function optionalLeadColumns(plan: QueryPlan): string[] {
  return [plan.leads.created_at, plan.leads.account_id, ...(plan.asOf ? [plan.leads.as_of] : [])];
}

/** The leads table, read: ids, account, instant texts and profile cells. */
export function leadCells(plan: QueryPlan): Cte {
  const d = plan.dialect;
  const read = d.readTable(plan.leadsTable, "leads_read", optionalLeadColumns(plan));
  const columns = [
    `${read.column(plan.leads.lead_id)} AS lead_id`,
    `NULLIF(${jsTrimSql(d, d.cellText(read.column(plan.leads.account_id)))}, '') AS account_id`,
    ...leadInstants(plan, read.column).map((instant) => `${instantTextSql(d, instant.source)} AS ${instant.name}_text`),
    ...plan.features.map(
      (feature) => [`${cleanCellSql(plan, read.column(feature.sourceColumn), feature.isProfileColumn ? plan.missingValues : [])} AS ${feature.column}_cell`, describeFeature(feature)] as const,
    ),
  ];
  return {
    name: "lead_cells",
    comment: `Leads as the runtime reads them: profile cells as trimmed text ('' when empty), instants as trimmed text${d.optionalColumnsMayBeAbsent ? "; optional columns the table lacks are NULL" : ""}.`,
    sql: `SELECT\n    ${selectList(columns)}\n  FROM ${read.from}`,
  };
}

/** The cell as the runtime's transforms see it: text, trimmed, '' for empty or a placeholder. */
function cleanCellSql(plan: QueryPlan, column: string, missingValues: readonly string[]): string {
  const text = `coalesce(${jsTrimSql(plan.dialect, plan.dialect.cellText(column))}, '')`;
  if (missingValues.length === 0) return text;
  return `CASE WHEN ${lowercaseInSql(plan.dialect, text, missingValues.map((value) => value.toLowerCase()))} THEN '' ELSE ${text} END`;
}

/** Epoch milliseconds of creation and of the moment each lead is scored at. */
export function scoringMoments(plan: QueryPlan): Cte {
  const at = plan.atMs === null ? "at_epoch_ms" : doubleLiteral(plan.dialect, plan.atMs);
  const moment = plan.asOf ? `coalesce(as_of_epoch_ms, ${at})` : at;
  return {
    name: "scoring_moments",
    comment: `Epoch milliseconds of creation and of the scoring moment (${plan.asOf ? "as_of, else " : ""}${plan.atMs === null ? `the parameter ${plan.dialect.momentParameter.name}` : "the given moment"}).`,
    sql: `SELECT lead_instants.*,\n    created_at_epoch_ms AS created_ms,\n    ${moment} AS at_ms\n  FROM lead_instants`,
  };
}

/** Profile values and their points: FIT before the cap, and PAIN from behaviour columns. */
export function profileCtes(plan: QueryPlan): Cte[] {
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
    const terms = plan.features.filter((f) => f.role === role).map((f) => featurePointsSql(plan, f));
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

function featurePointsSql(plan: QueryPlan, feature: FeatureSlot): string {
  const cases = [...feature.pointsByValue].filter(([, points]) => points !== 0).map(([value, points]) => `WHEN ${plan.dialect.string(value)} THEN ${integerLiteral(points)}`);
  return `CASE ${feature.column}_value ${cases.join(" ")} ELSE 0 END`;
}

/** FIT after the model's cap (or as it is, without one). */
export function fitCap(plan: QueryPlan): Cte {
  const cap = plan.model.profile.fitCap ?? null;
  return {
    name: "fit_cap",
    comment: cap === null ? "No FIT cap in this model." : `FIT capped at ${cap}, so that profile alone does not make a lead SDR-ready.`,
    sql: `SELECT profile_points.*, ${cap === null ? "fit_before_cap" : `CASE WHEN fit_before_cap > ${integerLiteral(cap)} THEN ${integerLiteral(cap)} ELSE fit_before_cap END`} AS fit\n  FROM profile_points`,
  };
}

function describeFeature(feature: FeatureSlot): string {
  return `${JSON.stringify(feature.name)} (${feature.role}) from column ${JSON.stringify(feature.sourceColumn)}`;
}
