import type { CrmData } from "../io/load-crm.js";
import type { ReplayLead } from "../calibrate/replay-leads.js";
import { createScorer } from "../runtime/index.js";
import type { ModelV1 } from "./types.js";

/**
 * Replay histories for every lead with a creation date, under `model`:
 * profile score from creation (computed by the runtime scorer itself, so
 * replay and serving agree), then every occurrence of a kept action
 * strictly before the lead's cut-off (hand-off, else close; open leads run
 * to the end of the data). Leads without `created_at` cannot be replayed.
 */
export function buildReplayLeads(crm: CrmData, model: ModelV1): { leads: ReplayLead[]; notReplayable: number } {
  const scorer = createScorer(model);
  const points = new Map(model.actions.filter((a) => a.kept && a.points !== 0).map((a) => [a.action, a.points] as const));
  const eventsByLead = new Map<string, Array<{ at: number; action: string }>>();
  for (const event of crm.events) {
    if (!points.has(event.action)) continue;
    let list = eventsByLead.get(event.leadId);
    if (!list) eventsByLead.set(event.leadId, (list = []));
    list.push({ at: event.occurredAt, action: event.action });
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
    const steps = (eventsByLead.get(lead.leadId) ?? [])
      .filter((e) => e.at < cutoffAt)
      .map((e) => ({ at: Math.max(e.at, lead.createdAt as number), action: e.action, points: points.get(e.action) as number }))
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
