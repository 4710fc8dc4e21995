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
import { copyCountedLeads, countedIndex, doerGroups, firstAppearances, groupsToUnits, inOrderPositions, sameGrid, type CountedIndicators, type FeatureArrays } from "./engine-counts.js";
import { landmarkPatterns, profileSignatures } from "./landmark-patterns.js";
import { actionCategoryFirstsOfLeadsSql, actionCategoryFirstsSql, leadActionFeaturesSql, type DesignTables } from "./training-sql.js";

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
 * there from Parquet, or handed over from leadlift's reader), where the
 * order of the actions and their categories are counted (file order and
 * categories stay there, 8 bytes an event not held in memory); the
 * per-lead features are counted from the event store in memory (times and
 * actions by lead, which also feeds the runtime scorer's replay, scoring at
 * the cut-off and the time-rule walks), the landmark comparisons' groups
 * and the landmark regression's patterns from those features
 * (`landmarkGroups`, `designPatterns`) — each checked by a test against
 * the statement of `training-sql.ts` that counts it in SQL, which was
 * slower. The estimators run on those counts, as for the in-process engine.
 */
export class DuckDbTrainingEngine implements TrainingEngine {
  private rootIndex: Map<string, number> | null = null;
  /** The population last uploaded (populations are asked about several times in a row). */
  private uploaded: { population: TrainingPopulation; grid: LandmarkGrid | null; features: boolean } | null = null;
  /** The store whose leads are in the scope table. */
  private scope: EventStore | null = null;
  /** Each store's leads' positions in the root store (views of the export: the held-out split's parts). */
  private readonly rootLeadsOfStore = new WeakMap<EventStore, Int32Array>();
  /** The indicators last counted, and for which population and store. */
  private lastIndicators: (CountedIndicators & { population: TrainingPopulation; events: EventStore }) | null = null;
  /** The landmark groups last counted, and for what. */
  private lastGroups: { population: TrainingPopulation; indicators: ActionIndicators; grid: LandmarkGrid; groups: LandmarkGroups[] } | null = null;

  constructor(
    readonly client: DuckDbClient,
    /** The export's whole store (its leads are the `lead` ids of the events table). */
    readonly root: EventStore,
  ) {}

  /**
   * The features of `population`'s leads (`countIndicators`). Asked again
   * for the same population and store (the held-out evidence learns both
   * modes on one split), it returns the same indicators without counting
   * again: they depend on nothing else, and no caller changes them. A lead
   * of the population counted last with the same cut-off has the same
   * features (they depend only on its events and cut-off), so they are
   * copied from there, not counted again: the full population after the
   * held-out evidence's earlier part counts only the later leads.
   */
  actionIndicators(population: TrainingPopulation, events: EventStore, _grid: LandmarkGrid | null = null): ActionIndicators {
    const last = this.lastIndicators;
    if (last?.population === population && last.events === events) return last.indicators;
    this.lastIndicators = null;
    const indicators = this.countIndicators(population, events, last);
    this.lastIndicators = { population, events, indicators, rootLeads: this.rootLeadsOf(population, events), cutoffAt: population.cutoffAt };
    return indicators;
  }

  private countIndicators(population: TrainingPopulation, events: EventStore, previous: CountedIndicators | null): ActionIndicators {
    // One scan of the scope's events gives both the actions' order and their categories (two scans took 1.7 s at 1M leads);
    // the whole export's leads are those numbered 0 … n − 1, with no scope table to join.
    const whole = events.start === this.root.start;
    if (!whole) this.uploadScope(events);
    const rows = this.client.query(whole ? actionCategoryFirstsOfLeadsSql(TABLES, this.root.leadIds.length) : actionCategoryFirstsSql(TABLES), ["action", "category"]);
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
    const rootLeads = this.rootLeadsOf(population, events);
    const fresh = previous ? copyCountedLeads(previous, rootLeads, population.cutoffAt, indicatorOf, { counts, firstAt, lastAt }) : null;
    // Each lead's events before its cut-off are the start of its range in the store in memory (sorted by time).
    const index = countedIndex(population, events);
    this.countFeatures(fresh ?? Int32Array.from(rootLeads.keys()), index, indicatorOf, { counts, firstAt, lastAt });
    // The event totals from the same ranges, as the in-process engine counts them, not by train-sql's event_totals
    // statement: its scan of every event took 1.4 s a population at 200k leads / 9.9M events (a test checks both agree).
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

  /**
   * Counts the features of the population leads `which` (indexes in the
   * population) into `into` from their counted events in the store in
   * memory — the rows train-sql's features statement gives (count, first and
   * last time of each action done before the cut-off), as the in-process
   * engine counts them. Not by that statement: with the upload of the
   * leads and reading its rows back, it took 0.45–0.55 s for 200k leads /
   * 9.9M events, this loop 0.11–0.19 s (the same population, three runs
   * each); at 1M leads / 49.6M events, 2.3 s for the held-out part.
   */
  private countFeatures(which: Int32Array, index: LeadEventIndex, indicatorOf: Int32Array, into: FeatureArrays): void {
    const { times, actionIds } = index;
    const { counts, firstAt, lastAt } = into;
    for (let k = 0; k < which.length; k++) {
      const i = which[k];
      for (let e = index.start[i]; e < index.end[i]; e++) {
        const a = indicatorOf[actionIds[e]];
        if (counts[a][i]++ === 0) firstAt[a][i] = times[e];
        lastAt[a][i] = times[e];
      }
    }
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

  /**
   * Counted in JavaScript from the indicators' first times, as
   * train-sql's landmark_groups statement counts them from the features
   * table (tests check both agree), so that training needs no features
   * table in DuckDB: the statement and the upload of the population with
   * its landmarks took 0.18–0.55 s for 200k leads, this 0.07–0.17 s (four
   * runs each, the same population).
   */
  private countGroups(population: TrainingPopulation, indicators: ActionIndicators, grid: LandmarkGrid): LandmarkGroups[] {
    const { atRisk } = grid;
    const won = population.won;
    const created = Float64Array.from(population.leads, (l) => (l.createdAt === null ? Number.NaN : l.createdAt));
    // Leads at risk by (at_risk, won): those that did not do an action are "without" it throughout.
    const atRiskWon = new Map<number, number>();
    for (let i = 0; i < atRisk.length; i++) {
      if (atRisk[i] <= 0) continue;
      const key = atRisk[i] * 2 + won[i];
      atRiskWon.set(key, (atRiskWon.get(key) ?? 0) + 1);
    }
    const stepMs = grid.stepDays * DAY_MS;
    return indicators.counts.map((count, a) => {
      const groups = doerGroups(count, indicators.firstAt[a], created, won, grid.atRisk, stepMs, grid.count);
      const doers = new Map<number, number>();
      for (const [, risk, w, leads] of groups) doers.set(risk * 2 + w, (doers.get(risk * 2 + w) ?? 0) + leads);
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
    this.upload(population, grid);
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
   * Writes the tables train-sql's statements read for `population` (see
   * docs/training-sql.md): population, scope (`events`' leads) and
   * features, as `leadActionFeaturesSql` counts them, so that the
   * statements can run on the engine's database (the tests compare them
   * with what the engine counts itself).
   */
  writeTrainingTables(population: TrainingPopulation, events: EventStore, grid: LandmarkGrid | null): void {
    this.upload(population, grid);
    this.uploadScope(events);
    this.ensureFeatures();
  }

  /** Puts the population into DuckDB, unless it is already there. */
  private upload(population: TrainingPopulation, grid: LandmarkGrid | null): void {
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
      this.uploaded = { population, grid, features: current?.population === population && current.features };
    }
  }

  /** Puts the leads of the export part `events` holds (open ones included) into the scope table, unless they are there. */
  private uploadScope(events: EventStore): void {
    if (this.scope === events) return;
    this.scope = null;
    this.client.createTable(TABLES.scope, { lead: { type: "INTEGER", values: Int32Array.from(this.storeRootLeads(events)) } });
    this.scope = events;
  }

  /** The population's leads' positions in the root store (the `lead` of the events table). */
  private rootLeadsOf(population: TrainingPopulation, events: EventStore): Int32Array {
    if (events.start === this.root.start) return population.leadIndex;
    const ofStore = this.storeRootLeads(events);
    return Int32Array.from(population.leadIndex, (index) => ofStore[index]);
  }

  /** Each of the store's leads' position in the root store, found once a store. */
  private storeRootLeads(events: EventStore): Int32Array {
    let positions: Int32Array | null | undefined = this.rootLeadsOfStore.get(events);
    if (!positions) {
      positions = events.start === this.root.start ? Int32Array.from(events.leadIds.keys()) : inOrderPositions(events.leadIds, this.root.leadIds);
      if (!positions) {
        const rootOf = this.rootPositions();
        positions = Int32Array.from(events.leadIds, (id) => rootOf.get(id) as number);
      }
      this.rootLeadsOfStore.set(events, positions);
    }
    return positions;
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
