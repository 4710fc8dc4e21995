import type { LeadRecord, EventRecord, RowIssue } from "../io/records.js";
import type { ModelV1 } from "../model/types.js";
import { createScorer, type EventInput, type Reason, type Segment } from "../runtime/index.js";

/** One output row of batch scoring: a score, or the reason there is none. */
export interface ScoredRow {
  readonly lead_id: string;
  readonly account_id: string | null;
  readonly score: number | null;
  readonly fit: number | null;
  readonly pain: number | null;
  readonly probability: number | null;
  readonly sdr_ready: boolean | null;
  readonly segment: string | null;
  readonly scored_at: string | null;
  readonly reasons: string;
  readonly error: string | null;
}

export interface ScoreBatchOptions {
  /** Moment to score leads without an `as_of` (epoch ms). */
  readonly at: number;
  /** Named score bands for a `segment` column. Default none. */
  readonly segments?: readonly Segment[];
}

/**
 * Scores every lead with the runtime scorer — the same code services use —
 * as of its `as_of`, else `options.at`, counting only events before that
 * moment. Rejected lead rows become error rows, so every input lead yields
 * exactly one output row.
 */
export function scoreBatch(
  model: ModelV1,
  leads: readonly LeadRecord[],
  events: readonly EventRecord[],
  rejectedLeadRows: readonly RowIssue[],
  options: ScoreBatchOptions,
): ScoredRow[] {
  const scorer = createScorer(model, { segments: options.segments });
  const eventsByLead = new Map<string, EventInput[]>();
  for (const event of events) {
    let list = eventsByLead.get(event.leadId);
    if (!list) eventsByLead.set(event.leadId, (list = []));
    list.push({ action: event.action, occurredAt: event.occurredAt });
  }
  const rows: ScoredRow[] = leads.map((lead) => {
    const at = lead.asOf ?? options.at;
    const result = scorer.score({ ...lead.profile, account_id: lead.accountId }, eventsByLead.get(lead.leadId) ?? [], at);
    return {
      lead_id: lead.leadId,
      account_id: lead.accountId,
      score: result.score,
      fit: result.fit,
      pain: result.pain,
      probability: result.probability === null ? null : Math.round(result.probability * 10000) / 10000,
      sdr_ready: result.sdrReady,
      segment: result.segment ?? null,
      scored_at: new Date(at).toISOString(),
      reasons: formatReasons(result.reasons),
      error: null,
    };
  });
  for (const issue of rejectedLeadRows) {
    rows.push({
      lead_id: issue.code === "duplicate-id" ? (issue.value ?? "") : "",
      account_id: null,
      score: null,
      fit: null,
      pain: null,
      probability: null,
      sdr_ready: null,
      segment: null,
      scored_at: null,
      reasons: "",
      error: issue.message,
    });
  }
  return rows;
}

/** "demo_request +20; seniority=vp +8" — compact reasons for a CSV cell. */
export function formatReasons(reasons: readonly Reason[], limit = 5): string {
  return reasons
    .slice(0, limit)
    .map((r) => `${r.kind === "profile" ? `${r.name}=${r.value}` : r.name} ${r.points > 0 ? "+" : ""}${r.points}`)
    .join("; ");
}
