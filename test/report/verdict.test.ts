import { describe, expect, it } from "vitest";
import { bandStatus, composeVerdict, type VerdictInput } from "../../src/report/verdict.js";

const base: VerdictInput = Object.freeze({
  threshold: 11,
  noThresholdReason: "",
  band: { min: 0.1, max: 0.15 },
  windowDays: 24,
  onData: { decided: 906, won: 118, closeRate: 118 / 906, lower: 0.11, upper: 0.149 },
  minDecided: 30,
  bestOnData: { threshold: 11, closeRate: 118 / 906 },
  outOfTime: { closeRate: 0.129, threshold: 9, trainLeads: 4500, holdoutLeads: 1500, decided: 171, won: 22 },
  method: "replay",
  trainingOverlap: 0,
  scorePsi: 0.01,
  capacity: null,
});

describe("bandStatus", () => {
  it.each([
    [0.0999, "below-band"],
    [0.1, "in-band"],
    [0.15, "in-band"],
    [0.1501, "above-band"],
  ] as const)("places %f as %s", (rate, status) => expect(bandStatus(rate, { min: 0.1, max: 0.15 })).toBe(status));
});

describe("composeVerdict", () => {
  it("says in plain words that the threshold is in band here and out of time, and to keep it", () => {
    const v = composeVerdict(base);
    expect(v).toMatchObject({ status: "in-band", outOfTime: "in-band" });
    expect(v.text).toBe(
      "On this data, 118 of the 906 leads that reached the SDR-ready threshold of 11 points were won within the 24-day sales cycle: 13.0% (likely between 11.0% and 14.9%), inside the 10.0%–15.0% target. " +
        "Out of time it held as well: chosen the same way on the model's earlier 4,500 training leads (at 9 points), the threshold gave 12.9% (22 of the 171 later leads that reached it with a known outcome, out of 1,500 held out). " +
        "Keep the threshold at 11 and run this report again on next month's leads.",
    );
    expect(v.text).not.toMatch(/\n/);
  });

  it("tells the team to raise the threshold to the best one on this data when leads close too rarely", () => {
    const v = composeVerdict({ ...base, onData: { decided: 400, won: 28, closeRate: 0.07, lower: 0.049, upper: 0.099 }, bestOnData: { threshold: 16, closeRate: 0.124 } });
    expect(v.status).toBe("below-band");
    expect(v.text).toMatch(/7\.0% \(likely between 4\.9% and 9\.9%\), below the 10\.0%–15\.0% target\./);
    expect(v.action).toBe("raise the threshold to 16 points (12.4% on this data) or retrain on recent leads: SDRs are getting leads that close too rarely");
  });

  it("tells the team to lower the threshold when leads close above the band, mentioning capacity when it is exceeded", () => {
    const v = composeVerdict({ ...base, onData: { decided: 300, won: 60, closeRate: 0.2, lower: 0.159, upper: 0.248 }, bestOnData: { threshold: 7, closeRate: 0.13 }, capacity: { perDay: 4.2, capacityPerDay: 3 } });
    expect(v.status).toBe("above-band");
    expect(v.action).toMatch(/^lower the threshold to 7 points \(13\.0% on this data\) or retrain on recent leads if SDRs have room/);
    expect(v.action).toMatch(/sends 4\.2 leads a day, more than the 3 SDRs can take$/);
  });

  it("does not judge a close rate from fewer decided leads than calibration needs", () => {
    const v = composeVerdict({ ...base, onData: { decided: 12, won: 2, closeRate: 2 / 12, lower: 0.05, upper: 0.45 } });
    expect(v.status).toBe("not-checked");
    expect(v.text).toMatch(/^Only 12 leads in this data reached the SDR-ready threshold of 11 points with an outcome already known \(30 are needed/);
    expect(v.action).toMatch(/^keep the threshold at 11 and run this report again once more leads have closed/);
  });

  it("says so when the threshold missed out of time", () => {
    const v = composeVerdict({ ...base, outOfTime: { closeRate: 0.08, threshold: 9, trainLeads: 4500, holdoutLeads: 1500, decided: 200, won: 16 } });
    expect(v.outOfTime).toBe("below-band");
    expect(v.text).toMatch(/Out of time it missed: .* gave 8\.0% \(16 of the 200 later leads that reached it with a known outcome, out of 1,500 held out\), below the target\./);
    expect(v.action).toMatch(/watch next month's report: it held on this data but missed the target out of time/);
  });

  it("judges a threshold on scores at the cut-off when the data have no dates, saying so instead of counting 0 replayed leads", () => {
    const v = composeVerdict({ ...base, method: "static", outOfTime: null, onData: { decided: 8631, won: 1035, closeRate: 1035 / 8631, lower: 0.113, upper: 0.127 } });
    expect(v.status).toBe("in-band");
    expect(v.text).toMatch(/^This data has no creation dates, so scores cannot be replayed over time; judged on scores at each lead's cut-off instead, 1,035 of the 8,631 closed leads scoring 11 points or more were won: 12\.0%/);
    expect(v.text).not.toMatch(/Only 0 leads/);
  });

  it("warns that figures on the model's own training data flatter it, and that a wide range does not settle it", () => {
    const v = composeVerdict({ ...base, trainingOverlap: 1, onData: { decided: 200, won: 24, closeRate: 0.12, lower: 0.08, upper: 0.17 } });
    expect(v.text).toMatch(/This data is the model's own training period, so the figures on it flatter the model; the out-of-time figure is the fair test\./);
    expect(v.text).toMatch(/With 200 leads that range still reaches outside the target/);
    expect(composeVerdict({ ...base, trainingOverlap: 0.25 }).text).toMatch(/25\.0% of the leads here were created during the model's training period/);
  });

  it("asks for retraining when the score distribution shifted a lot (PSI above 0.25)", () => {
    expect(composeVerdict({ ...base, scorePsi: 0.31 }).action).toBe("keep the threshold at 11 for now but retrain soon: the score distribution has shifted a lot since training (stability index 0.31)");
  });

  it("explains a missing threshold and suggests the one that would land in the band here", () => {
    const v = composeVerdict({ ...base, threshold: null, noThresholdReason: "The base rate is above the band.", onData: null, bestOnData: { threshold: 20, closeRate: 0.12 } });
    expect(v.status).toBe("no-threshold");
    expect(v.text).toMatch(/^The model has no SDR-ready threshold\. The base rate is above the band\./);
    expect(v.action).toBe("retrain on recent leads: on this data a threshold of 20 points would close at 12.0%");
  });

  it("says when the model has no out-of-time check", () => {
    expect(composeVerdict({ ...base, outOfTime: null })).toMatchObject({ outOfTime: "not-checked", text: expect.stringMatching(/The model carries no out-of-time check/) });
  });
});
