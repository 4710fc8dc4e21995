import { describe, expect, it } from "vitest";
import { simulateCrm } from "../../src/simulate/index.js";

describe("simulateCrm", () => {
  const crm = simulateCrm({ leads: 20_000, seed: 7 });
  const outcome = new Map(crm.outcomes.map((o) => [o.lead_id, o]));

  it("is deterministic for a seed and differs across seeds", () => {
    const a = simulateCrm({ leads: 200, seed: 1 });
    expect(simulateCrm({ leads: 200, seed: 1 })).toEqual(a);
    expect(simulateCrm({ leads: 200, seed: 2 }).events).not.toEqual(a.events);
  });

  it("writes only events of known leads, sorted by time", () => {
    const ids = new Set(crm.leads.map((l) => l.lead_id));
    expect(crm.events.every((e) => ids.has(e.lead_id))).toBe(true);
    for (let i = 1; i < crm.events.length; i++) expect(crm.events[i].occurred_at >= crm.events[i - 1].occurred_at).toBe(true);
  });

  it("puts sales activity only after hand-off", () => {
    for (const e of crm.events.filter((e) => e.category === "sales")) {
      const o = outcome.get(e.lead_id)!;
      expect(o.handoff_at).not.toBe("");
      expect(e.occurred_at > o.handoff_at).toBe(true);
    }
  });

  it("gives open leads no close date and won leads a close after hand-off", () => {
    for (const o of crm.outcomes) {
      if (o.status === "open") expect(o.closed_at).toBe("");
      if (o.status === "won") expect(o.closed_at > o.handoff_at).toBe(true);
    }
  });

  it.each(["demo_request", "teammate_invited", "pricing_page_view", "trial_signup", "unsubscribe"])(
    "makes the empirical lift of %s match its expected lift within sampling error",
    (action) => {
      const truth = crm.truth.expectedLifts[action];
      const leadsById = new Map(crm.leads.map((l) => [l.lead_id, l]));
      const did = new Set<string>();
      for (const e of crm.events) {
        if (e.action !== action) continue;
        const o = outcome.get(e.lead_id)!;
        const cutoff = o.handoff_at || o.closed_at;
        const created = Date.parse(leadsById.get(e.lead_id)!.created_at);
        if (cutoff && e.occurred_at < cutoff && Date.parse(e.occurred_at) < created + 90 * 86_400_000) did.add(e.lead_id);
      }
      const closed = crm.outcomes.filter((o) => o.status !== "open");
      const groups = [true, false].map((flag) => closed.filter((o) => did.has(o.lead_id) === flag));
      const rates = groups.map((g) => g.filter((o) => o.status === "won").length / g.length);
      const standardError = Math.sqrt(groups.reduce((s, g, k) => s + (rates[k] * (1 - rates[k])) / g.length, 0));
      expect(Math.abs(rates[0] - rates[1] - truth)).toBeLessThan(4 * standardError);
    },
  );

  it("derives the expected lifts from the generative model (hand-computed mean multiplier 0.936)", () => {
    expect(crm.truth.expectedLifts.demo_request).toBeCloseTo(0.25 * 0.936, 4);
    expect(crm.truth.expectedLifts.case_study_view).toBe(0);
    expect(crm.truth.expectedLifts.unsubscribe).toBeLessThan(0);
  });
});
