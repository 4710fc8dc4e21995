import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { LeadliftError, simulateCrm, train, validateModel, writeSimulatedCrm } from "../../src/index.js";
import { temporaryFolder } from "../helpers/packed-packages.js";

describe("train (the library API)", () => {
  const temp = temporaryFolder("leadlift-train-api-");
  afterAll(() => temp.remove());

  /** A simulated export with 16 won leads: below the 30 calibration needs. */
  async function smallExport() {
    await writeSimulatedCrm(simulateCrm({ leads: 200, seed: 7 }), temp.dir);
    return { leads: join(temp.dir, "leads.csv"), events: join(temp.dir, "events.csv"), outcomes: join(temp.dir, "outcomes.csv") };
  }

  it("refuses below calibration.minWonDeals won deals, as leadlift train does, naming the fix", async () => {
    const paths = await smallExport();
    const failure = await train(paths).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(LeadliftError);
    expect((failure as LeadliftError).code).toBe("too-few-won");
    expect((failure as LeadliftError).message).toMatch(/^Cannot calibrate: 16 won leads in the training data; calibration needs at least 30 .* set "calibration": \{ "allowColdStart": true \}/);
  });

  it("applies the cold-start rules with calibration.allowColdStart", async () => {
    const model = await train(await smallExport(), { calibration: { allowColdStart: true } });
    expect(model.coldStart?.used).toBe(true);
    expect(model.threshold.method).toBe("cold-start");
    expect(validateModel(model)).toEqual([]);
  });

  it("rejects an invalid config before reading anything, naming the key", async () => {
    await expect(train({ leads: join(temp.dir, "none.csv") }, { training: { minLiftPoints: -5 } } as never)).rejects.toThrowError(/config is not a valid leadlift config:\n {2}training\.minLiftPoints: /);
  });
});
