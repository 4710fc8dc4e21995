import type { Cte } from "./cte.js";
import { selectList } from "./cte.js";
import { epochMicrosSql, localDateTimeSql, zoneOffsetSql } from "./js-equivalents.js";
import type { QueryPlan } from "./query-plan.js";
import { quoteIdentifier } from "./sql-literals.js";

/** An instant read from `source` (a column or `$at`) into columns named after `name`. */
export interface InstantColumn {
  readonly name: string;
  readonly source: string;
  /** How an error names it, in the runtime's words. */
  readonly label: string;
}

/** The events' `occurred_at`. */
export function eventInstant(plan: QueryPlan): InstantColumn {
  return { name: "occurred_at", source: quoteIdentifier(plan.events.occurred_at), label: "event.occurred_at" };
}

/** The leads' instants: creation, `as_of` when asked for, and the `$at` parameter when no moment was given. */
export function leadInstants(plan: QueryPlan): InstantColumn[] {
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
export function instantCtes(prefix: "lead" | "event", from: string, instants: readonly InstantColumn[]): Cte[] {
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
