/** The scorer's public shapes: what services pass in and get back, and training's timeline interface. */
import type { ScoringModel } from "./scoring-model.js";
import type { Episode } from "./time-rules.js";

/**
 * A lead as services hold it: a leads row keyed by column name (profile
 * fields, `account_id`). `created_at` (ISO text, Date or epoch ms) lets the
 * velocity and inactivity rules count from the lead's creation.
 */
export type LeadInput = Readonly<Record<string, unknown>>;

/** One event; `occurred_at` (or `occurredAt`) is an ISO string, Date or epoch milliseconds. */
export interface EventInput {
  readonly action: string;
  readonly occurred_at?: string | Date | number;
  readonly occurredAt?: string | Date | number;
}

/** One contribution to a score: what sales asks first. */
export interface Reason {
  /**
   * `action` and `profile` carry learned points; `inactivity` is the penalty
   * while the lead is quiet, `velocity` the bonus for fast engagement, and
   * `fit-cap` the points FIT lost to the model's cap.
   */
  readonly kind: "action" | "profile" | "inactivity" | "velocity" | "fit-cap";
  /** Action name, profile feature name, or the rule's name. */
  readonly name: string;
  /** Profile value (e.g. "vp"); null otherwise. */
  readonly value: string | null;
  readonly points: number;
  /**
   * Actions: their latest counted occurrence (the one their decay runs from);
   * inactivity: the last activity. Epoch milliseconds, UTC; null otherwise.
   * A number rather than ISO text: formatting dates costs more than scoring.
   */
  readonly occurredAt: number | null;
}

/** A scored lead. */
export interface LeadScore {
  readonly score: number;
  /** FIT after the model's cap. */
  readonly fit: number;
  readonly pain: number;
  /** Calibrated close probability for this score (0–1); null when the model has no calibration. */
  readonly probability: number | null;
  readonly sdrReady: boolean;
  /** Named score band, when the scorer was given segments (the score and SDR-ready flag stay primary). */
  readonly segment?: string;
  /** Contributions, largest |points| first: the top positive and negative reasons lead the list. */
  readonly reasons: Reason[];
}

/**
 * A lead's scoring state for streaming updates: small and JSON-serialisable.
 * Per activity episode (one, without an exit rule) it keeps the first and
 * last occurrence and a count of each kept action; the profile's
 * contributions are computed once.
 */
export interface LeadState {
  readonly version: 2;
  readonly profile: ReadonlyArray<{ readonly name: string; readonly value: string; readonly points: number; readonly role: "fit" | "pain" }>;
  readonly createdAt: number | null;
  /** Latest event applied (epoch ms); null before any. */
  readonly latestEventAt: number | null;
  readonly episodes: readonly Episode[];
}

export interface Scorer {
  readonly model: ScoringModel;
  /** Scores `lead` as of `at`, counting only events strictly before `at`. */
  score(lead: LeadInput, events: readonly EventInput[], at: string | Date | number): LeadScore;
  /** The state of a lead with no events yet. */
  initialState(lead: LeadInput): LeadState;
  /**
   * The state after one more event (a new object; the old one is unchanged).
   * Events may arrive in any order: occurrences and episodes merge.
   */
  applyEvent(state: LeadState, event: EventInput): LeadState;
  /**
   * Scores a state as of `at`, exactly as `score(lead, allEvents, at)` would.
   * @throws ScoringError "state-after-at" when the state holds an event at or
   *   after `at`: a state cannot forget events, so look back with `score`.
   */
  scoreAt(state: LeadState, at: string | Date | number): LeadScore;
}

/**
 * One lead's score followed through time, event by event, with no object
 * per event or per moment: what training's replay and its scoring at the
 * cut-off run on. The same rules as `Scorer.score` — one implementation:
 * `begin`, `add` each event in time order, then `measureAt(at)` gives what
 * `score(lead, eventsAdded, at)` gives. Internal (`leadlift-runtime/internal`).
 */
export interface TimelineScorer {
  readonly model: ScoringModel;
  /** Whether events of actions without points still count (as activity, for the inactivity or exit rule). */
  readonly usesActivity: boolean;
  /** The slot of a kept action with points, −1 for any other action: map an action dictionary once. */
  slotOf(action: string): number;
  /**
   * The value the model's profile feature `feature` (an index into `model.profile.features`)
   * derives from a lead's cell in the feature's column (`undefined` when the lead has none).
   */
  deriveFeature(feature: number, cell: unknown): string;
  /** The points of profile feature `feature` for a derived value (0 when it has none). */
  featurePoints(feature: number, value: string): number;
  /** Starts a lead (its profile and creation instant), with no events. */
  begin(lead: LeadInput): void;
  /**
   * Starts a lead as `begin` does, from its profile's FIT and PAIN points and
   * creation instant, for callers that keep those per lead: FIT (PAIN) must be
   * the sum, in the model's feature order, of `featurePoints` of the lead's
   * fit (pain) features — the order `begin` adds them in, so the float sums agree.
   */
  beginProfile(fit: number, pain: number, createdAt: number | null): void;
  /**
   * Adds one event of the current lead at `at` (epoch ms): `slot` from `slotOf`. Events must come in time
   * order when the model has an exit rule (a gap starts a new episode); without one the state is each slot's
   * first and last time and the latest activity, which do not depend on the order (cut-off scoring relies on it).
   */
  add(slot: number, at: number): void;
  /**
   * The current lead's score at `at` (epoch ms), all added events being
   * before it: score, FIT, PAIN, and the action points within PAIN summed
   * in the order `LeadScore.reasons` lists them, written into `into`.
   */
  measureAt(at: number, into: TimelineMeasure): void;
}

/** What `TimelineScorer.measureAt` writes. */
export interface TimelineMeasure {
  score: number;
  fit: number;
  pain: number;
  actionPoints: number;
}
