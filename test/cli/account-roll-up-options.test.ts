import { describe, expect, it } from "vitest";
import { accountRollUpOptions } from "../../src/cli/score-command.js";
import { handModel } from "../helpers/model-fixture.js";

const learned = {
  ...handModel(),
  accounts: { method: "top-k-sum" as const, k: 2, threshold: 44, status: "in-band" as const, point: null, explanation: "", replayedAccounts: 10, notReplayable: 0, curve: [] },
};

describe("accountRollUpOptions", () => {
  it("uses the account threshold the model learned, with its k, by default", () => {
    expect(accountRollUpOptions(learned, "top-k-sum", undefined)).toEqual({ method: "top-k-sum", k: 2, threshold: 30, accountThreshold: 44 });
  });

  it("falls back to the default committee rule for a roll-up the threshold was not learned for", () => {
    expect(accountRollUpOptions(learned, "top-k-sum", "3")).toEqual({ method: "top-k-sum", k: 3, threshold: 30 });
    expect(accountRollUpOptions(learned, "max", undefined)).toEqual({ method: "max", k: 2, threshold: 30 });
    expect(accountRollUpOptions(handModel(), "top-k-sum", undefined)).toEqual({ method: "top-k-sum", k: 3, threshold: 30 });
  });

  it("refuses a k that is not a whole number", () => {
    expect(() => accountRollUpOptions(learned, "top-k-sum", "two")).toThrowError('Option "--account-k" must be a whole number of at least 1. Got "two".');
  });
});
