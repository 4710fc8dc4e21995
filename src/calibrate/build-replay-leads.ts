import { latestEventAt } from "../io/event-store.js";
import type { CrmData } from "../io/load-crm.js";
import { replayEvents, type ReplayLead } from "./replay-leads.js";
import { TrajectoryBuilder, type TrajectoryStore } from "./trajectory-store.js";
import { createTimelineScorer } from "leadlift-runtime/internal";
import { beginLead, featureSlots, leadEntries } from "./lead-inputs.js";
import { timelineSlots } from "./score-at-cutoff.js";
import type { ModelV1 } from "../model/types.js";

/** Replayed leads with their score trajectories (same index). */
export interface ReplayedLeads {
  readonly leads: ReplayLead[];
  readonly trajectories: TrajectoryStore;
  /** Leads without `created_at`: their history has no start to replay from. */
  readonly notReplayable: number;
}

/**
 * Replays every lead with a creation date under `model`, with the runtime
 * scorer, over its events strictly before its cut-off (hand-off, else close;
 * open leads run to the end of the data). Only events that can move the
 * score are replayed: kept actions, plus every event when the model's
 * inactivity or exit rules make any activity count.
 */
export function replayLeads(crm: CrmData, model: ModelV1): ReplayedLeads {
  const timeline = createTimelineScorer(model);
  const { start, end, times, actionIds } = crm.events;
  const slotOfAction = timelineSlots(timeline, crm.events);
  const usesActivity = timeline.usesActivity;
  const dataEndAt = dataEndOf(crm);
  const leads: ReplayLead[] = [];
  const trajectories = new TrajectoryBuilder();
  let notReplayable = 0;
  const columns = { times, actionIds, slotOfAction };
  const profileSlots = featureSlots(timeline);
  const entries = leadEntries(crm.events);
  const values: string[] = [];
  let positions = new Int32Array(64);
  for (let index = 0; index < crm.leads.length; index++) {
    const lead = crm.leads[index];
    if (lead.createdAt === null) {
      notReplayable += 1;
      continue;
    }
    const outcome = crm.outcomes.get(lead.leadId);
    // Only events that can move the score: kept actions, or every event when activity counts.
    if (positions.length < end[index] - start[index]) positions = new Int32Array(2 * (end[index] - start[index]));
    let count = 0;
    for (let e = start[index]; e < end[index]; e++) if (usesActivity || slotOfAction[actionIds[e]] >= 0) positions[count++] = e;
    replayEvents(timeline, trajectories, () => beginLead(timeline, entries, lead, profileSlots, values), lead.createdAt, outcome?.handoffAt ?? outcome?.closedAt ?? dataEndAt + 1, columns, positions, count);
    leads.push({
      createdAt: lead.createdAt,
      fit: trajectories.firstFit,
      status: outcome?.status ?? "open",
      closedAt: outcome?.closedAt ?? null,
      handoffAt: outcome?.handoffAt ?? null,
    });
    trajectories.end();
  }
  return { leads, trajectories: trajectories.finish(), notReplayable };
}

/** The latest instant in the export: the end of what has been observed. */
export function dataEndOf(crm: CrmData): number {
  let end = -Infinity;
  for (const lead of crm.leads) if (lead.createdAt !== null && lead.createdAt > end) end = lead.createdAt;
  end = Math.max(end, latestEventAt(crm.events));
  for (const outcome of crm.outcomes.values()) {
    if (outcome.closedAt !== null && outcome.closedAt > end) end = outcome.closedAt;
    if (outcome.handoffAt !== null && outcome.handoffAt > end) end = outcome.handoffAt;
  }
  return end;
}
