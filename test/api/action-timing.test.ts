import { describe, expect, it } from "vitest";
import { loadCrm, parseConfig, summariseActionTiming, trainModel } from "../../src/index.js";
import { writeTempFiles } from "../helpers/temp-files.js";

/**
 * A: won, handed off on 10 Jan. B: lost on 30 Jun with no hand-off, so its
 * 90-day window ends on 31 Mar. C: open. D: lost on 20 Jan with no hand-off.
 * Counts below are by hand from these dates.
 */
const HAND_MADE = Object.freeze({
  "leads.csv": "lead_id,created_at\nA,2024-01-01T00:00:00Z\nB,2024-01-01T00:00:00Z\nC,2024-01-01T00:00:00Z\nD,2024-01-01T00:00:00Z\n",
  "outcomes.csv": [
    "lead_id,status,closed_at,handoff_at",
    "A,won,2024-02-01T00:00:00Z,2024-01-10T00:00:00Z",
    "B,lost,2024-06-30T00:00:00Z,",
    "C,open,,",
    "D,lost,2024-01-20T00:00:00Z,",
    "",
  ].join("\n"),
  "events.csv": [
    "lead_id,action,occurred_at,category",
    "A,demo_request,2024-01-05T00:00:00Z,marketing",
    "A,sales_call,2024-01-10T00:00:00Z,sales", // exactly at hand-off: not before it
    "A,sales_call,2024-01-15T00:00:00Z,sales",
    "B,newsletter_read,2024-01-02T00:00:00Z,content",
    "B,newsletter_read,2024-05-01T00:00:00Z,content", // after the window, before the close
    "B,newsletter_read,2024-07-01T00:00:00Z,content", // after the close
    "C,demo_request,2024-01-03T00:00:00Z,marketing", // an open lead's
    "D,newsletter_read,2024-01-19T00:00:00Z,content",
    "D,sales_call,2024-01-20T00:00:00Z,sales", // at the close of a lead never handed off
    "",
  ].join("\n"),
});

function handMadeExport() {
  const files = writeTempFiles(HAND_MADE);
  return { leads: files["leads.csv"], events: files["events.csv"], outcomes: files["outcomes.csv"] };
}

describe("summariseActionTiming", () => {
  it("splits each action's events into before the cut-off, after the window and at or after hand-off, most events first", async () => {
    expect(await summariseActionTiming(handMadeExport())).toEqual([
      { action: "newsletter_read", category: "content", events: 4, beforeCutoff: 2, afterWindow: 1, afterHandoff: 1, shareAfterHandoff: 0.25, leads: 2, leadsBeforeCutoff: 2, eventsOfUntrainedLeads: 0 },
      { action: "sales_call", category: "sales", events: 3, beforeCutoff: 0, afterWindow: 0, afterHandoff: 3, shareAfterHandoff: 1, leads: 2, leadsBeforeCutoff: 0, eventsOfUntrainedLeads: 0 },
      { action: "demo_request", category: "marketing", events: 1, beforeCutoff: 1, afterWindow: 0, afterHandoff: 0, shareAfterHandoff: 0, leads: 1, leadsBeforeCutoff: 1, eventsOfUntrainedLeads: 1 },
    ]);
  });

  it("moves events past a shorter observation window from beforeCutoff to afterWindow", async () => {
    const rows = await summariseActionTiming(handMadeExport(), { training: { observationWindowDays: 3 } });
    const byAction = Object.fromEntries(rows.map((r) => [r.action, r]));
    expect(byAction.demo_request).toMatchObject({ beforeCutoff: 0, afterWindow: 1, afterHandoff: 0, leadsBeforeCutoff: 0 });
    expect(byAction.newsletter_read).toMatchObject({ beforeCutoff: 1, afterWindow: 2, afterHandoff: 1 });
  });

  it("counts every event of a lead whose cut-off is unknown (no dates), as training does", async () => {
    const files = writeTempFiles({
      "leads.csv": "lead_id,status\nA,won\nB,lost\n",
      "events.csv": "lead_id,action,occurred_at\nA,demo_request,2024-01-05T00:00:00Z\nA,demo_request,2030-01-05T00:00:00Z\nB,sales_call,2024-01-05T00:00:00Z\n",
    });
    const inputs = { leads: files["leads.csv"], events: files["events.csv"] };
    const rows = await summariseActionTiming(inputs, { outcomes: { source: "leads" } });
    expect(rows.map((r) => [r.action, r.beforeCutoff, r.afterWindow, r.afterHandoff])).toEqual([
      ["demo_request", 2, 0, 0],
      ["sales_call", 1, 0, 0],
    ]);
  });

  it("adds up to the events a training run on the bundled sample counted, ignored and left out; its sales actions all come after hand-off", async () => {
    const config = parseConfig({});
    const crm = await loadCrm({ leads: "data/sample/leads.csv", events: "data/sample/events.csv", outcomes: "data/sample/outcomes.csv" }, config);
    const rows = await summariseActionTiming(crm, config);
    const { events } = trainModel(crm, config, { now: new Date(0), toolVersion: "test" }).model.training;
    const total = (pick: (r: (typeof rows)[number]) => number) => rows.reduce((n, r) => n + pick(r), 0);
    expect(total((r) => r.beforeCutoff)).toBe(events.counted);
    expect(total((r) => r.afterWindow + r.afterHandoff)).toBe(events.afterCutoff);
    expect(total((r) => r.eventsOfUntrainedLeads)).toBe(events.ofUntrainedLeads);
    expect(total((r) => r.events + r.eventsOfUntrainedLeads)).toBe(crm.events.length);
    const sales = rows.filter((r) => r.category === "sales");
    expect(sales.map((r) => r.action).sort()).toEqual(["contract_sent", "proposal_sent", "sales_call"]);
    for (const r of sales) expect(r).toMatchObject({ beforeCutoff: 0, shareAfterHandoff: 1 });
    for (const r of rows.filter((r) => r.category !== "sales")) expect(r.shareAfterHandoff).toBeLessThan(0.5);
  });
});
