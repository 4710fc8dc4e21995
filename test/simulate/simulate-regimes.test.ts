import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REGIME_ACTIONS, simulateCrm, writeSimulatedCrm, type RegimeSimulatedCrm } from "../../src/simulate/index.js";
import { writeTempFiles } from "../helpers/temp-files.js";

const DAY = 86_400_000;
const CAUSAL_OVER_5_POINTS = REGIME_ACTIONS.filter((a) => a.kind === "causal" && a.lift >= 0.05).map((a) => a.action);

/** Per-lead facts read back from the rows alone, the way an analyst would. */
function readRows(crm: RegimeSimulatedCrm) {
  const createdAt = new Map(crm.leads.map((l) => [l.lead_id, Date.parse(l.created_at)]));
  const outcome = new Map(crm.outcomes.map((o) => [o.lead_id, o]));
  const closed = crm.outcomes.filter((o) => o.status !== "open");
  /** The export's cut-off: hand-off, else close. */
  const cutoffAt = new Map(closed.map((o) => [o.lead_id, Date.parse(o.handoff_at || o.closed_at)]));
  /** First occurrence of each action per lead, all events. */
  const firstAt = new Map<string, Map<string, number>>();
  for (const e of crm.events) {
    const at = Date.parse(e.occurred_at);
    let byAction = firstAt.get(e.action);
    if (!byAction) firstAt.set(e.action, (byAction = new Map()));
    if (!byAction.has(e.lead_id) || at < byAction.get(e.lead_id)!) byAction.set(e.lead_id, at);
  }
  /** Crude lift of doing `action` before the export's cut-off: P(won | did) − P(won | did not), with its standard error. */
  const crudeLift = (action: string) => {
    const did = closed.filter((o) => (firstAt.get(action)?.get(o.lead_id) ?? Infinity) < cutoffAt.get(o.lead_id)!);
    const didIds = new Set(did.map((o) => o.lead_id));
    const rest = closed.filter((o) => !didIds.has(o.lead_id));
    const rate = (group: typeof closed) => group.filter((o) => o.status === "won").length / group.length;
    const [r1, r0] = [rate(did), rate(rest)];
    return { lift: r1 - r0, standardError: Math.sqrt((r1 * (1 - r1)) / did.length + (r0 * (1 - r0)) / rest.length), leads: did.length };
  };
  const did = (action: string, leadId: string) => (firstAt.get(action)?.get(leadId) ?? Infinity) < cutoffAt.get(leadId)!;
  /** Quartile (0–3) of each closed lead's days from creation to cut-off: the exposure strata of today's lift mode. */
  const exposure = closed.map((o) => cutoffAt.get(o.lead_id)! - createdAt.get(o.lead_id)!);
  const sorted = [...exposure].sort((a, b) => a - b);
  const edges = [0.25, 0.5, 0.75].map((q) => sorted[Math.floor(q * sorted.length)]);
  const stratum = exposure.map((e) => edges.filter((edge) => e > edge).length);
  /** Mantel–Haenszel risk difference over the exposure quartiles (weights n₁n₀/n; Greenland & Robins 1985). */
  const stratifiedLift = (action: string) => {
    let numerator = 0;
    let denominator = 0;
    for (let s = 0; s < 4; s++) {
      const cell = { wonWith: 0, with: 0, wonWithout: 0, without: 0 };
      closed.forEach((o, i) => {
        if (stratum[i] !== s) return;
        const won = o.status === "won" ? 1 : 0;
        if (did(action, o.lead_id)) [cell.with, cell.wonWith] = [cell.with + 1, cell.wonWith + won];
        else [cell.without, cell.wonWithout] = [cell.without + 1, cell.wonWithout + won];
      });
      const n = cell.with + cell.without;
      numerator += (cell.wonWith * cell.without - cell.wonWithout * cell.with) / n;
      denominator += (cell.with * cell.without) / n;
    }
    return numerator / denominator;
  };
  return { createdAt, outcome, closed, cutoffAt, firstAt, crudeLift, did, stratum, stratifiedLift };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

describe.each(["exposure", "trigger"] as const)("simulateCrm regime %s", (regime) => {
  const crm = simulateCrm({ leads: 20_000, seed: 11, regime });
  const rows = readRows(crm);

  it("writes the same bytes for the same seed and differs across seeds", async () => {
    const a = writeTempFiles({});
    const b = writeTempFiles({});
    const { files } = await writeSimulatedCrm(simulateCrm({ leads: 300, seed: 5, regime }), a.dir);
    await writeSimulatedCrm(simulateCrm({ leads: 300, seed: 5, regime }), b.dir);
    for (const file of files.map((f) => f.slice(a.dir.length + 1))) {
      expect(readFileSync(join(b.dir, file), "utf8")).toBe(readFileSync(join(a.dir, file), "utf8"));
    }
    expect(simulateCrm({ leads: 300, seed: 6, regime }).events).not.toEqual(simulateCrm({ leads: 300, seed: 5, regime }).events);
  });

  it("lands near its 6% base close rate by default, and near a requested one", () => {
    expect(crm.truth.meanTrueProbability).toBeCloseTo(0.06, 3);
    const wonShare = (c: RegimeSimulatedCrm) => {
      const closed = c.outcomes.filter((o) => o.status !== "open");
      return closed.filter((o) => o.status === "won").length / closed.length;
    };
    expect(Math.abs(wonShare(crm) - 0.06)).toBeLessThan(0.008);
    const higher = simulateCrm({ leads: 20_000, seed: 12, regime, baseCloseRate: 0.1 });
    expect(higher.truth.meanTrueProbability).toBeCloseTo(0.1, 3);
    expect(Math.abs(wonShare(higher) - 0.1)).toBeLessThan(0.01);
  });

  it("returns every lead's true close probability, higher on average for won leads", () => {
    expect([...crm.leadTruth.keys()]).toEqual(crm.leads.map((l) => l.lead_id));
    const values = [...crm.leadTruth.values()];
    expect(values.every((p) => p >= 0 && p <= 1)).toBe(true);
    const mean = (status: string) => {
      const ps = crm.outcomes.filter((o) => o.status === status).map((o) => crm.leadTruth.get(o.lead_id)!);
      return ps.reduce((s, p) => s + p, 0) / ps.length;
    };
    expect(mean("won")).toBeGreaterThan(2 * mean("lost"));
  });

  it("writes only events of known leads, sorted by time, none after the export", () => {
    const exportAt = crm.truth.exportAt;
    const problems = crm.events.filter(
      (e, i) => !rows.createdAt.has(e.lead_id) || e.occurred_at > exportAt || (i > 0 && e.occurred_at < crm.events[i - 1].occurred_at),
    );
    expect(problems).toEqual([]);
    expect(crm.events.length).toBeGreaterThan(100_000);
  });

  it("leaves leads open at the export (right-censored) and hands every won lead to sales before it closes", () => {
    const open = crm.outcomes.filter((o) => o.status === "open");
    expect(open.length).toBeGreaterThan(500);
    expect(open.every((o) => o.closed_at === "")).toBe(true);
    for (const o of crm.outcomes.filter((o) => o.status === "won")) {
      expect(o.handoff_at).not.toBe("");
      expect(o.closed_at > o.handoff_at).toBe(true);
    }
  });

  it("puts image_added only after the lead's first document_created", () => {
    const images = crm.events.filter((e) => e.action === "image_added");
    expect(images.length).toBeGreaterThan(100);
    for (const e of images) expect(rows.firstAt.get("document_created")!.get(e.lead_id)!).toBeLessThan(Date.parse(e.occurred_at));
  });

  it("puts sales actions only after hand-off, mostly for won leads, and contracts only for won ones", () => {
    const sales = crm.events.filter((e) => e.category === "sales");
    for (const e of sales) {
      const o = rows.outcome.get(e.lead_id)!;
      expect(o.handoff_at).not.toBe("");
      expect(e.occurred_at > o.handoff_at).toBe(true);
    }
    const calledShare = (status: string) => {
      const leads = crm.outcomes.filter((o) => o.status === status && o.handoff_at !== "");
      const called = new Set(sales.filter((e) => e.action === "sales_call").map((e) => e.lead_id));
      return leads.filter((o) => called.has(o.lead_id)).length / leads.length;
    };
    expect(calledShare("won")).toBeGreaterThan(calledShare("lost") + 0.2);
    expect(sales.filter((e) => e.action === "contract_sent").every((e) => rows.outcome.get(e.lead_id)!.status !== "lost")).toBe(true);
  });

  it("repeats some causal actions after hand-off, where they must not count", () => {
    const after = crm.events.filter((e) => {
      const o = rows.outcome.get(e.lead_id)!;
      return CAUSAL_OVER_5_POINTS.includes(e.action) && o.handoff_at !== "" && e.occurred_at > o.handoff_at;
    });
    expect(after.length).toBeGreaterThan(50);
  });

  it("files unsubscribe under the email category, a vanity category, though it cuts close probability", () => {
    const unsubscribes = crm.events.filter((e) => e.action === "unsubscribe");
    expect(unsubscribes.length).toBeGreaterThan(100);
    expect(new Set(unsubscribes.map((e) => e.category))).toEqual(new Set(["email"]));
    expect(crm.truth.actions.find((a) => a.action === "unsubscribe")).toMatchObject({ category: "email", kind: "negative" });
    expect(rows.crudeLift("unsubscribe").lift).toBeLessThan(-0.03);
  });

  it("documents the regime, each action's hazard and lift, and the solved base in truth.json", () => {
    expect(crm.truth.regime).toBe(regime);
    expect(crm.truth.actions.map((a) => a.action)).toEqual(REGIME_ACTIONS.map((a) => a.action));
    expect(crm.truth.actions.find((a) => a.action === "demo_request")!.hazardPerDay).toBe(REGIME_ACTIONS[0].hazardPerDay[regime]);
    expect(crm.truth.intercept).toBeGreaterThan(0);
    expect(crm.truth.notes.join(" ")).toMatch(new RegExp(`Regime ${regime}`));
  });
});

describe("simulateCrm regime trigger: strong actions trigger the hand-off", () => {
  const crm = simulateCrm({ leads: 20_000, seed: 21, regime: "trigger" });
  const rows = readRows(crm);
  /** Among closed leads without demo_request, the share with contact_sales: in the shortest exposure quartile, and in the others. */
  const contactShare = (r: ReturnType<typeof readRows>) =>
    [true, false].map((shortest) => {
      const group = r.closed.filter((o, i) => (r.stratum[i] === 0) === shortest && !r.did("demo_request", o.lead_id));
      return group.filter((o) => r.did("contact_sales", o.lead_id)).length / group.length;
    });

  it.each(["demo_request", "contact_sales"])("hands a lead off within 3 days of its first %s (median under 3 days)", (action) => {
    const gaps: number[] = [];
    for (const [leadId, at] of rows.firstAt.get(action)!) {
      const handoff = rows.outcome.get(leadId)!.handoff_at;
      if (handoff && at < Date.parse(handoff)) gaps.push((Date.parse(handoff) - at) / DAY);
    }
    expect(gaps.length).toBeGreaterThan(500);
    expect(median(gaps)).toBeLessThan(3);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(3 + 1 / 86_400);
  });

  it("fills the shortest exposure stratum with leads handed off for a trigger: contact_sales is over 10 times as common there among leads without demo_request", () => {
    const [shortest, longer] = contactShare(rows);
    expect(shortest).toBeGreaterThan(10 * longer);
  });

  it.each(["demo_request", "contact_sales"])("lowers the lift of %s by over a point when compared within exposure strata (conditioning on its consequence)", (action) => {
    expect(rows.stratifiedLift(action)).toBeLessThan(rows.crudeLift(action).lift - 0.01);
  });

  it("owes that trap to in-market leads: without them the shortest stratum is far less enriched", () => {
    const [shortest, longer] = contactShare(readRows(simulateCrm({ leads: 20_000, seed: 21, regime: "trigger", inMarketShare: 0 })));
    expect(shortest).toBeLessThan(5 * longer);
  });
});

describe("simulateCrm regime exposure: lost leads linger with marketing", () => {
  const crm = simulateCrm({ leads: 20_000, seed: 31, regime: "exposure" });
  const rows = readRows(crm);

  it("gives lost leads a longer median time from creation to cut-off than won leads", () => {
    const days = (status: string) =>
      rows.closed.filter((o) => o.status === status).map((o) => (rows.cutoffAt.get(o.lead_id)! - rows.createdAt.get(o.lead_id)!) / DAY);
    expect(median(days("lost"))).toBeGreaterThan(median(days("won")) + 10);
  });

  it("biases every causal action's crude did-it-before-cut-off lift down, together by over 3 standard errors (lingering at 0.3 of the hazards)", () => {
    let deficit = 0;
    let variance = 0;
    for (const action of CAUSAL_OVER_5_POINTS) {
      const trueLift = crm.truth.actions.find((a) => a.action === action)!.lift;
      const { lift, standardError } = rows.crudeLift(action);
      // The unsubscribe multiplier (mean about 0.95) shrinks the expected lift a little; the lingering bias is larger.
      expect(lift).toBeLessThan(0.95 * trueLift);
      deficit += 0.95 * trueLift - lift;
      variance += standardError ** 2;
    }
    expect(deficit / Math.sqrt(variance)).toBeGreaterThan(3);
  });

  it("records the lingering activity in truth.json", () => {
    expect(crm.truth.lingerActivity).toBe(0.3);
  });
});

describe("simulateCrm regime exposure, stress case: lingering lost leads act as often as before deciding", () => {
  const crm = simulateCrm({ leads: 20_000, seed: 31, regime: "exposure", lingerActivity: 1 });
  const rows = readRows(crm);

  it.each(CAUSAL_OVER_5_POINTS)("biases the crude did-it-before-cut-off lift of %s down, below its true lift by over 3 standard errors", (action) => {
    const trueLift = crm.truth.actions.find((a) => a.action === action)!.lift;
    const { lift, standardError, leads } = rows.crudeLift(action);
    expect(leads).toBeGreaterThan(300);
    expect(lift).toBeLessThan(0.95 * trueLift - 3 * standardError);
  });

  it("gives the no-effect newsletter_read a negative crude lift (lost leads read more while they linger)", () => {
    const { lift, standardError } = rows.crudeLift("newsletter_read");
    expect(lift).toBeLessThan(-3 * standardError);
  });
});

describe("simulateCrm options", () => {
  it.each([
    [{ regime: "classic", baseCloseRate: 0.1 }, /Option "baseCloseRate" applies to the "exposure" and "trigger" regimes only; the classic world is fixed\. Got 0\.1/],
    [{ regime: "trigger", lingerActivity: 0.5 }, /Option "lingerActivity" applies to the "exposure" regime only\. Got 0\.5 with regime "trigger"\./],
    [{ regime: "exposure", lingerActivity: 2 }, /Option "lingerActivity" must be a share in \[0, 1\]\. Got 2\./],
    [{ regime: "weekly" }, /Option "regime" must be one of classic, exposure, trigger\. Got "weekly"\./],
    [{ regime: "trigger", baseCloseRate: 1.5 }, /Option "baseCloseRate" must be a share between 0 and 1 \(exclusive\)\. Got 1\.5\./],
    [{ leads: 2000, regime: "exposure", baseCloseRate: 0.99 }, /Option "baseCloseRate" cannot be reached in this world: asked for 0\.99, the closest mean close probability is 0\.9\d+\. Choose a rate nearer 0\.06\./],
    [{ regime: "trigger", inMarketShare: 1 }, /Option "inMarketShare" must be a share in \[0, 1\)\. Got 1\./],
    [{ inMarketShare: 0.2 }, /Option "inMarketShare" applies to the "exposure" and "trigger" regimes only/],
    [{ spanDays: 0 }, /Option "spanDays" must be a number of days above 0\. Got 0\./],
  ])("rejects %j with a message naming the option", (options, message) => {
    expect(() => simulateCrm({ leads: 50, ...(options as object) } as never)).toThrowError(message);
  });

  it("defaults the continuous regimes to one year of creation dates and the classic one to 540 days", () => {
    const span = (crm: { leads: { created_at: string }[] }) => (Date.parse(crm.leads.at(-1)!.created_at) - Date.parse(crm.leads[0].created_at)) / DAY;
    expect(span(simulateCrm({ leads: 2000, regime: "trigger" }))).toBeLessThan(366);
    expect(span(simulateCrm({ leads: 2000, regime: "trigger" }))).toBeGreaterThan(355);
    expect(span(simulateCrm({ leads: 2000 }))).toBeGreaterThan(500);
  });
});
