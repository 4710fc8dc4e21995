import type { EventStore } from "../io/event-store.js";
import type { CrmData } from "../io/load-crm.js";
import type { TrainingPopulation } from "../features/training-population.js";
import { createTimelineScorer, type TimelineMeasure, type TimelineScorer } from "leadlift-runtime/internal";
import type { ModelV1 } from "../model/types.js";
import { leadColumns, profileStarter, rowCreatedAt } from "./lead-columns.js";

/** FIT, PAIN and score per population lead (same index as the population). */
export interface PopulationScores {
  readonly fit: Float64Array;
  readonly pain: Float64Array;
  readonly score: Float64Array;
}

/**
 * Scores of a population's leads at their cut-offs under `model`, computed
 * by the runtime scorer (events strictly before the cut-off; leads without
 * dates at the end of the data), so training, hold-out evaluation and
 * reports measure exactly what services will compute. The events come from
 * the store's columns, one lead at a time, with no object per event.
 * Scoring the same population of the same export again under a model that
 * scores alike (only its threshold or probability map differ) copies the
 * previous scores instead of computing them again.
 */
export function scoreAtCutoff(crm: CrmData, population: TrainingPopulation, model: ModelV1): PopulationScores {
  const timeline = createTimelineScorer(model);
  const key = measuredPartsOf(model);
  const last = lastScored.get(population);
  if (last?.crm === crm && last.key === key) return copyOf(last.scores);
  const scores = scoreWith(timeline, crm, population);
  lastScored.set(population, { crm, key, scores });
  return copyOf(scores);
}

/**
 * The latest scores of each population, with the export and the model parts they came from: training
 * scores a population, then calibration scores it again under a model that mostly differs only in its
 * threshold and probability map (when calibration adds no velocity points and no FIT cap).
 */
const lastScored = new WeakMap<TrainingPopulation, { crm: CrmData; key: string; scores: PopulationScores }>();

/**
 * The parts of a model that its scores, FIT and PAIN depend on, as text: every part the runtime reads
 * (see `ScoringModel`) but the threshold and the probability map, which only label a score.
 */
function measuredPartsOf(model: ModelV1): string {
  return JSON.stringify([model.actions, model.profile, model.decay ?? null, model.velocity ?? null]);
}

function copyOf(scores: PopulationScores): PopulationScores {
  return { fit: scores.fit.slice(), pain: scores.pain.slice(), score: scores.score.slice() };
}

function scoreWith(timeline: TimelineScorer, crm: CrmData, population: TrainingPopulation): PopulationScores {
  const { start, end, times, actionIds } = crm.events;
  const slots = timelineSlots(timeline, crm.events);
  const usesActivity = timeline.usesActivity;
  // Without an exit rule an event of an action without points only moves the latest activity (see
  // TimelineScorer.add), so of those only the last before the cut-off is given to the timeline.
  const latestOnly = usesActivity && timeline.model.decay?.exitAfterDays == null;
  const lastInstant = 8.64e15;
  const size = population.leads.length;
  const scores: PopulationScores = { fit: new Float64Array(size), pain: new Float64Array(size), score: new Float64Array(size) };
  const measured: TimelineMeasure = { score: 0, fit: 0, pain: 0, actionPoints: 0 };
  const columns = leadColumns(crm);
  const begin = profileStarter(timeline, crm);
  for (let i = 0; i < size; i++) {
    const index = population.leadIndex[i];
    const cutoffAt = Number.isNaN(population.cutoffAt[i]) ? lastInstant : population.cutoffAt[i];
    begin(index, rowCreatedAt(crm, columns, index));
    let latestActivity = -1;
    for (let e = start[index]; e < end[index] && times[e] < cutoffAt; e++) {
      const slot = slots[actionIds[e]];
      if (slot >= 0 || (usesActivity && !latestOnly)) timeline.add(slot, times[e]);
      else if (latestOnly) latestActivity = e;
    }
    if (latestActivity >= 0) timeline.add(-1, times[latestActivity]);
    timeline.measureAt(cutoffAt, measured);
    scores.fit[i] = measured.fit;
    scores.pain[i] = measured.pain;
    scores.score[i] = measured.score;
  }
  return scores;
}

/** The timeline slot of each of the store's actions (−1: no points in this model). */
export function timelineSlots(timeline: TimelineScorer, events: Pick<EventStore, "actions">): Int32Array {
  return Int32Array.from(events.actions, (action) => timeline.slotOf(action));
}

