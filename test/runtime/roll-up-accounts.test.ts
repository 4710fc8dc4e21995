import { describe, expect, it } from "vitest";
import { rollUpAccounts } from "../../src/runtime/index.js";

const LEADS = Object.freeze([
  { accountId: "A", leadId: "a1", score: 30, sdrReady: false },
  { accountId: "A", leadId: "a2", score: 25, sdrReady: false },
  { accountId: "A", leadId: "a3", score: 20, sdrReady: false },
  { accountId: "A", leadId: "a4", score: 5, sdrReady: false },
  { accountId: "B", leadId: "b1", score: 45, sdrReady: true },
  { accountId: null, leadId: "x", score: 60, sdrReady: true },
]);

describe("rollUpAccounts", () => {
  it("sums the top 3 contacts by default and flags a buying committee at 1.5× the threshold (hand-computed)", () => {
    const { accounts, leadsWithoutAccount } = rollUpAccounts(LEADS, { threshold: 40 });
    expect(accounts).toEqual([
      { account_id: "A", score: 75, leads: 4, sdr_ready_leads: 0, top_leads: ["a1", "a2", "a3"], sdr_ready: true },
      { account_id: "B", score: 45, leads: 1, sdr_ready_leads: 1, top_leads: ["b1"], sdr_ready: true },
    ]);
    expect(leadsWithoutAccount).toBe(1);
  });

  it.each([
    ["max", 30, false],
    ["mean", 20, false],
  ] as const)("rolls up by %s", (method, score, ready) => {
    const a = rollUpAccounts(LEADS, { threshold: 40, method }).accounts.find((x) => x.account_id === "A")!;
    expect([a.score, a.sdr_ready]).toEqual([score, ready]);
  });
});
