import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { closeCrm, loadCrm, parseConfig, simulateCrm, train, trainAndCalibrate, writeSimulatedCrm, type ModelV1 } from "../../src/index.js";
import type { DuckDbTrainingEngine } from "../../src/engine/duckdb-engine.js";
import { doerGroups, firstAppearances, inOrderPositions } from "../../src/engine/engine-counts.js";
import { splitByCreation } from "../../src/calibrate/out-of-time-split.js";
import { selectLeads } from "../../src/io/select-leads.js";
import { inMemoryFeatureEngine } from "../../src/features/action-indicators.js";
import type { TrainingPopulation } from "../../src/features/training-population.js";
import type { EventStore } from "../../src/io/event-store.js";
import { engineOf } from "../../src/engine/engine-registry.js";
import { DuckDbClient } from "../../src/engine/duckdb-client.js";
import { actionCategoryFirstsOfLeadsSql, actionCategoryFirstsSql } from "../../src/engine/training-sql.js";
import { landmarkGrid } from "../../src/features/landmarks.js";
import { buildTrainingPopulation } from "../../src/features/training-population.js";
import { trainingQueries } from "../../src/engine/training-queries.js";
import { captureDesigns, runDesignStatements, someCoefficients, statementMeat, statementPatterns, writeClusterMeatInputs, type CapturedDesign } from "../helpers/cluster-meat-inputs.js";
import { expectSameModel } from "../helpers/model-parity.js";
import { temporaryFolder } from "../helpers/packed-packages.js";

const SAMPLE = join(import.meta.dirname, "../../data/sample");
const sample = { leads: join(SAMPLE, "leads.csv"), events: join(SAMPLE, "events.csv"), outcomes: join(SAMPLE, "outcomes.csv") };
const NOW = new Date("2026-01-01T00:00:00Z");

/** The model of both engines on the same export and settings. */
async function trainBoth(paths: typeof sample, settings: Record<string, unknown> = {}): Promise<{ inProcess: ModelV1; duckdb: ModelV1 }> {
  const models: ModelV1[] = [];
  for (const engine of ["in-process", "duckdb"] as const) {
    const config = parseConfig({ ...settings, engine });
    const crm = await loadCrm(paths, config);
    // The statistics must come from DuckDB, not silently from the in-memory code.
    expect(engineOf(crm.events)?.designPatterns !== undefined).toBe(engine === "duckdb");
    try {
      models.push(trainAndCalibrate(crm, config, { now: NOW, toolVersion: "test" }).model);
    } finally {
      closeCrm(crm);
    }
  }
  return { inProcess: models[0], duckdb: models[1] };
}

describe("the DuckDB engine", () => {
  const temp = temporaryFolder("leadlift-engine-");
  afterAll(() => temp.remove());

  it.each([
    ["auto mode (both modes judged on the hold-out)", {}],
    ["lift mode", { training: { mode: "lift" } }],
    ["logistic mode with points to double the odds, 3-day landmarks and a 20-day inactivity rule", { training: { mode: "logistic", pointsScale: "pdo", landmarkStepDays: 3 }, decay: { inactivityDays: 20 } }],
  ])("trains the same model as the in-process engine on the bundled sample: %s", async (_name, settings) => {
    const { inProcess, duckdb } = await trainBoth(sample, settings);
    expectSameModel(duckdb, inProcess);
    expect(duckdb.actions.filter((a) => a.kept).length).toBeGreaterThan(0);
  }, 120_000);

  it("trains the same model bit for bit twice in a row in logistic mode (the cluster meat is summed in a fixed order)", async () => {
    const config = parseConfig({ engine: "duckdb", training: { mode: "logistic" } });
    const runs: ModelV1[] = [];
    for (let run = 0; run < 2; run++) {
      const crm = await loadCrm(sample, config);
      try {
        runs.push(trainAndCalibrate(crm, config, { now: NOW, toolVersion: "test" }).model);
      } finally {
        closeCrm(crm);
      }
    }
    expect(runs[1]).toEqual(runs[0]);
  }, 120_000);

  it.each(["exposure", "trigger"] as const)("trains the same model as the in-process engine in the %s regime", async (regime) => {
    const dir = join(temp.dir, regime);
    await writeSimulatedCrm(simulateCrm({ leads: 4000, seed: 21, regime }), dir);
    const { inProcess, duckdb } = await trainBoth({ leads: join(dir, "leads.csv"), events: join(dir, "events.csv"), outcomes: join(dir, "outcomes.csv") });
    expectSameModel(duckdb, inProcess);
    expect(duckdb.threshold.score).toBe(inProcess.threshold.score);
  }, 120_000);
});

describe("the DuckDB engine's indicators and landmark groups", () => {
  it("are counted once for a population asked about again (the held-out evidence learns both modes on one split), and again for another; the event totals agree with train-sql's statement", async () => {
    const config = parseConfig({ engine: "duckdb" });
    const crm = await loadCrm(sample, config);
    try {
      const engine = engineOf(crm.events) as unknown as DuckDbTrainingEngine;
      const queries = vi.spyOn(engine.client, "query");
      const { observationWindowDays, landmarkStepDays } = config.training;
      const population = buildTrainingPopulation(crm, observationWindowDays);
      const indicators = engine.actionIndicators(population, crm.events);
      const groups = engine.landmarkGroups(population, indicators, landmarkGrid(population, landmarkStepDays, observationWindowDays)!);
      const counted = queries.mock.calls.length;
      expect(counted).toBeGreaterThan(0);
      // A grid rebuilt for the same population is a new object with the same landmarks.
      expect(engine.actionIndicators(population, crm.events)).toBe(indicators);
      expect(engine.landmarkGroups(population, indicators, landmarkGrid(population, landmarkStepDays, observationWindowDays)!)).toBe(groups);
      expect(queries.mock.calls.length).toBe(counted);
      // Other landmarks, or another population (even with the same leads: its features are then copied), are counted again, with the same results where they must agree.
      const coarser = engine.landmarkGroups(population, indicators, landmarkGrid(population, 3, observationWindowDays)!);
      expect(coarser).not.toBe(groups);
      const again = buildTrainingPopulation(crm, observationWindowDays);
      const recounted = engine.actionIndicators(again, crm.events);
      expect(recounted).not.toBe(indicators);
      expect(recounted).toEqual(indicators);
      expect(engine.landmarkGroups(again, recounted, landmarkGrid(again, landmarkStepDays, observationWindowDays)!)).toEqual(groups);
      expect(queries.mock.calls.length).toBeGreaterThan(counted);
      // The engine counts the event totals from the store in memory; train-sql's event_totals statement on its tables agrees.
      engine.writeTrainingTables(again, crm.events, null);
      const totals = engine.client.query(trainingQueries().find((q) => q.name === "event_totals")!.sql.replace(/;\s*$/, ""));
      expect([recounted.eventsCounted, recounted.eventsAfterCutoff, recounted.eventsOfUntrainedLeads]).toEqual([totals.counted[0], totals.after_cutoff[0], totals.untrained[0]].map(Number));
      expect(recounted.eventsCounted > 0 && recounted.eventsAfterCutoff > 0 && recounted.eventsOfUntrainedLeads > 0).toBe(true);
      // The features the engine counts from the store in memory are the features statement's rows, lead by lead.
      const features = engine.client.query("SELECT * FROM ll_features", ["i", "action"]);
      const fromSql = Array.from(recounted.actionIds, () => new Map<number, number[]>());
      for (let r = 0; r < features.i.length; r++) {
        fromSql[recounted.actionIds.indexOf(features.action[r] as number)].set(features.i[r] as number, [features.n[r], features.first_at[r], features.last_at[r]] as number[]);
      }
      recounted.counts.forEach((count, a) => {
        const fromEngine = new Map<number, number[]>();
        count.forEach((n, i) => n > 0 && fromEngine.set(i, [n, recounted.firstAt[a][i], recounted.lastAt[a][i]]));
        expect(fromEngine).toEqual(fromSql[a]);
      });
      expect(features.i.length).toBeGreaterThan(again.leads.length);
      // For the whole export the engine's firsts statement tests a range of leads, not the scope table: the same rows.
      const sorted = (rows: Record<string, ArrayLike<unknown>>) => Array.from(rows.action, (a, r) => [a, rows.category[r], rows.n[r], rows.first_seq[r]].map(Number)).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      const tables = { events: "ll_events", population: "ll_population", scope: "ll_scope", features: "ll_features" };
      const ofScope = sorted(engine.client.query(actionCategoryFirstsSql(tables)));
      expect(sorted(engine.client.query(actionCategoryFirstsOfLeadsSql(tables, crm.events.leadIds.length)))).toEqual(ofScope);
      expect(ofScope.length).toBeGreaterThanOrEqual(indicators.actions.length);
    } finally {
      closeCrm(crm);
    }
  }, 120_000);

  it("are train-sql's landmark_groups rows (the doers by switch landmark, at-risk landmarks and outcome), for every action and several landmark steps", async () => {
    const config = parseConfig({ engine: "duckdb" });
    const crm = await loadCrm(sample, config);
    try {
      const engine = engineOf(crm.events) as unknown as DuckDbTrainingEngine;
      const population = buildTrainingPopulation(crm, config.training.observationWindowDays);
      const indicators = engine.actionIndicators(population, crm.events);
      const created = Float64Array.from(population.leads, (l) => l.createdAt ?? Number.NaN);
      let compared = 0;
      for (const stepDays of [1, 3, 7, 10.5]) {
        const grid = landmarkGrid(population, stepDays, config.training.observationWindowDays)!;
        engine.writeTrainingTables(population, crm.events, grid);
        const sql = trainingQueries({ landmarkStepDays: stepDays }).find((q) => q.name === "landmark_groups")!.sql.replace(/;\s*$/, "");
        const rows = engine.client.query(sql, ["action", "switch_k", "at_risk", "won"]);
        indicators.actionIds.forEach((id, a) => {
          const fromSql: Array<[number, number, number, number]> = [];
          for (let r = 0; r < rows.action.length; r++) {
            if (rows.action[r] === id) fromSql.push([rows.switch_k[r] as number, rows.at_risk[r] as number, rows.won[r] as number, rows.leads[r] as number]);
          }
          fromSql.sort((x, y) => x[1] - y[1] || x[2] - y[2] || x[0] - y[0]);
          expect(doerGroups(indicators.counts[a], indicators.firstAt[a], created, population.won, grid.atRisk, stepDays * 86_400_000, grid.count)).toEqual(fromSql);
          compared += fromSql.length;
        });
      }
      expect(compared).toBeGreaterThan(100);
    } finally {
      closeCrm(crm);
    }
  }, 120_000);

  it("give train-sql's landmark_groups rows at the edges: an action at creation, exactly at a landmark, before creation, past the last landmark at risk", () => {
    const day = 86_400_000;
    const created = 1_700_000_000_000;
    // One lead each (at_risk 5, won alternating), first times relative to creation.
    const offsets = [0, -1, day, day - 1, day + 1, 2 * day, 4 * day, 5 * day, 40 * day, 0.5];
    const count = offsets.map(() => 1);
    const firstAt = offsets.map((o) => created + o);
    const createdAt = offsets.map(() => created);
    const won = offsets.map((_, i) => i % 2);
    const atRisk = offsets.map(() => 5);
    const client = DuckDbClient.open({ memoryLimit: "256MB", threads: 1 });
    try {
      client.createTable("ll_population", {
        lead: { type: "INTEGER", values: Int32Array.from(offsets.keys()) },
        i: { type: "INTEGER", values: Int32Array.from(offsets.keys()) },
        cutoff: { type: "DOUBLE", values: new Float64Array(offsets.length).fill(Number.NaN) },
        won: { type: "INTEGER", values: Int32Array.from(won) },
        created: { type: "DOUBLE", values: Float64Array.from(createdAt) },
        at_risk: { type: "INTEGER", values: Int32Array.from(atRisk) },
      });
      client.createTable("ll_features", {
        i: { type: "INTEGER", values: Int32Array.from(offsets.keys()) },
        action: { type: "INTEGER", values: new Int32Array(offsets.length) },
        n: { type: "DOUBLE", values: Float64Array.from(count) },
        first_at: { type: "DOUBLE", values: Float64Array.from(firstAt) },
        last_at: { type: "DOUBLE", values: Float64Array.from(firstAt) },
      });
      const rows = client.query(trainingQueries().find((q) => q.name === "landmark_groups")!.sql.replace(/;\s*$/, ""), ["switch_k", "at_risk", "won"]);
      const fromSql = Array.from(rows.switch_k as Int32Array, (k, r) => [k as number, rows.at_risk[r] as number, rows.won[r] as number, rows.leads[r] as number]).sort((x, y) => x[1] - y[1] || x[2] - y[2] || x[0] - y[0]);
      const groups = doerGroups(count, firstAt, createdAt, won, atRisk, day, 5);
      expect(groups).toEqual(fromSql);
      // Switches 0 (before creation), 1 (at creation and within the first day), 2 (at the first landmark itself, and
      // after it), 3 (at the second), 5 (at the fourth landmark or later: clamped to the at-risk landmarks).
      expect(new Set(groups.map((g) => g[0]))).toEqual(new Set([0, 1, 2, 3, 5]));
    } finally {
      client.close();
    }
  });

  it("copy the features of the leads counted last with the same cut-off, and count the others: the same indicators as counting afresh (the held-out split's earlier part, then the whole export; a shorter window; every cut-off moved)", async () => {
    const config = parseConfig({ engine: "duckdb" });
    const crm = await loadCrm(sample, config);
    try {
      const engine = engineOf(crm.events) as unknown as DuckDbTrainingEngine;
      // The leads counted (the others copied), as the engine hands them to its counting.
      const countFeatures = vi.spyOn(engine as unknown as { countFeatures: (which: Int32Array) => void }, "countFeatures");
      const window = config.training.observationWindowDays;
      const split = splitByCreation(crm, 0.25)!;
      const early = buildTrainingPopulation(split.train, window);
      const whole = buildTrainingPopulation(crm, window);
      const shorter = buildTrainingPopulation(crm, 10);
      const moved = { ...whole, cutoffAt: whole.cutoffAt.map((t) => t - 3_600_000) };
      // The export's leads in reverse order: a part whose leads are not in the export's order.
      const backwards = selectLeads(crm, Array.from(crm.leads.keys()).reverse());
      const reversed = buildTrainingPopulation(backwards, window);
      // Each in turn after the one before; what the in-process engine counts afresh is the reference. Counted are the leads
      // that the population before did not have with the same cut-off (all of them the first time; none for the earlier
      // part after the whole export; those a shorter window trims, and the later ones, after the earlier part; all when
      // every cut-off moved).
      const steps: Array<[TrainingPopulation, EventStore]> = [
        [early, split.train.events],
        [whole, crm.events],
        [reversed, backwards.events],
        [early, split.train.events],
        [shorter, crm.events],
        [moved, crm.events],
      ];
      const fresh: number[] = [];
      let before: TrainingPopulation | null = null;
      for (const [population, events] of steps) {
        countFeatures.mockClear();
        const indicators = engine.actionIndicators(population, events);
        const reference = inMemoryFeatureEngine.actionIndicators(population, events);
        expect({ ...indicators, index: null }).toEqual({ ...reference, index: null });
        expect([indicators.index.start, indicators.index.end]).toEqual([reference.index.start, reference.index.end]);
        const cutoffOf = new Map(before?.leads.map((lead, j) => [lead.leadId, before!.cutoffAt[j]]) ?? []);
        const expected = population.leads.filter((lead, i) => !cutoffOf.has(lead.leadId) || !Object.is(cutoffOf.get(lead.leadId), population.cutoffAt[i])).length;
        expect(countFeatures.mock.calls.map(([which]) => which.length)).toEqual([expected]);
        fresh.push(expected);
        before = population;
      }
      const trimmed = shorter.cutoffAt.filter((t, i) => t !== whole.cutoffAt[i]).length;
      expect(fresh).toEqual([early.leads.length, whole.leads.length - early.leads.length, 0, 0, fresh[4], whole.leads.length]);
      expect(fresh[4]).toBeGreaterThan(whole.leads.length - early.leads.length);
      expect(fresh[4]).toBeLessThan(whole.leads.length - early.leads.length + trimmed + 1);
      expect(trimmed).toBeGreaterThan(0);
      expect(early.leads.length).toBeGreaterThan(0);
      expect(whole.leads.length).toBeGreaterThan(early.leads.length);
    } finally {
      vi.restoreAllMocks();
      closeCrm(crm);
    }
  }, 120_000);
});

/** Trains in logistic mode with the DuckDB engine and runs `check` on its open engine and every design it counted. */
async function withDesigns(paths: typeof sample, settings: Record<string, unknown>, check: (engine: DuckDbTrainingEngine, designs: CapturedDesign[]) => void): Promise<void> {
  const designs = captureDesigns();
  try {
    const config = parseConfig({ ...settings, engine: "duckdb", training: { mode: "logistic", ...(settings.training as object | undefined) } });
    const crm = await loadCrm(paths, config);
    try {
      trainAndCalibrate(crm, config, { now: NOW, toolVersion: "test" });
      check(engineOf(crm.events) as unknown as DuckDbTrainingEngine, designs);
    } finally {
      closeCrm(crm);
    }
  } finally {
    vi.restoreAllMocks();
  }
}

describe("inOrderPositions", () => {
  it("finds each id's position when the ids come in the same order, and gives up (null) when they do not", () => {
    const all = ["a", "b", "c", "d", "e"];
    expect(inOrderPositions(["b", "c", "e"], all)).toEqual(Int32Array.of(1, 2, 4));
    expect(inOrderPositions([], all)).toEqual(new Int32Array(0));
    expect(inOrderPositions(all, all)).toEqual(Int32Array.of(0, 1, 2, 3, 4));
    expect(inOrderPositions(["c", "b"], all)).toBeNull();
    expect(inOrderPositions(["a", "x"], all)).toBeNull();
  });
});

describe("firstAppearances", () => {
  it("orders actions by their smallest first_seq over all their (action, category) rows", () => {
    // action 7 first appears in its second row (category −1), action 3 in its only row, action 5 after both.
    const action = Int32Array.from([7, 5, 3, 7, 5]);
    const firstSeq = Float64Array.from([40, 90, 20, 10, 30]);
    expect(firstAppearances(action, firstSeq)).toEqual([
      { id: 7, first: 10 },
      { id: 3, first: 20 },
      { id: 5, first: 30 },
    ]);
  });
});

describe("the DuckDB engine's design patterns", () => {
  const temp = temporaryFolder("leadlift-engine-design-");
  afterAll(() => temp.remove());

  it.each([
    ["the bundled sample, 3-day landmarks", null, { training: { landmarkStepDays: 3 } }],
    ["a simulated exposure regime (1500 leads, seed 5)", "exposure", {}],
    ["a simulated trigger regime (1500 leads, seed 8)", "trigger", {}],
  ] as const)("are train-sql's design statements' patterns, totals and meat (bit for bit, summed in their rows' order): %s", async (_name, regime, settings) => {
    let paths = sample;
    if (regime !== null) {
      const dir = join(temp.dir, regime);
      await writeSimulatedCrm(simulateCrm({ leads: 1500, seed: regime === "exposure" ? 5 : 8, regime }), dir);
      paths = { leads: join(dir, "leads.csv"), events: join(dir, "events.csv"), outcomes: join(dir, "outcomes.csv") };
    }
    await withDesigns(paths, settings, (engine, designs) => {
      expect(designs.length).toBeGreaterThan(0);
      for (const design of designs) {
        const { source } = design;
        runDesignStatements(engine, design);
        const fromStatements = statementPatterns(engine.client, design);
        expect(source.patterns.columnsOf.map((columns) => Array.from(columns))).toEqual(fromStatements.columnsOf);
        expect(Array.from(source.patterns.labels)).toEqual(fromStatements.labels);
        expect(Array.from(source.patterns.weight)).toEqual(fromStatements.weight);
        const totals = engine.client.query(trainingQueries().find((q) => q.name === "design_totals")!.sql.replace(/;\s*$/, ""));
        expect([source.clusters, source.totalWeight]).toEqual([Number(totals.clusters[0]), Number(totals.weight[0])]);
        // Patterns with an action, a profile value and an age band each, so that every part of a pattern is compared.
        const columnsUsed = new Set(source.patterns.columnsOf.flatMap((columns) => Array.from(columns, (c) => source.columns[c].split(":")[0])));
        expect([...columnsUsed].sort()).toEqual(["action", "age", "profile"]);
        const beta = someCoefficients(source);
        const scale = source.clusters / source.totalWeight;
        expect(source.meat(beta, scale)).toEqual(statementMeat(engine.client, source, beta, scale));
      }
    });
  }, 120_000);
});

describe("train-sql's cluster_meat statement", () => {
  it("gives the DuckDB engine's meat when its inputs are built as train-sql's README says (j = 0 the intercept, j = c + 1 design column c, scale² applied after)", async () => {
    const temp = temporaryFolder("leadlift-engine-columns-");
    try {
      await writeSimulatedCrm(simulateCrm({ leads: 1500, seed: 5, regime: "exposure" }), temp.dir);
      const paths = { leads: join(temp.dir, "leads.csv"), events: join(temp.dir, "events.csv"), outcomes: join(temp.dir, "outcomes.csv") };
      await withDesigns(paths, {}, (engine, designs) => {
        const client = engine.client;
        const design = designs.at(-1)!;
        const { source } = design;
        const dim = source.columns.length + 1;
        expect(source.columns.some((c) => c.startsWith("action:")) && source.columns.some((c) => c.startsWith("age:"))).toBe(true);
        const beta = someCoefficients(source);
        const scale = source.clusters / source.totalWeight;
        // The engine sums the meat in JavaScript from its own segments; the statements build the segments and sum the meat in SQL.
        const engineMeat = source.meat(beta, scale);
        runDesignStatements(engine, design);
        writeClusterMeatInputs(client, source, beta);
        const statement = trainingQueries().find((q) => q.name === "cluster_meat")!.sql.replace(/;\s*$/, "");
        const rows = client.query(statement, ["j", "k"]);
        const sqlMeat = new Float64Array(dim * dim);
        const [j, k, m] = [rows.j as Int32Array, rows.k as Int32Array, rows.m as Float64Array];
        for (let r = 0; r < j.length; r++) sqlMeat[j[r] * dim + k[r]] = m[r] * scale * scale;
        expect(j.length, "off-diagonal entries").toBeGreaterThan(2 * dim);
        for (let a = 0; a < dim; a++) {
          for (let b = 0; b < dim; b++) {
            // |M_ab| ≤ √(M_aa·M_bb) (M is a sum of outer products): the scale the rounding of either sum is measured against.
            const size = Math.sqrt(engineMeat[a * dim + a] * engineMeat[b * dim + b]);
            expect(Math.abs(sqlMeat[a * dim + b] - engineMeat[a * dim + b]), `M[${source.columns[a - 1] ?? "intercept"}, ${source.columns[b - 1] ?? "intercept"}]`).toBeLessThanOrEqual(1e-12 * size);
          }
        }
      });
    } finally {
      temp.remove();
    }
  }, 120_000);
});

describe("the DuckDB engine's temporary database", () => {
  /** Runs `work` with the system's temporary folder set to a fresh one; returns what DuckDB left there. */
  async function leftBehind(work: () => Promise<void>): Promise<string[]> {
    const temp = temporaryFolder("leadlift-engine-tmp-");
    const tmpdir = process.env.TMPDIR;
    process.env.TMPDIR = temp.dir;
    try {
      await work();
      return readdirSync(temp.dir).filter((name) => name.startsWith("leadlift-duckdb-"));
    } finally {
      if (tmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = tmpdir;
      temp.remove();
    }
  }

  it("is removed after training, and after a training that fails mid-way", async () => {
    expect(await leftBehind(async () => void (await train(sample, { engine: "duckdb", training: { mode: "lift" } }, { now: NOW })))).toEqual([]);
    const failing = async () => {
      await expect(train(sample, { engine: "duckdb", calibration: { minWonDeals: 100_000 } }, { now: NOW })).rejects.toThrowError(/won/);
    };
    expect(await leftBehind(failing)).toEqual([]);
  }, 120_000);

  it("is removed when loading fails after the events were read (a lead without an outcome)", async () => {
    const temp = temporaryFolder("leadlift-engine-outcomes-");
    try {
      writeFileSync(join(temp.dir, "outcomes.csv"), "lead_id,status,closed_at\nL000001,won,2024-03-01\n");
      const failing = async () => {
        await expect(loadCrm({ ...sample, outcomes: join(temp.dir, "outcomes.csv") }, parseConfig({ engine: "duckdb", outcomes: { missing: "error" } }))).rejects.toThrowError(
          /^leads\.csv row 3: lead "L000002" has no outcome row\./,
        );
      };
      expect(await leftBehind(failing)).toEqual([]);
    } finally {
      temp.remove();
    }
  }, 60_000);
});

describe("leadlift train --engine duckdb", () => {
  it("stops on a bad events file with one line naming the file, no stack trace, and no temporary database left", async () => {
    const temp = temporaryFolder("leadlift-engine-cli-");
    try {
      // Not Parquet inside: both engines' reader refuses it, naming the file.
      writeFileSync(join(temp.dir, "events.parquet"), "lead_id,action,occurred_at\nL000001,demo,2024-01-02\n");
      const errors: string[] = [];
      const tmpdir = process.env.TMPDIR;
      process.env.TMPDIR = temp.dir;
      let code: number;
      try {
        code = await runCli(["train", "--leads", sample.leads, "--events", join(temp.dir, "events.parquet"), "--outcomes", sample.outcomes, "--out", join(temp.dir, "model.json"), "--engine", "duckdb"], { error: (line) => errors.push(line) });
      } finally {
        if (tmpdir === undefined) delete process.env.TMPDIR;
        else process.env.TMPDIR = tmpdir;
      }
      expect(code).toBe(1);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(/^leadlift: events\.parquet: cannot read it as Parquet \(.*\)\. Parquet files are read with hyparquet/);
      expect(errors[0]).not.toMatch(/\n|    at /);
      expect(readdirSync(temp.dir).filter((name) => name.startsWith("leadlift-duckdb-"))).toEqual([]);
    } finally {
      temp.remove();
    }
  }, 60_000);
});
