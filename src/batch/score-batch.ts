import type { LeadRecord, EventRecord, RowIssue } from "../io/records.js";
import type { ModelV1 } from "../model/types.js";
import { createScorer, type EventInput, type LeadInput, type LeadScore, type Reason, type Segment } from "leadlift-runtime";

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

/** The output columns, in order: the contract of `leadlift score`'s file. */
export const SCORED_ROW_COLUMNS = ["lead_id", "account_id", "score", "fit", "pain", "probability", "sdr_ready", "segment", "scored_at", "reasons", "error"] as const;

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
 * exactly one output row. Holds every event in memory: for files, use
 * `scoreFiles`, which streams them.
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
    return toScoredRow(lead, scorer.score(leadInputOf(lead), eventsByLead.get(lead.leadId) ?? [], at), at);
  });
  for (const issue of rejectedLeadRows) rows.push(rejectedLeadRow(issue));
  return rows;
}

/**
 * What the runtime scorer is given for a lead: its profile cells, its
 * account, and its creation instant (the runtime's velocity and inactivity
 * rules count from it).
 */
export function leadInputOf(lead: LeadRecord): LeadInput {
  const input: Record<string, unknown> = { ...lead.profile, account_id: lead.accountId };
  if (lead.createdAt !== null) input.created_at = lead.createdAt;
  return input;
}

/** The output row of a scored lead; probability rounded to 4 decimals. */
export function toScoredRow(lead: LeadRecord, result: LeadScore, at: number): ScoredRow {
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
}

/** An output row that carries only an error: no score is given for this lead. */
export function toErrorRow(leadId: string, accountId: string | null, message: string): ScoredRow {
  return {
    lead_id: leadId,
    account_id: accountId,
    score: null,
    fit: null,
    pain: null,
    probability: null,
    sdr_ready: null,
    segment: null,
    scored_at: null,
    reasons: "",
    error: message,
  };
}

/**
 * The error row of a rejected lead row: `lead_id` is the id read from the
 * row (empty only when the id cell itself was empty or the row could not be
 * split into cells); the message names file, row and column, which is what
 * the user needs to fix the export.
 */
export function rejectedLeadRow(issue: RowIssue): ScoredRow {
  return toErrorRow(issue.leadId ?? "", null, issue.message);
}

/** "demo_request +20; seniority=vp +8" — compact reasons for a CSV cell. */
export function formatReasons(reasons: readonly Reason[], limit = 5): string {
  return reasons
    .slice(0, limit)
    .map((r) => `${r.kind === "profile" ? `${r.name}=${r.value}` : r.name} ${r.points > 0 ? "+" : ""}${r.points}`)
    .join("; ");
}
