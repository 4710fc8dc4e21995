import type { CrmData } from "../io/load-crm.js";
import { occurrenceFlags, replayEvents, type ReplayLead } from "./replay-leads.js";
import { TrajectoryBuilder, type TrajectoryStore } from "./trajectory-store.js";
import { createTimelineScorer } from "leadlift-runtime/internal";
import { leadColumns, profileStarter, STATUS_LOST, STATUS_WON } from "./lead-columns.js";
import { timelineSlots } from "./score-at-cutoff.js";
import type { ModelV1 } from "../model/types.js";

export { dataEndOf } from "./lead-columns.js";

/** Replayed leads with their score trajectories (same index). */
export interface ReplayedLeads {
  /** The export's leads with a creation date, in order (shared by every replay of the export: see `replayableLeads`). */
  readonly leads: readonly ReplayLead[];
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
  const events = { times, actionIds, slotOfAction: timelineSlots(timeline, crm.events), occurred: occurrenceFlags(timeline) };
  const { createdAt, closedAt, handoffAt, dataEndAt } = leadColumns(crm);
  const begin = profileStarter(timeline, crm);
  const trajectories = new TrajectoryBuilder();
  for (let index = 0; index < crm.leads.length; index++) {
    if (Number.isNaN(createdAt[index])) continue;
    const cutoffAt = Number.isNaN(handoffAt[index]) ? (Number.isNaN(closedAt[index]) ? dataEndAt + 1 : closedAt[index]) : handoffAt[index];
    begin(index, createdAt[index]);
    replayEvents(timeline, trajectories, createdAt[index], cutoffAt, events, start[index], end[index]);
    trajectories.end();
  }
  const leads = replayableLeads(crm);
  return { leads, trajectories: trajectories.finish(), notReplayable: crm.leads.length - leads.length };
}

const replayable = new WeakMap<CrmData, readonly ReplayLead[]>();

/**
 * The export's leads with a creation date, in order, as replay reports
 * them: made once per export (nothing in them depends on the model) and
 * shared, frozen, by every replay of it.
 */
export function replayableLeads(crm: CrmData): readonly ReplayLead[] {
  let leads = replayable.get(crm);
  if (leads) return leads;
  const { createdAt, status, closedAt, handoffAt } = leadColumns(crm);
  const made: ReplayLead[] = [];
  for (let index = 0; index < crm.leads.length; index++) {
    if (Number.isNaN(createdAt[index])) continue;
    made.push({
      createdAt: createdAt[index],
      status: status[index] === STATUS_WON ? "won" : status[index] === STATUS_LOST ? "lost" : "open",
      closedAt: Number.isNaN(closedAt[index]) ? null : closedAt[index],
      handoffAt: Number.isNaN(handoffAt[index]) ? null : handoffAt[index],
    });
  }
  leads = Object.freeze(made);
  replayable.set(crm, leads);
  return leads;
}
