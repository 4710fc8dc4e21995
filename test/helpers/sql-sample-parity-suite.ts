import { expect, it } from "vitest";
import type { LeadInput } from "../../src/runtime/index.js";
import type { compareSqlWithRuntime, ParityCase } from "./sql-parity.js";
import { reasonNames, SAMPLE_MODEL, SAMPLE_MOMENTS, sampleModelWithEveryRule } from "./sql-parity-cases.js";

type Parity = (parity: ParityCase) => Promise<Awaited<ReturnType<typeof compareSqlWithRuntime>>>;

/**
 * The bundled sample's parity tests, the same for every engine that runs in
 * tests: all 6000 leads with the sample model at each moment, and with every
 * time rule switched on. `sample()` gives the history the file loaded in its
 * own `beforeAll`.
 */
export function sampleParityTests(expectParity: Parity, sample: () => { leads: LeadInput[]; events: ParityCase["events"] }): void {
  it.each(SAMPLE_MOMENTS)("scores all 6000 leads exactly as the runtime with models/sample-model.json at %s", async (at) => {
    const result = await expectParity({ model: SAMPLE_MODEL, ...sample(), at });
    expect(result.compared).toBe(6000);
    expect([...result.runtime.values()].some((s) => s.sdrReady)).toBe(true);
  });

  it("scores all 6000 leads exactly as the runtime with every time rule switched on, at each moment", async () => {
    const names = new Set<string>();
    let fractional = 0;
    for (const at of SAMPLE_MOMENTS) {
      const result = await expectParity({ model: sampleModelWithEveryRule(), ...sample(), at });
      for (const name of reasonNames(result)) names.add(name);
      fractional += [...result.runtime.values()].filter((s) => !Number.isInteger(s.pain)).length;
    }
    for (const rule of ["inactivity:inactivity", "velocity:velocity", "fit-cap:fit_cap", "profile:company_size_band", "profile:email_domain", "profile:country"]) {
      expect(names, rule).toContain(rule);
    }
    // Fading points make PAIN fractional for many leads.
    expect(fractional).toBeGreaterThan(100);
  });
}
