/** One row of each file the simulator writes, in leadlift's data contract (all cells are text). */
export type SimLeadRow = Record<"lead_id" | "created_at" | "account_id" | "email" | "title" | "company" | "country" | "company_size", string>;
export type SimEventRow = Record<"lead_id" | "action" | "occurred_at" | "category", string>;
export type SimOutcomeRow = Record<"lead_id" | "status" | "closed_at" | "handoff_at", string>;

export const DAY_MS = 86_400_000;

/** An instant (epoch ms) as the simulator writes it: ISO 8601 in UTC, rounded to the second. */
export function isoSecond(at: number): string {
  return `${new Date(Math.round(at / 1000) * 1000).toISOString().slice(0, 19)}Z`;
}

/** Events sorted as the simulator writes them: by time, then lead id. */
export function sortEvents(events: SimEventRow[]): SimEventRow[] {
  return events.sort((a, b) => (a.occurred_at < b.occurred_at ? -1 : a.occurred_at > b.occurred_at ? 1 : a.lead_id < b.lead_id ? -1 : 1));
}

/** Lead ids as the simulator numbers them: L000001, L000002, … */
export function simulatedLeadId(index: number): string {
  return `L${String(index + 1).padStart(6, "0")}`;
}
