import { assertModel } from "./assert-model.js";
import { compileProfileTransform } from "./derive-profile.js";
import { _instantInto, parseInstant } from "./parse-instant.js";
import { ScoringError } from "./scoring-error.js";
import { assertSegments, segmentOf, type Segment } from "./segments.js";
import { sortAscending, sortReasons, sumInReasonOrder } from "./reason-order.js";
import type { EventInput, LeadInput, LeadScore, LeadState, Reason, Scorer, TimelineMeasure, TimelineScorer } from "./scorer-types.js";
import { addActivity, DAY_MS, decayedPoints, episodeStartOf, roundScore } from "./time-rules.js";

export type { EventInput, LeadInput, LeadScore, LeadState, Reason, Scorer, TimelineMeasure, TimelineScorer } from "./scorer-types.js";

interface CompiledFeature {
  readonly name: string;
  readonly column: string;
  readonly role: "fit" | "pain";
  readonly derive: (cell: string | null | undefined) => string;
  readonly pointsByValue: Map<string, number>;
}

/**
 * A scorer for a trusted model. At a moment `at`, counting only events
 * strictly before it (the training leakage rule):
 * - FIT = profile points (capped at `profile.fitCap`); PAIN = behaviour-column points
 *   + kept actions' points, each counted once, positive points fading from the
 *   action's latest occurrence by its half-life (negative signals do not fade)
 *   + the inactivity penalty when the last activity (any event, or creation)
 *   is `decay.inactivity.days` old or more + velocity points while action points per
 *   day since creation are at least `velocity.minPointsPerDay`;
 * - with an exit rule, actions before the last gap of more than
 *   `decay.exitAfterDays` without activity no longer count, nor do any once
 *   the lead has been quiet that long;
 * - SDR-ready when the score reaches the threshold.
 * @throws ScoringError for a model it cannot trust, or a bad `at`/event date.
 * @example
 * const model = {
 *   kind: "leadlift-model", schemaVersion: 1, threshold: { score: 30 },
 *   actions: [{ action: "demo_request", points: 20, kept: true }],
 *   profile: {
 *     features: [{ name: "seniority", column: "title", role: "fit", transform: { kind: "seniority" } }],
 *     rules: [{ feature: "seniority", value: "vp", points: 12, kept: true }],
 *   },
 * };
 * const scorer = createScorer(model);
 * const events = [{ action: "demo_request", occurred_at: "2025-01-02T00:00:00Z" }];
 * scorer.score({ title: "VP Sales" }, events, "2025-02-01T00:00:00Z") // { score: 32, fit: 12, pain: 20, probability: null, sdrReady: true }
 * // Before the demo request, only FIT counts.
 * scorer.score({ title: "VP Sales" }, events, "2025-01-01T00:00:00Z") // { score: 12, sdrReady: false }
 */
export function createScorer(modelJson: unknown, options: { segments?: readonly Segment[] } = {}): Scorer {
  return compileScorer(modelJson, options).scorer;
}

/** A timeline scorer for a trusted model (see `TimelineScorer`). @throws ScoringError as `createScorer`. */
export function createTimelineScorer(modelJson: unknown): TimelineScorer {
  return compileScorer(modelJson, {}).timeline;
}

function compileScorer(modelJson: unknown, options: { segments?: readonly Segment[] }): { scorer: Scorer; timeline: TimelineScorer } {
  const model = assertModel(modelJson);
  const segments = options.segments ? assertSegments(options.segments) : null;
  const slotOf = new Map<string, number>();
  const slotAction: string[] = [];
  const slotPoints: number[] = [];
  for (const action of model.actions) {
    if (!action.kept || action.points === 0) continue;
    slotOf.set(action.action, slotAction.length);
    slotAction.push(action.action);
    slotPoints.push(action.points);
  }
  const decay = model.decay ?? null;
  // Only positive points fade: a negative signal (an unsubscribe) does not wear off, and fading
  // negatives would raise scores between events, breaking replay's "highest just after an event".
  // Own properties only: an action named "constructor" must not read Object.prototype.
  const slotHalfLife = slotAction.map((action, slot) => (slotPoints[slot] > 0 && decay && Object.hasOwn(decay.halfLifeDays, action) ? decay.halfLifeDays[action] : undefined));
  const exitMs = decay?.exitAfterDays != null ? decay.exitAfterDays * DAY_MS : null;
  const inactivity = decay?.inactivity ?? null;
  const inactivityMs = inactivity ? inactivity.days * DAY_MS : 0;
  const velocity = model.velocity ?? null;
  const fitCap = model.profile.fitCap ?? null;
  /** Whether events of any action matter (as activity), not only kept ones. */
  const usesActivity = exitMs !== null || inactivity !== null;
  const firstAt = new Float64Array(slotAction.length);
  const lastAt = new Float64Array(slotAction.length);
  let activityTimes = new Float64Array(64);
  let eventTimes = new Float64Array(64);
  let eventSlots = new Int32Array(64);

  const features: CompiledFeature[] = model.profile.features.map((feature) => ({
    name: feature.name,
    column: feature.column,
    role: feature.role,
    derive: compileProfileTransform(feature.transform),
    pointsByValue: new Map(
      model.profile.rules.filter((r) => r.feature === feature.name && r.kept).map((r) => [r.value, r.points] as const),
    ),
  }));
  const threshold = model.threshold.score;
  const calibration = model.probability;

  const featureValue = (feature: CompiledFeature, lead: LeadInput) => feature.derive(cellText(ownCell(lead, feature.column)));
  const profileOf = (lead: LeadInput): LeadState["profile"] => {
    const contributions: Array<LeadState["profile"][number]> = [];
    for (const feature of features) {
      const value = featureValue(feature, lead);
      const points = feature.pointsByValue.get(value) ?? 0;
      if (points !== 0) contributions.push({ name: feature.name, value, points, role: feature.role });
    }
    return contributions;
  };

  /** What `applyRules` found: written in place, so the timeline allocates nothing per moment. */
  const found = { fit: 0, pain: 0, score: 0, actionPoints: 0 };
  // Kept actions' points at a moment, for summing them in the order the reasons list them.
  const momentPoints = new Float64Array(slotAction.length);
  const momentSlots = new Int32Array(slotAction.length);

  /**
   * The score at `atMs` from the profile, each kept action's first and last
   * counted occurrence (firstAt/lastAt, Infinity/−Infinity when none), the
   * last activity and the creation instant: the one place the rules apply.
   * With `reasons`, each contribution is listed there (sorted); without, only
   * the numbers are found (`found.actionPoints` then sums the action points
   * in the order the reasons would list them).
   */
  const applyRules = (atMs: number, reasons: Reason[] | null, profileFit: number, profilePain: number, createdAt: number | null, lastActivityAt: number): void => {
    let fit = profileFit;
    let pain = profilePain;
    if (fitCap !== null && fit > fitCap) {
      reasons?.push({ kind: "fit-cap", name: "fit_cap", value: null, points: fitCap - fit, occurredAt: null });
      fit = fitCap;
    }
    const quietMs = atMs - lastActivityAt;
    let actionPoints = 0;
    let counted = 0;
    if (!(exitMs !== null && quietMs > exitMs)) {
      for (let slot = 0; slot < slotAction.length; slot++) {
        if (!(firstAt[slot] < atMs)) continue;
        const halfLife = slotHalfLife[slot];
        const points = halfLife === undefined ? slotPoints[slot] : decayedPoints(slotPoints[slot], halfLife, atMs - lastAt[slot]);
        actionPoints += points;
        if (reasons) reasons.push({ kind: "action", name: slotAction[slot], value: null, points, occurredAt: lastAt[slot] });
        else {
          momentPoints[counted] = points;
          momentSlots[counted] = slot;
          counted += 1;
        }
      }
    }
    pain += actionPoints;
    if (inactivity !== null && Number.isFinite(lastActivityAt) && quietMs >= inactivityMs) {
      pain += inactivity.points;
      reasons?.push({ kind: "inactivity", name: "inactivity", value: null, points: inactivity.points, occurredAt: lastActivityAt });
    }
    if (velocity !== null && createdAt !== null && atMs > createdAt) {
      const days = Math.max(1, (atMs - createdAt) / DAY_MS);
      if (actionPoints / days >= velocity.minPointsPerDay) {
        pain += velocity.points;
        reasons?.push({ kind: "velocity", name: "velocity", value: null, points: velocity.points, occurredAt: null });
      }
    }
    if (reasons) sortReasons(reasons);
    else found.actionPoints = sumInReasonOrder(momentPoints, momentSlots, counted, slotAction);
    found.fit = fit;
    found.pain = roundScore(pain);
    found.score = roundScore(fit + found.pain);
  };

  const combine = (atMs: number, reasons: Reason[], profileFit: number, profilePain: number, createdAt: number | null, lastActivityAt: number): LeadScore => {
    applyRules(atMs, reasons, profileFit, profilePain, createdAt, lastActivityAt);
    const { score, fit, pain } = found;
    const probability = calibration ? interpolate(calibration.scores, calibration.probabilities, score) : null;
    const result: LeadScore = { score, fit, pain, probability, sdrReady: threshold !== null && score >= threshold, reasons };
    return segments ? { ...result, segment: segmentOf(segments, score) } : result;
  };

  // The timeline's current lead.
  let timelineFit = 0;
  let timelinePain = 0;
  let timelineCreatedAt: number | null = null;
  let timelineLatest = -Infinity;
  const timeline: TimelineScorer = {
    model,
    usesActivity,
    slotOf: (action) => slotOf.get(action) ?? -1,
    deriveFeature: (f, cell) => features[f].derive(cellText(cell)),
    featurePoints: (f, value) => features[f].pointsByValue.get(value) ?? 0,
    begin(lead) {
      // The profile's FIT and PAIN as scoreAt sums its contributions (features in order, zero points left out).
      let fit = 0;
      let pain = 0;
      for (const feature of features) {
        const points = feature.pointsByValue.get(featureValue(feature, lead)) ?? 0;
        if (points === 0) continue;
        if (feature.role === "fit") fit += points;
        else pain += points;
      }
      timeline.beginProfile(fit, pain, createdAtOf(lead));
    },
    beginProfile(fit, pain, createdAt) {
      timelineFit = fit;
      timelinePain = pain;
      timelineCreatedAt = createdAt;
      timelineLatest = -Infinity;
      firstAt.fill(Infinity);
      lastAt.fill(-Infinity);
    },
    add(slot, at) {
      if (slot < 0 && !usesActivity) return;
      // In time order, an exit (a gap longer than exitMs) starts a new episode: what came before no longer counts
      // (episodeStartOf walks the same gaps back from the latest activity).
      if (exitMs !== null && at - timelineLatest > exitMs) {
        firstAt.fill(Infinity);
        lastAt.fill(-Infinity);
      }
      if (at > timelineLatest) timelineLatest = at;
      if (slot < 0) return;
      if (at < firstAt[slot]) firstAt[slot] = at;
      if (at > lastAt[slot]) lastAt[slot] = at;
    },
    measureAt(at, into) {
      applyRules(at, null, timelineFit, timelinePain, timelineCreatedAt, Math.max(timelineCreatedAt ?? -Infinity, timelineLatest));
      into.score = found.score;
      into.fit = found.fit;
      into.pain = found.pain;
      into.actionPoints = found.actionPoints;
    },
  };

  const scorer: Scorer = {
    model,
    initialState(lead) {
      return { version: 2, profile: profileOf(lead), createdAt: createdAtOf(lead), latestEventAt: null, episodes: [] };
    },
    applyEvent(state, event) {
      const known = slotOf.has(event.action);
      if (!known && !usesActivity) return state;
      const occurredAt = toInstant(event.occurred_at ?? event.occurredAt, "event.occurred_at");
      return {
        version: 2,
        profile: state.profile,
        createdAt: state.createdAt,
        latestEventAt: state.latestEventAt === null || occurredAt > state.latestEventAt ? occurredAt : state.latestEventAt,
        episodes: addActivity(state.episodes, occurredAt, known ? event.action : null, exitMs),
      };
    },
    scoreAt(state, at) {
      const atMs = toInstant(at, "at");
      if (state?.version !== 2) {
        throw new ScoringError("invalid-state", "state.version", `state.version: expected 2 (a state from initialState), got ${JSON.stringify(state?.version)}.`);
      }
      if (state.latestEventAt !== null && state.latestEventAt >= atMs) {
        throw new ScoringError(
          "state-after-at",
          "at",
          `at: the state holds an event at ${new Date(state.latestEventAt).toISOString()}, not before ${new Date(atMs).toISOString()}; a state cannot forget events, so score an earlier moment with score(lead, events, at).`,
        );
      }
      firstAt.fill(Infinity);
      lastAt.fill(-Infinity);
      const episode = state.episodes[state.episodes.length - 1];
      if (episode) {
        for (const [action, o] of Object.entries(episode.actions)) {
          const slot = slotOf.get(action);
          if (slot === undefined) continue;
          firstAt[slot] = o.first;
          lastAt[slot] = o.last;
        }
      }
      const reasons: Reason[] = [];
      let fit = 0;
      let pain = 0;
      for (const c of state.profile) {
        if (c.role === "fit") fit += c.points;
        else pain += c.points;
        reasons.push({ kind: "profile", name: c.name, value: c.value, points: c.points, occurredAt: null });
      }
      return combine(atMs, reasons, fit, pain, state.createdAt, Math.max(state.createdAt ?? -Infinity, state.latestEventAt ?? -Infinity));
    },
    score(lead, events, at) {
      const atMs = toInstant(at, "at");
      const createdAt = createdAtOf(lead);
      firstAt.fill(Infinity);
      lastAt.fill(-Infinity);
      let latestEventAt = -Infinity;
      if (eventTimes.length < events.length) {
        activityTimes = new Float64Array(events.length * 2);
        eventTimes = new Float64Array(events.length * 2);
        eventSlots = new Int32Array(events.length * 2);
      }
      let count = 0;
      for (let i = 0; i < events.length; i++) {
        const event = events[i];
        const slot = slotOf.get(event.action) ?? -1;
        if (slot < 0 && !usesActivity) continue;
        readEventInstant(event, i, eventTimes);
        const occurredAt = eventTimes[i];
        if (exitMs !== null) eventSlots[i] = slot;
        if (!(occurredAt < atMs)) continue;
        if (occurredAt > latestEventAt) latestEventAt = occurredAt;
        if (exitMs !== null) activityTimes[count++] = occurredAt;
        else if (slot >= 0) {
          if (occurredAt < firstAt[slot]) firstAt[slot] = occurredAt;
          if (occurredAt > lastAt[slot]) lastAt[slot] = occurredAt;
        }
      }
      if (exitMs !== null) {
        // An exit rule needs the activity in time order to find the current episode; only its
        // kept actions count. Each date was parsed once, above, and kept in event order.
        sortAscending(activityTimes, count);
        const episodeStart = episodeStartOf(activityTimes, count, exitMs);
        for (let i = 0; i < events.length; i++) {
          const slot = eventSlots[i];
          const t = eventTimes[i];
          if (slot < 0 || !(t < atMs) || t < episodeStart) continue;
          if (t < firstAt[slot]) firstAt[slot] = t;
          if (t > lastAt[slot]) lastAt[slot] = t;
        }
      }
      const reasons: Reason[] = [];
      let fit = 0;
      let pain = 0;
      for (const feature of features) {
        const value = feature.derive(cellText(ownCell(lead, feature.column)));
        const points = feature.pointsByValue.get(value);
        if (points === undefined || points === 0) continue;
        if (feature.role === "fit") fit += points;
        else pain += points;
        reasons.push({ kind: "profile", name: feature.name, value, points, occurredAt: null });
      }
      return combine(atMs, reasons, fit, pain, createdAt, Math.max(createdAt ?? -Infinity, latestEventAt));
    },
  };
  return { scorer, timeline };
}

/** Linear interpolation in an ascending table, clipped at its ends (the calibration map's contract). */
function interpolate(xs: readonly number[], ys: readonly number[], x: number): number {
  if (xs.length === 0) return 0;
  if (x <= xs[0]) return ys[0];
  const last = xs.length - 1;
  if (x >= xs[last]) return ys[last];
  let low = 0;
  let high = last;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (xs[mid] <= x) low = mid;
    else high = mid;
  }
  return ys[low] + ((x - xs[low]) / (xs[high] - xs[low])) * (ys[high] - ys[low]);
}

/** The lead's own field `column`: a column named "__proto__" or "constructor" must not read Object.prototype. */
function ownCell(lead: LeadInput, column: string): unknown {
  return Object.hasOwn(lead, column) ? lead[column] : undefined;
}

function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : String(value);
}

/**
 * The lead's `created_at` (else its `createdAt`), when it has a usable one.
 * @throws ScoringError "bad-instant" for an unusable one (an input error).
 */
export function createdAtOf(lead: LeadInput): number | null {
  const value = ownCell(lead, "created_at") ?? ownCell(lead, "createdAt");
  if (value === null || value === undefined || value === "") return null;
  return toInstant(value, "lead.created_at");
}

/**
 * Writes an event's instant to `into[index]` (unboxed: no number object per
 * event); the error path (and its text) is built only when the date is bad.
 */
function readEventInstant(event: EventInput, index: number, into: Float64Array): void {
  const value = event.occurred_at ?? event.occurredAt;
  if (typeof value === "string") {
    if (_instantInto(value, into, index)) return;
  } else if (typeof value === "number" && Number.isFinite(value)) {
    into[index] = value;
    return;
  }
  into[index] = toInstant(value, `events[${index}].occurred_at`);
}

function toInstant(value: unknown, path: string): number {
  if (typeof value === "string") {
    const parsed = parseInstant(value);
    if (parsed !== null) return parsed;
  } else if (typeof value === "number" && Number.isFinite(value)) return value;
  else if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime();
  throw new ScoringError("bad-instant", path, `${path}: expected an ISO 8601 date, Date or epoch milliseconds, got ${JSON.stringify(value) ?? String(value)}.`);
}
