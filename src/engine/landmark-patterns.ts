import { breakBuffer, landmarkBreaks } from "../features/landmark-design.js";
import { growArray } from "../features/grow-array.js";
import type { LandmarkGrid } from "../features/landmarks.js";
import type { TrainingPopulation } from "../features/training-population.js";
import { ClusterMeat, patternsFromColumns, type StackedPatternSource } from "../stats/fit-stacked-logistic.js";
import type { DesignPlan } from "../train/training-engine.js";

const DAY_MS = 86_400_000;

/**
 * Each population lead's set of profile columns, as a signature: the
 * distinct column sets numbered in order of first lead, and each lead's
 * number — the `lead_profile` table of `designSegmentsSql`.
 */
export interface ProfileSignatures {
  /** The design columns of each signature, ascending (profile columns follow the actions). */
  readonly columns: readonly (readonly number[])[];
  /** Each population lead's signature. */
  readonly ofLead: Int32Array;
}

/** The signatures of the population's profile sets (see `ProfileSignatures`). */
export function profileSignatures(size: number, plan: DesignPlan): ProfileSignatures {
  const actionCount = plan.actionIds.length;
  const signatureOf = new Map<string, number>();
  const columnsOfSignature: number[][] = [];
  const ofLead = new Int32Array(size);
  const columns: number[] = [];
  for (let i = 0; i < size; i++) {
    columns.length = 0;
    for (let p = 0; p < plan.profile.length; p++) if (plan.profile[p].values[i]) columns.push(actionCount + p);
    const key = columns.join(",");
    let signature = signatureOf.get(key);
    if (signature === undefined) {
      signature = columnsOfSignature.length;
      signatureOf.set(key, signature);
      columnsOfSignature.push([...columns]);
    }
    ofLead[i] = signature;
  }
  return { columns: columnsOfSignature, ofLead };
}

/**
 * The landmark regression's distinct patterns, totals and cluster meat,
 * counted lead by lead from when each lead first did each action column
 * (`plan.actionFirstAt`) — the results of train-sql's `design_segments`,
 * `design_patterns`, `design_totals` and `segment_patterns` statements
 * (`training-sql.ts`), which the DuckDB engine computed in SQL before:
 * the same segments (a lead's at-risk landmarks cut where an action starts
 * to count or an age band begins), patterns numbered in first-appearance
 * order (by lead, then landmark), and the meat summed over the segments in
 * (lead, landmark) order. Only one (lead, pattern, weight) entry per
 * segment is kept, not the stacked design's columns.
 *
 * A pattern is found without a key per segment: within a lead the set of
 * actions done only grows, so its set is looked up (down a trie of its
 * ascending actions) only when its size changes, and the pattern by the set
 * and then one small number for the signature, band and outcome. The
 * segment loop allocates nothing: the actions done, the breaks and the trie
 * are typed arrays (plain arrays emptied per segment and a Map per trie node
 * made `set length`, Map lookups and garbage collection a third of this
 * function's time at 200k leads).
 * @param signatures the population's profile signatures (`profileSignatures`).
 */
export function landmarkPatterns(population: TrainingPopulation, grid: LandmarkGrid, plan: DesignPlan, signatures: ProfileSignatures): StackedPatternSource {
  const actionCount = plan.actionIds.length;
  const profileCount = plan.profile.length;
  const bandStarts = plan.bandStarts;
  const firstAt = plan.actionFirstAt;
  const stepMs = grid.stepDays * DAY_MS;

  // Action sets are the nodes of a trie over their ascending actions (node 0 the empty set); patterns are found by
  // (set, signature·band·outcome) in a table of numbers (see PatternTable).
  const sets = new SetTrie(actionCount);
  // About one pattern per dated lead at 200k leads: room for two, so the table seldom grows.
  const patternOf = new PatternTable(2 * grid.datedLeads);
  // Each pattern's columns, one after another in one array (not an array per pattern: 180k of them at 200k leads).
  let patternColumns = new Int32Array(Math.max(16, 4 * grid.datedLeads));
  let patternOffsets = new Int32Array(Math.max(16, grid.datedLeads) + 1);
  let patternColumnsUsed = 0;
  let patternCount = 0;
  const patternWon: number[] = [];
  // Segments in (lead, landmark) order, with what the meat needs of each: its pattern, weight, age band and the actions it starts.
  let capacity = Math.max(16, grid.datedLeads * 3);
  let segmentPattern = new Int32Array(capacity);
  let segmentWeight = new Int32Array(capacity);
  let segmentBand = new Int32Array(capacity);
  let segmentStarted = new Int32Array(capacity + 1);
  let started = new Int32Array(Math.max(16, grid.datedLeads));
  let startedCount = 0;
  const clusterLead = new Int32Array(grid.datedLeads);
  const clusterStart = new Int32Array(grid.datedLeads + 1);
  let segments = 0;
  let clusters = 0;
  let totalWeight = 0;

  const switchAt = new Int32Array(actionCount);
  const breaks = breakBuffer(actionCount, bandStarts);
  // The actions done at the segment, ascending: the first doneCount places.
  const done = new Int32Array(actionCount);
  for (let i = 0; i < grid.atRisk.length; i++) {
    const end = grid.atRisk[i];
    if (end === 0) continue;
    const breakCount = landmarkBreaks(i, end, population.leads[i].createdAt as number, stepMs, firstAt, bandStarts, switchAt, breaks);
    const won = population.won[i];
    const signature = signatures.ofLead[i];
    let set = -1;
    let setSize = -1;
    let band = 0;
    let previousFrom = -1;
    clusterLead[clusters] = i;
    clusterStart[clusters] = segments;
    clusters += 1;
    for (let b = 0; b < breakCount - 1; b++) {
      const from = breaks[b];
      const to = breaks[b + 1];
      if (to <= from) continue;
      if (segments === capacity) {
        capacity = grownCapacity(capacity, clusters, grid.datedLeads);
        segmentPattern = growArray(segmentPattern, capacity);
        segmentWeight = growArray(segmentWeight, capacity);
        segmentBand = growArray(segmentBand, capacity);
        segmentStarted = growArray(segmentStarted, capacity + 1);
      }
      segmentStarted[segments] = startedCount;
      let doneCount = 0;
      for (let a = 0; a < actionCount; a++) {
        if (switchAt[a] > from) continue;
        done[doneCount++] = a;
        // Started here: done at this segment and not at the lead's previous one.
        if (switchAt[a] > previousFrom) {
          if (startedCount === started.length) started = growArray(started, grownCapacity(started.length, clusters, grid.datedLeads));
          started[startedCount++] = a;
        }
      }
      previousFrom = from;
      if (doneCount !== setSize) {
        set = 0;
        for (let k = 0; k < doneCount; k++) set = sets.child(set, done[k]);
        setSize = doneCount;
      }
      while (band < bandStarts.length && bandStarts[band] <= from) band++;
      const rest = (signature * (bandStarts.length + 1) + band) * 2 + won;
      const pattern = patternOf.add(set, rest, to - from);
      if (pattern === patternCount) {
        const signatureColumns = signatures.columns[signature];
        const length = doneCount + signatureColumns.length + (band > 0 ? 1 : 0);
        while (patternColumnsUsed + length > patternColumns.length) patternColumns = growArray(patternColumns, grownCapacity(patternColumns.length, clusters, grid.datedLeads));
        if (patternCount + 1 === patternOffsets.length) patternOffsets = growArray(patternOffsets, grownCapacity(patternOffsets.length, clusters, grid.datedLeads));
        for (let k = 0; k < doneCount; k++) patternColumns[patternColumnsUsed++] = done[k];
        for (const c of signatureColumns) patternColumns[patternColumnsUsed++] = c;
        if (band > 0) patternColumns[patternColumnsUsed++] = actionCount + profileCount + band - 1;
        patternOffsets[++patternCount] = patternColumnsUsed;
        patternWon.push(won);
      }
      totalWeight += to - from;
      segmentPattern[segments] = pattern;
      segmentWeight[segments] = to - from;
      segmentBand[segments] = band;
      segments += 1;
    }
  }
  segmentStarted[segments] = startedCount;
  clusterStart[clusters] = segments;
  const count = patternCount;
  const columnsOf = Array.from({ length: count }, (_, p) => patternColumns.subarray(patternOffsets[p], patternOffsets[p + 1]));
  return {
    columns: plan.columns,
    patterns: patternsFromColumns(plan.columns.length, columnsOf, patternWon, patternOf.weights()),
    clusters,
    totalWeight,
    meat(beta, scale) {
      const rho = new Float64Array(count);
      for (let p = 0; p < count; p++) {
        let e = beta[0];
        for (const c of columnsOf[p]) e += beta[c + 1];
        rho[p] = patternWon[p] - 1 / (1 + Math.exp(-e));
      }
      const meat = new ClusterMeat(plan.columns.length + 1);
      const entries = new Int32Array(plan.columns.length + 1);
      const scores = new Float64Array(plan.columns.length + 1);
      const value = new Float64Array(Math.max(1, grid.count + bandStarts.length + actionCount + 2));
      const bandColumn = actionCount + profileCount;
      for (let g = 0; g < clusters; g++) {
        const first = clusterStart[g];
        const last = clusterStart[g + 1];
        // Each column's share of Uᵢ is the sum, in segment order, of the values of the segments that have it:
        // all of them for the intercept and the profile columns, from its start for an action, its run for an age band.
        let all = 0;
        for (let s = first; s < last; s++) {
          value[s - first] = segmentWeight[s] * scale * rho[segmentPattern[s]];
          all += value[s - first];
        }
        let n = 0;
        entries[n] = 0;
        scores[n++] = all;
        for (const c of signatures.columns[signatures.ofLead[clusterLead[g]]]) {
          entries[n] = c + 1;
          scores[n++] = all;
        }
        for (let s = first; s < last; s++) {
          if (segmentStarted[s] === segmentStarted[s + 1]) continue;
          let fromHere = 0;
          for (let t = s; t < last; t++) fromHere += value[t - first];
          for (let k = segmentStarted[s]; k < segmentStarted[s + 1]; k++) {
            entries[n] = started[k] + 1;
            scores[n++] = fromHere;
          }
        }
        for (let s = first; s < last; ) {
          const band = segmentBand[s];
          let inBand = 0;
          let t = s;
          for (; t < last && segmentBand[t] === band; t++) inBand += value[t - first];
          if (band > 0) {
            entries[n] = bandColumn + band;
            scores[n++] = inBand;
          }
          s = t;
        }
        meat.addScores(entries, scores, n);
      }
      return meat.result();
    },
  };
}

/**
 * The next capacity of a full buffer of something counted lead by lead:
 * what the `done` leads so far need for all `total` (plus an eighth), at
 * least half again the current one. Doubling from a guess allocated 21
 * segments' places per lead to hold 6.3 at 200k leads (and as many for the
 * other buffers): large typed arrays that at 1M leads brought on full
 * garbage collections of the whole heap.
 */
function grownCapacity(capacity: number, done: number, total: number): number {
  return Math.max(Math.ceil(1.5 * capacity), Math.ceil((1.125 * capacity * total) / Math.max(1, done)));
}

/**
 * Sets of actions as the nodes of a trie over their ascending actions, node
 * 0 the empty set and the others numbered in order of first `child`: each
 * node's children in one row of a flat table (0: none yet).
 */
class SetTrie {
  private children: Int32Array<ArrayBuffer>;
  private nodes = 1;

  constructor(private readonly actionCount: number) {
    this.children = new Int32Array(Math.max(16, 64 * actionCount));
  }

  /** The node of `set`'s actions and then `action` (above all of them), numbered now when new. */
  child(set: number, action: number): number {
    const at = set * this.actionCount + action;
    const known = this.children[at];
    if (known !== 0) return known;
    if ((this.nodes + 1) * this.actionCount > this.children.length) this.children = growArray(this.children, 2 * this.children.length);
    this.children[at] = this.nodes;
    return this.nodes++;
  }
}

/**
 * The patterns by (action set, rest = signature, band and outcome), numbered
 * in order of first `add`, with their summed weights: open addressing with
 * linear probing, each slot [set, rest, pattern, weight] side by side in
 * one Float64Array (whole numbers, exact), so a lookup reads one place — at
 * 200k leads a Map keyed by one number (or text) per segment spent half of
 * the counting's time in lookups.
 */
class PatternTable {
  private slots: Float64Array;
  private mask: number;
  private count = 0;

  /** @param expected about how many patterns there will be (the table grows past it). */
  constructor(expected: number) {
    let size = 16;
    while (size < expected) size *= 2;
    this.slots = new Float64Array(4 * size).fill(-1);
    this.mask = size - 1;
  }

  /** The pattern of (set, rest) — the next number when it is new — after adding `weight` to it. */
  add(set: number, rest: number, weight: number): number {
    const slots = this.slots;
    let slot = hashPair(set, rest) & this.mask;
    while (slots[4 * slot] >= 0 && !(slots[4 * slot] === set && slots[4 * slot + 1] === rest)) slot = (slot + 1) & this.mask;
    if (slots[4 * slot] < 0) {
      if (2 * (this.count + 1) > this.mask + 1) {
        this.grow();
        return this.add(set, rest, weight);
      }
      slots[4 * slot] = set;
      slots[4 * slot + 1] = rest;
      slots[4 * slot + 2] = this.count++;
      slots[4 * slot + 3] = 0;
    }
    slots[4 * slot + 3] += weight;
    return slots[4 * slot + 2];
  }

  /** Each pattern's summed weight, by pattern number. */
  weights(): Float64Array {
    const weights = new Float64Array(this.count);
    for (let slot = 0; slot <= this.mask; slot++) if (this.slots[4 * slot] >= 0) weights[this.slots[4 * slot + 2]] = this.slots[4 * slot + 3];
    return weights;
  }

  private grow(): void {
    const old = this.slots;
    this.mask = 2 * this.mask + 1;
    this.slots = new Float64Array(4 * (this.mask + 1)).fill(-1);
    for (let from = 0; from < old.length; from += 4) {
      if (old[from] < 0) continue;
      let slot = hashPair(old[from], old[from + 1]) & this.mask;
      while (this.slots[4 * slot] >= 0) slot = (slot + 1) & this.mask;
      this.slots.set(old.subarray(from, from + 4), 4 * slot);
    }
  }
}

/** A 32-bit mix of two whole numbers (multiplicative hashing, murmur3's finaliser). */
function hashPair(a: number, b: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b, 0x85ebca77);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
