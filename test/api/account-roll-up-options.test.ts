import { describe, expect, it, vi } from "vitest";
import { accountRollUpOptions } from "../../src/api/score.js";
import { runCli } from "../../src/cli/run-cli.js";
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
    expect(accountRollUpOptions(learned, "top-k-sum", 3)).toEqual({ method: "top-k-sum", k: 3, threshold: 30 });
    expect(accountRollUpOptions(learned, "max", undefined)).toEqual({ method: "max", k: 2, threshold: 30 });
    expect(accountRollUpOptions(handModel(), "top-k-sum", undefined)).toEqual({ method: "top-k-sum", k: 3, threshold: 30 });
  });

  it("refuses a k that is not a whole number of at least 1, and an unknown method", () => {
    expect(() => accountRollUpOptions(learned, "top-k-sum", 0)).toThrowError('Option "accounts.k" must be a whole number of at least 1. Got 0.');
    expect(() => accountRollUpOptions(learned, "top-k-sum", 1.5)).toThrowError('Option "accounts.k" must be a whole number of at least 1. Got 1.5.');
    expect(() => accountRollUpOptions(learned, "sum" as "max", undefined)).toThrowError('Option "accounts.method" must be one of top-k-sum, max, mean. Got "sum".');
  });

  it("is refused on the command line before anything is read (exit 2)", async () => {
    const errors: string[] = [];
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const common = ["score", "--model", "m.json", "--leads", "l.csv", "--out", "s.csv", "--accounts", "a.csv"];
    expect(await runCli([...common, "--account-k", "two"], { error: (line) => errors.push(line) })).toBe(2);
    expect(await runCli([...common, "--account-method", "sum"], { error: (line) => errors.push(line) })).toBe(2);
    expect(errors).toEqual([
      'leadlift: Option "--account-k" must be a whole number of at least 1. Got "two".',
      'leadlift: Option "--account-method" must be one of top-k-sum, max, mean. Got "sum".',
    ]);
    vi.restoreAllMocks();
  });
});
