import { landmarkBreaks } from "../features/landmark-design.js";
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
 * actions done only grows, so its text key is built only when its size
 * changes, and combined with the signature, band and outcome as a number.
 * @param signatures the population's profile signatures (`profileSignatures`).
 */
export function landmarkPatterns(population: TrainingPopulation, grid: LandmarkGrid, plan: DesignPlan, signatures: ProfileSignatures): StackedPatternSource {
  const actionCount = plan.actionIds.length;
  const profileCount = plan.profile.length;
  const bandStarts = plan.bandStarts;
  const firstAt = plan.actionFirstAt;
  const stepMs = grid.stepDays * DAY_MS;
  const restCount = signatures.columns.length * (bandStarts.length + 1) * 2;

  const setOf = new Map<string, number>();
  const patternOf = new Map<number | string, number>();
  const columnsOf: Int32Array[] = [];
  const patternWon: number[] = [];
  const patternWeight: number[] = [];
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
  const breaks: number[] = [];
  const done: number[] = [];
  for (let i = 0; i < grid.atRisk.length; i++) {
    const end = grid.atRisk[i];
    if (end === 0) continue;
    landmarkBreaks(i, end, population.leads[i].createdAt as number, stepMs, firstAt, bandStarts, switchAt, breaks);
    const won = population.won[i];
    const signature = signatures.ofLead[i];
    let set = -1;
    let setSize = -1;
    let band = 0;
    let previousFrom = -1;
    clusterLead[clusters] = i;
    clusterStart[clusters] = segments;
    clusters += 1;
    for (let b = 0; b < breaks.length - 1; b++) {
      const from = breaks[b];
      const to = breaks[b + 1];
      if (to <= from) continue;
      if (segments === capacity) {
        capacity *= 2;
        segmentPattern = growArray(segmentPattern, capacity);
        segmentWeight = growArray(segmentWeight, capacity);
        segmentBand = growArray(segmentBand, capacity);
        segmentStarted = growArray(segmentStarted, capacity + 1);
      }
      segmentStarted[segments] = startedCount;
      done.length = 0;
      for (let a = 0; a < actionCount; a++) {
        if (switchAt[a] > from) continue;
        done.push(a);
        // Started here: done at this segment and not at the lead's previous one.
        if (switchAt[a] > previousFrom) {
          if (startedCount === started.length) started = growArray(started, 2 * started.length);
          started[startedCount++] = a;
        }
      }
      previousFrom = from;
      if (done.length !== setSize) {
        const key = done.join(",");
        set = setOf.get(key) ?? -1;
        if (set < 0) {
          set = setOf.size;
          setOf.set(key, set);
        }
        setSize = done.length;
      }
      while (band < bandStarts.length && bandStarts[band] <= from) band++;
      const rest = (signature * (bandStarts.length + 1) + band) * 2 + won;
      // One number for (action set, signature, band, outcome) while it is exact (below 2^53), else text.
      const numeric = set * restCount + rest;
      const key = numeric <= Number.MAX_SAFE_INTEGER ? numeric : `${set};${rest}`;
      let pattern = patternOf.get(key);
      if (pattern === undefined) {
        pattern = columnsOf.length;
        patternOf.set(key, pattern);
        const columns = [...done, ...signatures.columns[signature]];
        if (band > 0) columns.push(actionCount + profileCount + band - 1);
        columnsOf.push(Int32Array.from(columns));
        patternWon.push(won);
        patternWeight.push(0);
      }
      patternWeight[pattern] += to - from;
      totalWeight += to - from;
      segmentPattern[segments] = pattern;
      segmentWeight[segments] = to - from;
      segmentBand[segments] = band;
      segments += 1;
    }
  }
  segmentStarted[segments] = startedCount;
  clusterStart[clusters] = segments;
  const count = columnsOf.length;
  return {
    columns: plan.columns,
    patterns: patternsFromColumns(plan.columns.length, columnsOf, patternWon, patternWeight),
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
