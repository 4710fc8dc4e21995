import { describe, expect, it } from "vitest";
import { splitByCreation } from "../../src/calibrate/out-of-time-split.js";
import { randomCrm } from "../helpers/random-crm.js";
import { DAY, T0 } from "../helpers/time-rule-models.js";

describe("splitByCreation", () => {
  it.each([
    [0.2, Infinity],
    [0.3, T0 + 6 * DAY],
    [0.5, T0 + 3 * DAY],
  ])("holds out the latest %s of the leads created before %s, ties kept together, too-recent leads in neither part", (share, judgeableBefore) => {
    // Creation days 0–9 (many ties) and a sixth of the leads undated.
    const crm = randomCrm(5, 600);
    const split = splitByCreation(crm, share, judgeableBefore)!;
    const judgeable = crm.leads.filter((l) => l.createdAt !== null && l.createdAt < judgeableBefore).map((l) => l.createdAt as number);
    judgeable.sort((a, b) => a - b);
    // The dated leads' (1 − share) quantile (undated leads count as created at 0, so they sort first and train).
    const undated = crm.leads.filter((l) => l.createdAt === null).length;
    expect(split.splitAt).toBe(judgeable[Math.floor((judgeable.length + undated) * (1 - share)) - undated]);
    expect(split.holdout.leads.every((l) => (l.createdAt as number) >= split.splitAt && (l.createdAt as number) < judgeableBefore)).toBe(true);
    expect(split.train.leads.every((l) => (l.createdAt ?? 0) < split.splitAt)).toBe(true);
    expect(split.train.leads.length + split.holdout.leads.length).toBe(undated + judgeable.length);
  });
});
