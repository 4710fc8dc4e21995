import type { CrmData } from "../io/load-crm.js";
import type { ReplayLead } from "./replay-leads.js";
import { TrajectoryBuilder, type TrajectoryStore } from "./trajectory-store.js";
import { createScorer, type LeadState } from "leadlift-runtime";
import { DAY_MS } from "leadlift-runtime/internal";
import type { ModelV1 } from "../model/types.js";
import { dataEndOf } from "./lead-columns.js";

/** Replayed accounts (as replay "leads": created with their first lead) with their roll-up trajectories. */
export interface ReplayedAccounts {
  readonly accounts: ReplayLead[];
  readonly trajectories: TrajectoryStore;
  /** Accounts with an outcome but no lead with a creation date. */
  readonly notReplayable: number;
}

/**
 * Replays every account with an outcome: its roll-up score — the sum of its
 * top `k` contacts' scores, as `rollUpAccounts` computes it — over time,
 * each contact scored by the runtime at every moment any contact's score
 * can change (its creation, just after each of its events, its exit
 * moments), up to the account's cut-off (hand-off, else close, else the end
 * of the data). Records the first moment each new running maximum was
 * reached, so the account threshold is calibrated exactly like the lead one.
 */
export function replayAccounts(crm: CrmData, model: ModelV1, k: number): ReplayedAccounts {
  const outcomes = crm.accountOutcomes ?? new Map();
  const scorer = createScorer(model);
  const exitMs = model.decay?.exitAfterDays != null ? model.decay.exitAfterDays * DAY_MS : null;
  const { start, end, times, actionIds, actions } = crm.events;
  const eventsOf = (index: number) => {
    const events: Array<{ at: number; action: string }> = [];
    for (let e = start[index]; e < end[index]; e++) events.push({ at: times[e], action: actions[actionIds[e]] });
    return events;
  };
  const leadsByAccount = new Map<string, Array<{ lead: CrmData["leads"][number]; index: number }>>();
  for (const [index, lead] of crm.leads.entries()) {
    if (lead.accountId === null || lead.createdAt === null) continue;
    let list = leadsByAccount.get(lead.accountId);
    if (!list) leadsByAccount.set(lead.accountId, (list = []));
    list.push({ lead, index });
  }
  const dataEndAt = dataEndOf(crm);
  const accounts: ReplayLead[] = [];
  const trajectories = new TrajectoryBuilder();
  let notReplayable = 0;
  for (const [accountId, outcome] of outcomes) {
    const leads = leadsByAccount.get(accountId);
    if (!leads) {
      notReplayable += 1;
      continue;
    }
    const cutoffAt = outcome.handoffAt ?? outcome.closedAt ?? dataEndAt + 1;
    const contacts = leads.map(({ lead, index }) => ({
      lead,
      createdAt: lead.createdAt as number,
      events: eventsOf(index).filter((e) => e.at < cutoffAt),
      applied: 0,
      state: scorer.initialState({ ...lead.profile, account_id: lead.accountId, created_at: lead.createdAt }) as LeadState,
    }));
    const moments = new Set<number>();
    for (const c of contacts) {
      if (c.createdAt < cutoffAt) moments.add(c.createdAt);
      c.events.forEach((e, n) => {
        moments.add(Math.max(e.at + 1, c.createdAt));
        const next = c.events[n + 1]?.at ?? Infinity;
        if (exitMs !== null && e.at + exitMs + 1 < Math.min(next, cutoffAt)) moments.add(e.at + exitMs + 1);
      });
    }
    const createdAt = Math.min(...contacts.map((c) => c.createdAt));
    for (const at of [...moments].filter((m) => m <= cutoffAt).sort((a, b) => a - b)) {
      const scores: Array<{ score: number; fit: number; pain: number; action: number }> = [];
      for (const c of contacts) {
        if (c.createdAt > at) continue;
        while (c.applied < c.events.length && c.events[c.applied].at < at) {
          c.state = scorer.applyEvent(c.state, { action: c.events[c.applied].action, occurredAt: c.events[c.applied].at });
          c.applied += 1;
        }
        const scored = scorer.scoreAt(c.state, at);
        const action = scored.reasons.reduce((sum, r) => sum + (r.kind === "action" ? r.points : 0), 0);
        scores.push({ score: scored.score, fit: scored.fit, pain: scored.pain, action });
      }
      scores.sort((a, b) => b.score - a.score);
      const top = scores.slice(0, k);
      const level = Math.round(top.reduce((s, x) => s + x.score, 0) * 10) / 10;
      if (trajectories.currentLength > 0 && level <= trajectories.lastLevel) continue;
      const sum = (part: (x: (typeof top)[number]) => number) => top.reduce((s, x) => s + part(x), 0);
      trajectories.add(level, at, sum((x) => x.fit), sum((x) => x.pain), sum((x) => x.action));
    }
    if (trajectories.currentLength === 0) {
      notReplayable += 1;
      continue;
    }
    accounts.push({ createdAt, status: outcome.status, closedAt: outcome.closedAt, handoffAt: outcome.handoffAt });
    trajectories.end();
  }
  return { accounts, trajectories: trajectories.finish(), notReplayable };
}
