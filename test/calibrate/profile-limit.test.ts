import { describe, expect, it } from "vitest";
import { applyProfileLimit } from "../../src/calibrate/profile-limit.js";
import type { ReplayRun } from "../../src/calibrate/replay-run.js";
import { TrajectoryBuilder } from "../../src/calibrate/trajectory-store.js";
import { parseConfig } from "../../src/config/load-config.js";
import type { CrmData } from "../../src/io/load-crm.js";
import { handModel } from "../helpers/model-fixture.js";

const DAY = 86_400_000;

describe("applyProfileLimit", () => {
  it("looks for a FIT cap over any number of replayed leads (200,000 here)", () => {
    // Every lead SDR-ready on FIT alone at 10 (one at 8) and lost: no threshold lands in the band, with or without a cap.
    const size = 200_000;
    const builder = new TrajectoryBuilder();
    for (let i = 0; i < size; i++) {
      const fit = i === 0 ? 8 : 10;
      builder.add(fit, 0, fit, 0, 0);
      builder.end();
    }
    const lost = Object.freeze(Array.from({ length: size }, () => ({ createdAt: 0, status: "lost" as const, closedAt: DAY, handoffAt: null })));
    const run = {
      replayed: { leads: lost, trajectories: builder.finish(), notReplayable: 0 },
      curve: [],
      chosen: { status: "in-band", threshold: 10, point: null, targetBand: { min: 0.1, max: 0.15 }, explanation: "" },
      spanDays: 1,
    } satisfies ReplayRun;
    const context = { salesCycle: null, windowDays: 30, windowSource: "config", dataEndAt: 100 * DAY, maturityDays: null, matureBefore: Infinity } as const;
    const options = parseConfig({}).calibration;
    const result = applyProfileLimit({} as CrmData, handModel(), run, context, { min: 0.1, max: 0.15 }, options);
    expect(result.check).toMatchObject({ leads: size - 1, withinLimit: false, fitCap: null });
    expect(result.check?.note).toMatch(/No FIT cap leaves an in-band threshold/);
  });
});
