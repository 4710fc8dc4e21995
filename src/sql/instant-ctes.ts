import type { Cte } from "./cte.js";
import { selectList } from "./cte.js";
import { checkedInstantSql, instantEpochMsSql, instantFractionSql, instantZoneSql } from "./js-equivalents.js";
import type { QueryPlan } from "./query-plan.js";

/** An instant read from `source` (a column or the moment parameter) into columns named after `name`. */
export interface InstantColumn {
  readonly name: string;
  readonly source: string;
  /** How an error names it, in the runtime's words. */
  readonly label: string;
}

/** The events' `occurred_at`. */
export function eventInstant(plan: QueryPlan): InstantColumn {
  return { name: "occurred_at", source: plan.dialect.identifier(plan.events.occurred_at), label: "event.occurred_at" };
}

/** The leads' instants: creation, `as_of` when asked for, and the moment parameter when no moment was given. */
export function leadInstants(plan: QueryPlan, column: (name: string) => string = plan.dialect.identifier): InstantColumn[] {
  return [
    { name: "created_at", source: column(plan.leads.created_at), label: "lead.created_at" },
    ...(plan.asOf ? [{ name: "as_of", source: column(plan.leads.as_of), label: "lead.as_of" }] : []),
    ...(plan.atMs === null ? [{ name: "at", source: plan.dialect.momentParameter.expression, label: "at" }] : []),
  ];
}

/**
 * Instants as the runtime's parser reads them, in three steps after their
 * text: the text checked (text the parser refuses stops the query), its
 * zone and fraction of a second, then epoch milliseconds from its digits.
 */
export function instantCtes(plan: QueryPlan, prefix: "lead" | "event", from: string, names: readonly InstantColumn[]): Cte[] {
  const checked = names.map((i) => `${checkedInstantSql(plan.dialect, `${i.name}_text`, i.label)} AS ${i.name}_checked`);
  const parts = names.flatMap((i) => [
    `${instantZoneSql(plan.dialect, `${i.name}_checked`)} AS ${i.name}_zone`,
    `${instantFractionSql(plan.dialect, `${i.name}_checked`)} AS ${i.name}_fraction`,
  ]);
  const millis = names.map((i) => `${instantEpochMsSql(plan.dialect, `${i.name}_checked`, `${i.name}_zone`, `${i.name}_fraction`)} AS ${i.name}_epoch_ms`);
  return [
    {
      name: `${prefix}_instant_texts`,
      comment: "ISO 8601 text as the runtime's parser accepts it; other text, or an impossible day, stops the query, as the runtime throws.",
      sql: `SELECT ${from}.*,\n    ${selectList(checked)}\n  FROM ${from}`,
    },
    {
      name: `${prefix}_instant_parts`,
      comment: "The zone designator and the digits of the fraction of a second ('' when absent).",
      sql: `SELECT ${prefix}_instant_texts.*,\n    ${selectList(parts)}\n  FROM ${prefix}_instant_texts`,
    },
    {
      name: `${prefix}_instants`,
      comment: "Epoch milliseconds from the digits: days since 1970 of the Gregorian date, the clock, minus the zone offset, plus the fraction rounded as the runtime rounds it (no session time zone takes part).",
      sql: `SELECT ${prefix}_instant_parts.*,\n    ${selectList(millis)}\n  FROM ${prefix}_instant_parts`,
    },
  ];
}
