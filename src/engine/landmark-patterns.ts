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
  let capacity = Math.max(16, grid.datedLeads * 3);
  let segmentLead = new Int32Array(capacity);
  let segmentPattern = new Int32Array(capacity);
  let segmentWeight = new Int32Array(capacity);
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
    clusters += 1;
    for (let b = 0; b < breaks.length - 1; b++) {
      const from = breaks[b];
      const to = breaks[b + 1];
      if (to <= from) continue;
      done.length = 0;
      for (let a = 0; a < actionCount; a++) if (switchAt[a] <= from) done.push(a);
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
      if (segments === capacity) {
        capacity *= 2;
        segmentLead = growArray(segmentLead, capacity);
        segmentPattern = growArray(segmentPattern, capacity);
        segmentWeight = growArray(segmentWeight, capacity);
      }
      segmentLead[segments] = i;
      segmentPattern[segments] = pattern;
      segmentWeight[segments] = to - from;
      segments += 1;
    }
  }
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
      for (let s = 0; s < segments; s++) meat.add(segmentLead[s], segmentWeight[s] * scale * rho[segmentPattern[s]], columnsOf[segmentPattern[s]]);
      return meat.result();
    },
  };
}
