import type { ActionIndicators } from "../features/action-indicators.js";
import type { LeadEventIndex } from "../features/lead-event-index.js";
import type { LandmarkGrid } from "../features/landmarks.js";
import type { TrainingPopulation } from "../features/training-population.js";
import type { EventStore } from "../io/event-store.js";
import type { StackedPatternSource } from "../stats/fit-stacked-logistic.js";
import type { LandmarkGroups } from "../stats/landmark-lift.js";
import type { DesignPlan, TrainingEngine } from "../train/training-engine.js";
import type { DuckDbClient } from "./duckdb-client.js";
import { EVENT_TABLES } from "./duckdb-events.js";
import { duckdbDialect } from "../sql/dialects/duckdb.js";
import { landmarkPatterns, profileSignatures } from "./landmark-patterns.js";
import { actionCategoryFirstsSql, landmarkGroupsSql, leadActionFeaturesSql, type DesignTables } from "./training-sql.js";

const DAY_MS = 86_400_000;

const TABLES: DesignTables = {
  events: EVENT_TABLES.events,
  population: "ll_population",
  scope: "ll_scope",
  features: "ll_features",
  designActions: "ll_design_actions",
  leadProfile: "ll_lead_profile",
  bands: "ll_bands",
};

/**
 * The DuckDB training engine: the export's events live in DuckDB (read
 * there from Parquet, or handed over from leadlift's reader), and the
 * per-lead features and the landmark comparisons' sufficient statistics
 * are counted by the queries of `training-sql.ts` (the landmark
 * regression's patterns are counted in JavaScript from those features:
 * `designPatterns`); the estimators themselves run on
 * those counts in JavaScript, as for the in-process engine. The event store
 * in memory (times and actions by lead) still feeds what the runtime scorer
 * computes — replay, scoring at the cut-off — and the time-rule walks.
 */
export class DuckDbTrainingEngine implements TrainingEngine {
  private rootIndex: Map<string, number> | null = null;
  /** The population last uploaded (populations are asked about several times in a row). */
  private uploaded: { population: TrainingPopulation; events: EventStore | null; grid: LandmarkGrid | null; features: boolean } | null = null;
  /** The indicators last counted, and for which population and store. */
  private lastIndicators: { population: TrainingPopulation; events: EventStore; indicators: ActionIndicators } | null = null;
  /** The landmark groups last counted, and for what. */
  private lastGroups: { population: TrainingPopulation; indicators: ActionIndicators; grid: LandmarkGrid; groups: LandmarkGroups[] } | null = null;

  constructor(
    readonly client: DuckDbClient,
    /** The export's whole store (its leads are the `lead` ids of the events table). */
    readonly root: EventStore,
  ) {}

  /**
   * The features of `population`'s leads, counted in DuckDB. Asked again
   * for the same population and store (the held-out evidence learns both
   * modes on one split), it returns the same indicators without counting
   * again: they depend on nothing else, and no caller changes them.
   */
  actionIndicators(population: TrainingPopulation, events: EventStore, grid: LandmarkGrid | null = null): ActionIndicators {
    const last = this.lastIndicators;
    if (last?.population === population && last.events === events) return last.indicators;
    this.lastIndicators = null;
    const indicators = this.countIndicators(population, events, grid);
    this.lastIndicators = { population, events, indicators };
    return indicators;
  }

  private countIndicators(population: TrainingPopulation, events: EventStore, grid: LandmarkGrid | null): ActionIndicators {
    // With the landmarks when known: the landmark groups read them from the same upload (at 200k leads a second upload took 0.4 s).
    this.upload(population, events, grid);
    // One scan of the scope's events gives both the actions' order and their categories (two scans took 1.7 s at 1M leads).
    const rows = this.client.query(actionCategoryFirstsSql(TABLES), ["action", "category"]);
    const present = firstAppearances(rows.action as Int32Array, rows.first_seq as Float64Array);
    const actionIds = Int32Array.from(present, (p) => p.id);
    const indicatorOf = new Int32Array(this.root.actions.length).fill(-1);
    actionIds.forEach((id, a) => (indicatorOf[id] = a));
    const best = new Map<number, { category: number; n: number; first: number }>();
    for (let r = 0; r < (rows.action as Int32Array).length; r++) {
      if ((rows.category as Int32Array)[r] < 0) continue;
      const id = (rows.action as Int32Array)[r];
      const entry = { category: (rows.category as Int32Array)[r], n: (rows.n as Float64Array)[r], first: (rows.first_seq as Float64Array)[r] };
      const current = best.get(id);
      if (!current || entry.n > current.n || (entry.n === current.n && entry.first < current.first)) best.set(id, entry);
    }
    const size = population.leads.length;
    const counts = present.map(() => new Uint32Array(size));
    const firstAt = present.map(() => new Float64Array(size).fill(Number.NaN));
    const lastAt = present.map(() => new Float64Array(size).fill(Number.NaN));
    this.ensureFeatures();
    const features = this.client.query(`SELECT * FROM ${TABLES.features}`, ["i", "action"]);
    const lead = features.i as Int32Array;
    const action = features.action as Int32Array;
    const n = features.n as Float64Array;
    const first = features.first_at as Float64Array;
    const last = features.last_at as Float64Array;
    for (let r = 0; r < lead.length; r++) {
      const a = indicatorOf[action[r]];
      counts[a][lead[r]] = n[r];
      firstAt[a][lead[r]] = first[r];
      lastAt[a][lead[r]] = last[r];
    }
    // The event totals from the store in memory (each lead's events before its cut-off are the start of its range), as the
    // in-process engine counts them, not by train-sql's event_totals statement: its scan of every event took 1.4 s a
    // population at 200k leads / 9.9M events (a test checks both agree).
    const index = countedIndex(population, events);
    let counted = 0;
    let afterCutoff = 0;
    for (let i = 0; i < size; i++) {
      counted += index.end[i] - index.start[i];
      afterCutoff += events.end[population.leadIndex[i]] - index.end[i];
    }
    return {
      actions: present.map((p) => this.root.actions[p.id]),
      actionIds,
      categories: present.map((p) => {
        const chosen = best.get(p.id);
        return chosen ? this.root.categories[chosen.category] : null;
      }),
      counts,
      firstAt,
      lastAt,
      index,
      eventsAfterCutoff: afterCutoff,
      eventsOfUntrainedLeads: events.length - counted - afterCutoff,
      eventsCounted: counted,
    };
  }

  /** Each action's landmark comparison as groups of leads (the same groups again for the same population, indicators and landmarks). */
  landmarkGroups(population: TrainingPopulation, indicators: ActionIndicators, grid: LandmarkGrid): LandmarkGroups[] {
    const last = this.lastGroups;
    if (last?.population === population && last.indicators === indicators && sameGrid(last.grid, grid)) return last.groups;
    this.lastGroups = null;
    const groups = this.countGroups(population, indicators, grid);
    this.lastGroups = { population, indicators, grid, groups };
    return groups;
  }

  private countGroups(population: TrainingPopulation, indicators: ActionIndicators, grid: LandmarkGrid): LandmarkGroups[] {
    this.upload(population, null, grid);
    this.ensureFeatures();
    const rows = this.client.query(landmarkGroupsSql(TABLES, grid.stepDays * DAY_MS, duckdbDialect), ["action", "switch_k", "at_risk", "won"]);
    // Leads at risk by (at_risk, won): those that did not do an action are "without" it throughout.
    const atRiskWon = new Map<number, number>();
    for (let i = 0; i < grid.atRisk.length; i++) {
      if (grid.atRisk[i] === 0) continue;
      const key = grid.atRisk[i] * 2 + population.won[i];
      atRiskWon.set(key, (atRiskWon.get(key) ?? 0) + 1);
    }
    const byAction = new Map<number, Array<[number, number, number, number]>>();
    for (let r = 0; r < (rows.action as Int32Array).length; r++) {
      const id = (rows.action as Int32Array)[r];
      let list = byAction.get(id);
      if (!list) byAction.set(id, (list = []));
      list.push([(rows.switch_k as Int32Array)[r], (rows.at_risk as Int32Array)[r], (rows.won as Int32Array)[r], (rows.leads as Float64Array)[r]]);
    }
    return Array.from(indicators.actionIds, (id) => {
      const groups = (byAction.get(id) ?? []).sort((x, y) => x[1] - y[1] || x[2] - y[2] || x[0] - y[0]);
      const doers = new Map<number, number>();
      for (const [, atRisk, won, leads] of groups) doers.set(atRisk * 2 + won, (doers.get(atRisk * 2 + won) ?? 0) + leads);
      const never: Array<[number, number, number, number]> = [];
      for (const [key, leads] of [...atRiskWon].sort((x, y) => x[0] - y[0])) {
        const rest = leads - (doers.get(key) ?? 0);
        if (rest > 0) never.push([Math.floor(key / 2), Math.floor(key / 2), key % 2, rest]);
      }
      return groupsToUnits([...groups, ...never]);
    });
  }

  /**
   * The landmark regression's patterns and cluster meat, counted in
   * JavaScript from the indicators' first times (`landmarkPatterns`), not
   * by train-sql's design statements: at 200k leads / 9.9M events those
   * took 6 s a fit in DuckDB, most of it building and sorting each
   * segment's list of actions; the same patterns, totals and meat (a test
   * runs the statements on `writeDesignTables`' tables and compares).
   */
  designPatterns(population: TrainingPopulation, grid: LandmarkGrid, plan: DesignPlan): StackedPatternSource {
    return landmarkPatterns(population, grid, plan, profileSignatures(population.leads.length, plan));
  }

  /**
   * Writes the tables train-sql's design statements read besides the
   * export's (design_actions, lead_profile, bands; see
   * docs/training-sql.md) for `plan`, with the population and features:
   * the statements can then run on the engine's database (the checks of
   * `designPatterns` against them do).
   */
  writeDesignTables(population: TrainingPopulation, grid: LandmarkGrid, plan: DesignPlan): void {
    this.upload(population, null, grid);
    this.ensureFeatures();
    const actionCount = plan.actionIds.length;
    this.client.createTable(TABLES.designActions, {
      action: { type: "INTEGER", values: Int32Array.from(plan.actionIds) },
      col: { type: "INTEGER", values: Int32Array.from(plan.actionIds.keys()) },
    });
    const signatures = profileSignatures(population.leads.length, plan);
    this.client.createTable(TABLES.leadProfile, { i: { type: "INTEGER", values: Int32Array.from(signatures.ofLead.keys()) }, signature: { type: "INTEGER", values: signatures.ofLead } });
    this.client.createTable(TABLES.bands, {
      first_k: { type: "INTEGER", values: Int32Array.from(plan.bandStarts) },
      col: { type: "INTEGER", values: Int32Array.from(plan.bandStarts, (_, b) => actionCount + plan.profile.length + b) },
    });
  }

  /** Closes DuckDB (the store in memory stays usable, the statistics do not). */
  close(): void {
    this.client.close();
  }

  /**
   * Puts the population (and, for the features, the leads of the export
   * part it comes from) into DuckDB, unless it is already there.
   */
  private upload(population: TrainingPopulation, events: EventStore | null, grid: LandmarkGrid | null): void {
    const rootOf = this.rootPositions();
    const current = this.uploaded;
    if (current?.population !== population || (grid !== null && !sameGrid(current.grid, grid))) {
      const size = population.leads.length;
      const lead = new Int32Array(size);
      for (let i = 0; i < size; i++) lead[i] = rootOf.get(population.leads[i].leadId) as number;
      this.client.createTable(TABLES.population, {
        lead: { type: "INTEGER", values: lead },
        i: { type: "INTEGER", values: Int32Array.from(lead.keys()) },
        cutoff: { type: "DOUBLE", values: Float64Array.from(population.cutoffAt) },
        won: { type: "INTEGER", values: Int32Array.from(population.won) },
        created: { type: "DOUBLE", values: Float64Array.from(population.leads, (l) => (l.createdAt === null ? Number.NaN : l.createdAt)) },
        at_risk: { type: "INTEGER", values: grid ? Int32Array.from(grid.atRisk) : new Int32Array(size) },
      });
      this.uploaded = { population, grid, events: current?.population === population ? current.events : null, features: current?.population === population && current.features };
    }
    const uploaded = this.uploaded as NonNullable<typeof this.uploaded>;
    if (events !== null && uploaded.events !== events) {
      const scope = events.start === this.root.start ? Int32Array.from(events.leadIds.keys()) : Int32Array.from(events.leadIds, (id) => rootOf.get(id) as number);
      this.client.createTable(TABLES.scope, { lead: { type: "INTEGER", values: scope } });
      this.uploaded = { ...uploaded, events };
    }
  }

  /** The uploaded population's per-lead features, counted once (every statistic of that population reads them). */
  private ensureFeatures(): void {
    const uploaded = this.uploaded as NonNullable<typeof this.uploaded>;
    if (uploaded.features) return;
    this.client.run(`CREATE OR REPLACE TABLE ${TABLES.features} AS ${leadActionFeaturesSql(TABLES)}`);
    this.uploaded = { ...uploaded, features: true };
  }

  private rootPositions(): Map<string, number> {
    this.rootIndex ??= new Map(this.root.leadIds.map((id, i) => [id, i]));
    return this.rootIndex;
  }
}

/** The counted events of a population's leads in the store in memory: each lead's events before its cut-off. */
export function countedIndex(population: TrainingPopulation, events: EventStore): LeadEventIndex {
  const size = population.leads.length;
  const start = new Int32Array(size);
  const end = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const index = population.leadIndex[i];
    const from = events.start[index];
    let to = events.end[index];
    const cutoffAt = population.cutoffAt[i];
    if (!Number.isNaN(cutoffAt)) {
      let low = from;
      while (low < to) {
        const middle = (low + to) >>> 1;
        if (events.times[middle] < cutoffAt) low = middle + 1;
        else to = middle;
      }
    }
    start[i] = from;
    end[i] = to;
  }
  return { start, end, times: events.times, actionIds: events.actionIds };
}

/** Whether two landmark grids are the same landmarks (grids are rebuilt from the same population by each training step). */
export function sameGrid(a: LandmarkGrid | null, b: LandmarkGrid): boolean {
  if (a === b) return true;
  if (a === null || a.stepDays !== b.stepDays || a.count !== b.count || a.datedLeads !== b.datedLeads || a.atRisk.length !== b.atRisk.length) return false;
  for (let i = 0; i < a.atRisk.length; i++) if (a.atRisk[i] !== b.atRisk[i]) return false;
  return true;
}

/** Groups (switch, at_risk, won, leads) as units with two ranges each: without before `switch`, with from it. */
function groupsToUnits(groups: ReadonlyArray<readonly [number, number, number, number]>): LandmarkGroups {
  const count = groups.length;
  const lead = new Int32Array(2 * count);
  const start = new Int32Array(2 * count);
  const end = new Int32Array(2 * count);
  const group = new Uint8Array(2 * count);
  let length = 0;
  const push = (unit: number, from: number, to: number, g: 0 | 1) => {
    if (to <= from) return;
    lead[length] = unit;
    start[length] = from;
    end[length] = to;
    group[length] = g;
    length += 1;
  };
  groups.forEach(([switchAt, atRisk], unit) => {
    push(unit, 0, switchAt, 0);
    push(unit, switchAt, atRisk, 1);
  });
  return {
    won: Uint8Array.from(groups, (g) => g[2]),
    multiplicity: Float64Array.from(groups, (g) => g[3]),
    ranges: { lead, start, end, group, length },
  };
}

/**
 * Each action's first appearance (its smallest `firstSeq` over its rows),
 * in order of first appearance: the order reading the file row by row gives.
 */
export function firstAppearances(action: Int32Array, firstSeq: Float64Array): { id: number; first: number }[] {
  const first = new Map<number, number>();
  for (let r = 0; r < action.length; r++) {
    const seen = first.get(action[r]);
    if (seen === undefined || firstSeq[r] < seen) first.set(action[r], firstSeq[r]);
  }
  return Array.from(first, ([id, at]) => ({ id, first: at })).sort((x, y) => x.first - y.first);
}
