/**
 * The parts of a leadlift model file the runtime scorer reads, as plain
 * TypeScript: the runtime's own contract, so `leadlift-runtime` and its type
 * declarations need nothing else (no schema library). The model file holds
 * more (training evidence, calibration, validation); the toolkit's `ModelV1`,
 * derived from its zod schema, describes all of it, and a compile-time test
 * (test/runtime/scoring-model.test.ts) checks that every model the schema
 * accepts is a `ScoringModel`.
 */
import type { ProfileTransform } from "./derive-profile.js";

/** One action's learned points; only kept actions with non-zero points count. */
export interface ScoringAction {
  readonly action: string;
  /** Whole points within ±1,000,000 (`MAX_ABS_POINTS`). */
  readonly points: number;
  readonly kept: boolean;
}

/** A profile feature: which lead column it reads, how the value is derived, and whether it is FIT or PAIN. */
export interface ScoringProfileFeature {
  readonly name: string;
  readonly column: string;
  readonly role: "fit" | "pain";
  readonly transform: ProfileTransform;
}

/** Points for one derived value of a profile feature. */
export interface ScoringProfileRule {
  readonly feature: string;
  readonly value: string;
  readonly points: number;
  readonly kept: boolean;
}

/** How points change with time: decay of positive action points, the exit, the inactivity penalty. */
export interface ScoringDecay {
  /** Half-life in days per kept action whose positive points fade. */
  readonly halfLifeDays: Readonly<Record<string, number>>;
  /** After a longer silence, behaviour points earned before it no longer count; null = never. */
  readonly exitAfterDays: number | null;
  /** Points added while a lead has had no activity for `days`; null = none. */
  readonly inactivity: { readonly days: number; readonly points: number } | null;
}

/** A model as the runtime scores it (schema version 1). */
export interface ScoringModel {
  readonly schemaVersion: number;
  readonly kind: "leadlift-model";
  readonly actions: readonly ScoringAction[];
  readonly profile: {
    readonly features: readonly ScoringProfileFeature[];
    readonly rules: readonly ScoringProfileRule[];
    /** Most FIT points a lead can hold; null or absent = no cap. */
    readonly fitCap?: number | null;
  };
  /** Lowest score at which a lead is SDR-ready; null = no threshold (no lead is). */
  readonly threshold: { readonly score: number | null };
  /** Score → close probability (ascending scores, probabilities 0–1, interpolated linearly); null = none. */
  readonly probability?: { readonly scores: readonly number[]; readonly probabilities: readonly number[] } | null;
  readonly decay?: ScoringDecay | null;
  /** Points added while action points per day since creation are at least `minPointsPerDay`; null = none. */
  readonly velocity?: { readonly minPointsPerDay: number; readonly points: number } | null;
}
