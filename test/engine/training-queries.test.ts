import { describe, expect, it } from "vitest";
import { MAX_LANDMARK_STEP_DAYS } from "../../src/config/config-schema.js";
import { parseConfig } from "../../src/config/load-config.js";
import { TABLE_PREFIX_PATTERN, trainingQueries } from "../../src/engine/training-queries.js";

describe("trainingQueries' options", () => {
  it("accept the landmark steps the config accepts, up to the same limit", () => {
    expect(MAX_LANDMARK_STEP_DAYS).toBe(90);
    expect(parseConfig({ training: { landmarkStepDays: MAX_LANDMARK_STEP_DAYS } }).training.landmarkStepDays).toBe(MAX_LANDMARK_STEP_DAYS);
    expect(trainingQueries({ landmarkStepDays: MAX_LANDMARK_STEP_DAYS })).toHaveLength(13);
    expect(() => parseConfig({ training: { landmarkStepDays: MAX_LANDMARK_STEP_DAYS + 0.5 } })).toThrow();
    expect(() => trainingQueries({ landmarkStepDays: MAX_LANDMARK_STEP_DAYS + 0.5 })).toThrow(`Option "landmarkStepDays" must be a number in (0, ${MAX_LANDMARK_STEP_DAYS}]. Got 90.5.`);
  });

  it.each([
    ["ll_", true], ["", true], ["crm.ll_", true], ["project.crm.ll_", true], ["crm.", true],
    ["ll-", false], ["a.b.c.ll_", false], ["1ll_", false], ["crm.ll_;DROP", false], ['"crm".ll_', false],
  ])("take %j as a table prefix: %s", (prefix, accepted) => {
    expect(TABLE_PREFIX_PATTERN.test(prefix)).toBe(accepted);
    if (accepted) expect(trainingQueries({ tablePrefix: prefix })[0].sql).toContain(`FROM ${prefix}events e`);
    else expect(() => trainingQueries({ tablePrefix: prefix })).toThrow(/Option "tablePrefix" must be letters, digits and underscores/);
  });
});
