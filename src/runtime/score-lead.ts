import type { ModelV1 } from "../model/types.js";
import { assertModel } from "./assert-model.js";
import { decayFactor, isInactive, roundScore } from "./decay.js";
import { compileProfileTransform } from "./derive-profile.js";
import { parseInstant } from "./parse-instant.js";
import { ScoringError } from "./scoring-error.js";
import { assertSegments, segmentOf, type Segment } from "./segments.js";

/** A lead as services hold it: a leads row keyed by column name (profile fields, `account_id`). */
export type LeadInput = Readonly<Record<string, unknown>>;

/** One event; `occurred_at` (or `occurredAt`) is an ISO string, Date or epoch milliseconds. */
export interface EventInput {
  readonly action: string;
  readonly occurred_at?: string | Date | number;
  readonly occurredAt?: string | Date | number;
}

/** One contribution to a score: what sales asks first. */
export interface Reason {
  readonly kind: "action" | "profile";
  /** Action name, or profile feature name. */
  readonly name: string;
  /** Profile value (e.g. "vp"); null for actions. */
  readonly value: string | null;
  readonly points: number;
  /**
   * When the action first occurred (epoch milliseconds, UTC); null for profile.
   * A number rather than ISO text: formatting dates costs more than scoring.
   */
  readonly occurredAt: number | null;
}

/** A scored lead. */
export interface LeadScore {
  readonly score: number;
  readonly fit: number;
  readonly pain: number;
  /** Calibrated close probability for this score (0–1); null when the model has no calibration. */
  readonly probability: number | null;
  readonly sdrReady: boolean;
  /** Named score band, when the scorer was given segments (the score and SDR-ready flag stay primary). */
  readonly segment?: string;
  /** Contributions, largest |points| first. */
  readonly reasons: Reason[];
}

/**
 * A lead's scoring state for streaming updates: small and JSON-serialisable.
 * Per kept action it keeps the first and last occurrence and a count; the
 * profile's contributions are computed once.
 */
export interface LeadState {
  readonly version: 1;
  readonly profile: ReadonlyArray<{ readonly name: string; readonly value: string; readonly points: number; readonly role: "fit" | "pain" }>;
  readonly actions: Readonly<Record<string, { readonly first: number; readonly last: number; readonly count: number }>>;
}

export interface Scorer {
  readonly model: ModelV1;
  /** Scores `lead` as of `at`, counting only events strictly before `at`. */
  score(lead: LeadInput, events: readonly EventInput[], at: string | Date | number): LeadScore;
  /** The state of a lead with no events yet. */
  initialState(lead: LeadInput): LeadState;
  /**
   * The state after one more event (a new object; the old one is unchanged).
   * Events may arrive in any order: the first occurrence is a minimum, so
   * `scoreAt(state, at)` always equals `score(lead, allEvents, at)`.
   */
  applyEvent(state: LeadState, event: EventInput): LeadState;
  /** Scores a state as of `at` (events at or after `at` do not count), exactly as `score` would. */
  scoreAt(state: LeadState, at: string | Date | number): LeadScore;
}

interface CompiledFeature {
  readonly name: string;
  readonly column: string;
  readonly role: "fit" | "pain";
  readonly derive: (cell: string | null | undefined) => string;
  readonly pointsByValue: Map<string, number>;
}

/**
 * A scorer for a trusted model: FIT from profile rules, PAIN from kept
 * actions (each counted once, if it occurred strictly before `at` — the same
 * leakage rule as training), SDR-ready when the score reaches the threshold.
 * @throws ScoringError for a model it cannot trust, or a bad `at`/event date.
 * @example createScorer(model).score({ title: "VP Sales" }, [{ action: "demo_request", occurred_at: "2025-01-02T00:00:00Z" }], "2025-02-01T00:00:00Z")
 */
export function createScorer(modelJson: unknown, options: { segments?: readonly Segment[] } = {}): Scorer {
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
  const firstAt = new Float64Array(slotAction.length);
  const lastAt = new Float64Array(slotAction.length);
  const halfLife = slotAction.map((action) => model.decay?.halfLifeDays[action]);
  const exitAfterDays = model.decay?.exitAfterDays ?? null;
  /** Adds each counted action's (decayed) points; returns PAIN from actions, 0 after an inactivity exit. */
  const addActions = (atMs: number, first: (slot: number) => number, last: (slot: number) => number, reasons: Reason[]): number => {
    let pain = 0;
    let latest = -Infinity;
    const counted: Reason[] = [];
    for (let slot = 0; slot < slotAction.length; slot++) {
      const f = first(slot);
      if (!(f < atMs)) continue;
      const l = last(slot);
      if (l > latest) latest = l;
      const points = roundScore(slotPoints[slot] * decayFactor(halfLife[slot], atMs - l));
      pain += points;
      counted.push({ kind: "action", name: slotAction[slot], value: null, points, occurredAt: f });
    }
    if (counted.length > 0 && isInactive(exitAfterDays, latest, atMs)) return 0;
    reasons.push(...counted);
    return pain;
  };
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

  const profileOf = (lead: LeadInput): LeadState["profile"] => {
    const contributions: Array<LeadState["profile"][number]> = [];
    for (const feature of features) {
      const value = feature.derive(cellText(lead[feature.column]));
      const points = feature.pointsByValue.get(value) ?? 0;
      if (points !== 0) contributions.push({ name: feature.name, value, points, role: feature.role });
    }
    return contributions;
  };
  const finish = (fit: number, painSum: number, reasons: Reason[]): LeadScore => {
    let pain = painSum;
    reasons.sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || (a.name < b.name ? -1 : 1));
    pain = roundScore(pain);
    const score = roundScore(fit + pain);
    const probability = calibration ? interpolate(calibration.scores, calibration.probabilities, score) : null;
    const result: LeadScore = { score, fit, pain, probability, sdrReady: threshold !== null && score >= threshold, reasons };
    return segments ? { ...result, segment: segmentOf(segments, score) } : result;
  };

  return {
    model,
    initialState(lead) {
      return { version: 1, profile: profileOf(lead), actions: {} };
    },
    applyEvent(state, event) {
      if (!slotOf.has(event.action)) return state;
      const occurredAt = toInstant(event.occurred_at ?? event.occurredAt, "event.occurred_at");
      const previous = state.actions[event.action];
      const next = previous
        ? { first: Math.min(previous.first, occurredAt), last: Math.max(previous.last, occurredAt), count: previous.count + 1 }
        : { first: occurredAt, last: occurredAt, count: 1 };
      return { ...state, actions: { ...state.actions, [event.action]: next } };
    },
    scoreAt(state, at) {
      const atMs = toInstant(at, "at");
      const reasons: Reason[] = [];
      let fit = 0;
      let pain = 0;
      for (const c of state.profile) {
        if (c.role === "fit") fit += c.points;
        else pain += c.points;
        reasons.push({ kind: "profile", name: c.name, value: c.value, points: c.points, occurredAt: null });
      }
      const entry = (slot: number) => state.actions[slotAction[slot]];
      pain += addActions(
        atMs,
        (slot) => entry(slot)?.first ?? Infinity,
        // The state keeps first and last occurrences: exact for `at` after the last applied event (streaming use);
        // for an earlier `at` the most recent known occurrence before it is used.
        (slot) => {
          const e = entry(slot);
          return e.last < atMs ? e.last : e.first;
        },
        reasons,
      );
      return finish(fit, pain, reasons);
    },
    score(lead, events, at) {
      const atMs = toInstant(at, "at");
      const reasons: Reason[] = [];
      let fit = 0;
      let pain = 0;
      for (const feature of features) {
        const value = feature.derive(cellText(lead[feature.column]));
        const points = feature.pointsByValue.get(value) ?? 0;
        if (points === 0) continue;
        if (feature.role === "fit") fit += points;
        else pain += points;
        reasons.push({ kind: "profile", name: feature.name, value, points, occurredAt: null });
      }
      firstAt.fill(Infinity);
      lastAt.fill(-Infinity);
      for (let i = 0; i < events.length; i++) {
        const event = events[i];
        const slot = slotOf.get(event.action);
        if (slot === undefined) continue;
        const occurredAt = toInstant(event.occurred_at ?? event.occurredAt, `events[${i}].occurred_at`);
        if (!(occurredAt < atMs)) continue;
        if (occurredAt < firstAt[slot]) firstAt[slot] = occurredAt;
        if (occurredAt > lastAt[slot]) lastAt[slot] = occurredAt;
      }
      pain += addActions(atMs, (slot) => firstAt[slot], (slot) => lastAt[slot], reasons);
      return finish(fit, pain, reasons);
    },
  };
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

function cellText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === "string" ? value : String(value);
}

function toInstant(value: unknown, path: string): number {
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.getTime();
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string") {
    const parsed = parseInstant(value);
    if (parsed !== null) return parsed;
  }
  throw new ScoringError("bad-instant", path, `${path}: expected an ISO 8601 date, Date or epoch milliseconds, got ${JSON.stringify(value) ?? String(value)}.`);
}
