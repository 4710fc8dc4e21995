import { eventTimeRange } from "../io/event-store.js";
import type { CrmData } from "../io/load-crm.js";

/** A span of instants (ISO), or null when the data has none. */
export type DateRange = { from: string; to: string } | null;

/** When the export's leads were created, its events happened and its closed deals closed. */
export interface ExportDateRanges {
  readonly created: DateRange;
  readonly events: DateRange;
  readonly closed: DateRange;
}

/** Share of the export's dated leads created within the training period (inclusive). */
export function overlapWith(crm: CrmData, period: DateRange): number | null {
  if (!period) return null;
  const from = Date.parse(period.from);
  const to = Date.parse(period.to);
  let dated = 0;
  let inside = 0;
  for (const lead of crm.leads) {
    if (lead.createdAt === null) continue;
    dated += 1;
    if (lead.createdAt >= from && lead.createdAt <= to) inside += 1;
  }
  return dated > 0 ? inside / dated : null;
}

/** The spans of the export's creation, event and close instants. */
export function dateRangesOf(crm: CrmData): ExportDateRanges {
  const range = (times: Iterable<number | null>): DateRange => {
    let from = Infinity;
    let to = -Infinity;
    for (const t of times) {
      if (t === null) continue;
      if (t < from) from = t;
      if (t > to) to = t;
    }
    return from === Infinity ? null : { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
  };
  return {
    created: range(crm.leads.map((l) => l.createdAt)),
    events: range(Object.values(eventTimeRange(crm.events)).filter(Number.isFinite)),
    closed: range([...crm.outcomes.values()].filter((o) => o.status !== "open").map((o) => o.closedAt)),
  };
}
