import type { CrmData } from "../io/load-crm.js";
import type { ReplayLead } from "../calibrate/replay-leads.js";
import { createScorer } from "../runtime/index.js";
import type { ModelV1 } from "./types.js";

/**
 * Replay histories for every lead with a creation date, under `model`:
 * profile score from creation (computed by the runtime scorer itself, so
 * replay and serving agree), then each kept action at its first occurrence
 * strictly before the lead's cut-off (hand-off, else close; open leads run
 * to the end of the data). Leads without `created_at` cannot be replayed.
 */
export function buildReplayLeads(crm: CrmData, model: ModelV1): { leads: ReplayLead[]; notReplayable: number } {
  const scorer = createScorer(model);
  const points = new Map(model.actions.filter((a) => a.kept && a.points !== 0).map((a) => [a.action, a.points] as const));
  const firstByLead = new Map<string, Map<string, number>>();
  for (const event of crm.events) {
    if (!points.has(event.action)) continue;
    let first = firstByLead.get(event.leadId);
    if (!first) firstByLead.set(event.leadId, (first = new Map()));
    const previous = first.get(event.action);
    if (previous === undefined || event.occurredAt < previous) first.set(event.action, event.occurredAt);
  }
  const leads: ReplayLead[] = [];
  let notReplayable = 0;
  for (const lead of crm.leads) {
    if (lead.createdAt === null) {
      notReplayable += 1;
      continue;
    }
    const outcome = crm.outcomes.get(lead.leadId);
    const status = outcome?.status ?? "open";
    const cutoffAt = outcome?.handoffAt ?? outcome?.closedAt ?? Infinity;
    const base = scorer.score({ ...lead.profile, account_id: lead.accountId }, [], lead.createdAt);
    const steps = [...(firstByLead.get(lead.leadId) ?? new Map<string, number>())]
      .filter(([, at]) => at < cutoffAt)
      .map(([action, at]) => ({ at: Math.max(at, lead.createdAt as number), points: points.get(action) as number }))
      .sort((a, b) => a.at - b.at);
    leads.push({ createdAt: lead.createdAt, baseScore: base.score, fit: base.fit, steps, status, closedAt: outcome?.closedAt ?? null, handoffAt: outcome?.handoffAt ?? null });
  }
  return { leads, notReplayable };
}

/** The latest instant in the export: the end of what has been observed. */
export function dataEndOf(crm: CrmData): number {
  let end = -Infinity;
  for (const lead of crm.leads) if (lead.createdAt !== null && lead.createdAt > end) end = lead.createdAt;
  for (const event of crm.events) if (event.occurredAt > end) end = event.occurredAt;
  for (const outcome of crm.outcomes.values()) {
    if (outcome.closedAt !== null && outcome.closedAt > end) end = outcome.closedAt;
    if (outcome.handoffAt !== null && outcome.handoffAt > end) end = outcome.handoffAt;
  }
  return end;
}
