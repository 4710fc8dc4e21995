import { insertionSort } from "leadlift-runtime/internal";
import { growArray } from "./grow-array.js";
import type { LandmarkGrid } from "./landmarks.js";
import type { TrainingPopulation } from "./training-population.js";

const DAY_MS = 86_400_000;

/**
 * The stacked design of a landmark regression, compressed: every lead
 * contributes its at-risk landmarks, but consecutive landmarks with the same
 * 0/1 features form one segment whose weight is their number. Features are
 * sparse: segment s has the columns columnIndex[columnOffsets[s] … columnOffsets[s + 1] − 1].
 */
export interface StackedDesign {
  readonly columns: readonly string[];
  readonly segments: number;
  readonly segmentLead: Int32Array;
  readonly segmentWeight: Float64Array;
  readonly columnOffsets: Int32Array;
  readonly columnIndex: Int32Array;
}

/** A 0/1 profile column: the leads that have it. */
export interface StaticColumn {
  readonly key: string;
  readonly values: ArrayLike<number>;
}

/** An action column: when each lead first did it before its cut-off (NaN: never), and whether it did at the cut-off. */
export interface ActionColumn {
  readonly key: string;
  readonly firstAt: ArrayLike<number>;
}

/**
 * Where lead `i`'s landmark rows change, for both builders of the landmark
 * design (this file's stacked rows and the patterns training counts, `landmarkPatterns`): each
 * action's switch landmark — the first strictly after its first occurrence
 * (train-sql's `switchLandmarkSql`; `end` when never done) — goes into
 * `switchAt`, and the first (returned) count places of `breaks` become 0,
 * `end` and every switch and band start strictly between them, ascending
 * (segments run from one break to the next). `breaks` is a buffer
 * (`breakBuffer`) reused lead after lead: emptying and refilling a plain
 * array reallocated its storage for every lead (`set length` and garbage
 * collection in the 1M-lead profile).
 */
export function landmarkBreaks(
  i: number,
  end: number,
  createdAt: number,
  stepMs: number,
  firstAt: ReadonlyArray<ArrayLike<number>>,
  bandStarts: readonly number[],
  switchAt: Int32Array,
  breaks: Float64Array,
): number {
  breaks[0] = 0;
  breaks[1] = end;
  let count = 2;
  for (let a = 0; a < firstAt.length; a++) {
    const first = firstAt[a][i];
    const at = Number.isNaN(first) ? end : Math.min(end, first < createdAt ? 0 : Math.floor((first - createdAt) / stepMs) + 1);
    switchAt[a] = at;
    if (at > 0 && at < end) breaks[count++] = at;
  }
  for (const start of bandStarts) if (start > 0 && start < end) breaks[count++] = start;
  insertionSort(breaks, count);
  return count;
}

/** The buffer `landmarkBreaks` needs for `actionCount` actions and `bandStarts`. */
export function breakBuffer(actionCount: number, bandStarts: readonly number[]): Float64Array {
  return new Float64Array(2 + actionCount + bandStarts.length);
}

/**
 * Landmark supermodel design (van Houwelingen 2007): one row per lead and
 * at-risk landmark, with "did the action before this landmark" for every
 * action, the lead's profile columns, and lead-age bands as nuisance
 * columns (band 0, the youngest, is the reference) — so the regression
 * compares leads of the same age still with marketing, the moments the
 * score is used. Leads without dates sit out. Training counts the same
 * design's distinct patterns lead by lead instead (`landmarkPatterns`, no
 * row per segment); these rows are the reference that count is tested against.
 * @param ageBandStarts first landmark of each band after the first, ascending.
 */
export function buildLandmarkDesign(
  grid: LandmarkGrid,
  population: TrainingPopulation,
  actions: readonly ActionColumn[],
  profile: readonly StaticColumn[],
  ageBandStarts: readonly number[],
): StackedDesign {
  const columns = [...actions.map((a) => a.key), ...profile.map((p) => p.key), ...ageBandStarts.map((start) => `age:${start * grid.stepDays}d`)];
  const buffer = designBuffer(grid.datedLeads * 3);
  const stepMs = grid.stepDays * DAY_MS;
  const switchAt = new Int32Array(actions.length);
  const firstAt = actions.map((action) => action.firstAt);
  const breaks = breakBuffer(actions.length, ageBandStarts);
  const profileOf: number[] = [];
  for (let i = 0; i < grid.atRisk.length; i++) {
    const end = grid.atRisk[i];
    if (end === 0) continue;
    const breakCount = landmarkBreaks(i, end, population.leads[i].createdAt as number, stepMs, firstAt, ageBandStarts, switchAt, breaks);
    profileOf.length = 0;
    profile.forEach((column, p) => {
      if (column.values[i]) profileOf.push(actions.length + p);
    });
    for (let b = 0; b < breakCount - 1; b++) {
      const from = breaks[b];
      const to = breaks[b + 1];
      if (to <= from) continue;
      buffer.startSegment(i, to - from);
      for (let a = 0; a < actions.length; a++) if (switchAt[a] <= from) buffer.addColumn(a);
      for (const p of profileOf) buffer.addColumn(p);
      let band = 0;
      while (band < ageBandStarts.length && ageBandStarts[band] <= from) band++;
      if (band > 0) buffer.addColumn(actions.length + profile.length + band - 1);
    }
  }
  return buffer.done(columns);
}

/**
 * One row per lead at its cut-off (the design when leads have no dates):
 * "did the action before the cut-off" and the profile columns.
 */
export function buildCutoffDesign(leadCount: number, actions: readonly StaticColumn[], profile: readonly StaticColumn[]): StackedDesign {
  const columns = [...actions.map((a) => a.key), ...profile.map((p) => p.key)];
  const all = [...actions, ...profile];
  const buffer = designBuffer(leadCount);
  for (let i = 0; i < leadCount; i++) {
    buffer.startSegment(i, 1);
    all.forEach((column, c) => {
      if (column.values[i]) buffer.addColumn(c);
    });
  }
  return buffer.done(columns);
}

/**
 * Lead-age bands for the nuisance columns: `bands` bands of about equal
 * numbers of at-risk (lead, landmark) rows, as the first landmark of each
 * band after the first.
 */
export function ageBandStarts(grid: LandmarkGrid, bands: number): number[] {
  const atLandmark = new Float64Array(grid.count);
  for (let i = 0; i < grid.atRisk.length; i++) for (let k = 0; k < grid.atRisk[i]; k++) atLandmark[k] += 1;
  let total = 0;
  for (const n of atLandmark) total += n;
  const starts: number[] = [];
  let cumulative = 0;
  for (let k = 0; k < grid.count && starts.length < bands - 1; k++) {
    cumulative += atLandmark[k];
    const next = starts.length + 1;
    if (cumulative >= (total * next) / bands && k + 1 < grid.count) starts.push(k + 1);
  }
  return starts;
}

function designBuffer(initialSegments: number) {
  let segmentCapacity = Math.max(16, initialSegments);
  let columnCapacity = segmentCapacity * 4;
  let segmentLead: Int32Array<ArrayBuffer> = new Int32Array(segmentCapacity);
  let segmentWeight: Float64Array<ArrayBuffer> = new Float64Array(segmentCapacity);
  let columnOffsets: Int32Array<ArrayBuffer> = new Int32Array(segmentCapacity + 1);
  let columnIndex: Int32Array<ArrayBuffer> = new Int32Array(columnCapacity);
  let segments = 0;
  let used = 0;
  return {
    startSegment(lead: number, weight: number) {
      if (segments === segmentCapacity) {
        segmentCapacity *= 2;
        segmentLead = growArray(segmentLead, segmentCapacity);
        segmentWeight = growArray(segmentWeight, segmentCapacity);
        columnOffsets = growArray(columnOffsets, segmentCapacity + 1);
      }
      segmentLead[segments] = lead;
      segmentWeight[segments] = weight;
      segments += 1;
      columnOffsets[segments] = used;
    },
    addColumn(column: number) {
      if (used === columnCapacity) {
        columnCapacity *= 2;
        columnIndex = growArray(columnIndex, columnCapacity);
      }
      columnIndex[used++] = column;
      columnOffsets[segments] = used;
    },
    done(columns: string[]): StackedDesign {
      return {
        columns,
        segments,
        segmentLead: segmentLead.subarray(0, segments),
        segmentWeight: segmentWeight.subarray(0, segments),
        columnOffsets: columnOffsets.subarray(0, segments + 1),
        columnIndex: columnIndex.subarray(0, used),
      };
    },
  };
}
