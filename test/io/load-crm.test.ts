import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { loadCrm } from "../../src/io/load-crm.js";
import { writeTempFiles } from "../helpers/temp-files.js";

const LEADS = `lead_id,created_at,account_id,email,title
L1,2024-01-01T00:00:00Z,A1,ana@acme.com,VP Sales
L2,2024-01-02T00:00:00Z,A1,bob@gmail.com,Engineer
L3,2024-01-03T00:00:00Z,,cy@corp.io,CEO
`;
const EVENTS = `lead_id,action,occurred_at,category
L1,demo_request,2024-01-05T00:00:00Z,marketing
L2,pricing_page_view,2024-01-06T00:00:00Z,marketing
`;
const OUTCOMES = `lead_id,status,closed_at,handoff_at
L1,won,2024-02-01T00:00:00Z,2024-01-10T00:00:00Z
L2,lost,2024-02-02T00:00:00Z,
L3,open,,
`;

async function load(files: { leads?: string; events?: string; outcomes?: string }, configInput: unknown = {}) {
  const paths = writeTempFiles({
    "leads.csv": files.leads ?? LEADS,
    "events.csv": files.events ?? EVENTS,
    "outcomes.csv": files.outcomes ?? OUTCOMES,
  });
  return loadCrm(
    { leads: paths["leads.csv"], events: paths["events.csv"], outcomes: paths["outcomes.csv"] },
    parseConfig(configInput),
  );
}

describe("loadCrm", () => {
  it("gives each lead a profile object that inherits nothing: __proto__ and constructor columns are values like any other", async () => {
    const crm = await load({ leads: "lead_id,created_at,__proto__,constructor\nL1,2024-01-01T00:00:00Z,x,y\nL2,2024-01-02T00:00:00Z,,z\nL3,2024-01-03T00:00:00Z,w,\n" });
    const [profile] = crm.leads.map((l) => l.profile);
    expect(Object.keys(profile)).toEqual(["__proto__", "constructor"]);
    expect([profile["__proto__"], profile["constructor"], JSON.stringify(profile)]).toEqual(["x", "y", '{"__proto__":"x","constructor":"y"}']);
    expect(["toString" in profile, "hasOwnProperty" in profile, crm.leads[1].profile["__proto__"]]).toEqual([false, false, null]);
  });

  it("loads a clean three-file export and accounts for every row", async () => {
    const crm = await load({});
    expect(crm.leads.map((l) => l.leadId)).toEqual(["L1", "L2", "L3"]);
    expect(crm.leads[0].profile).toEqual({ email: "ana@acme.com", title: "VP Sales" });
    expect(crm.events).toHaveLength(2);
    expect(crm.outcomes.get("L1")).toMatchObject({ status: "won", handoffAt: Date.UTC(2024, 0, 10) });
    expect(crm.files.map((f) => [f.file, f.rows, f.used, f.skipped, f.rejected])).toEqual([
      ["leads.csv", 3, 3, 0, 0],
      ["outcomes.csv", 3, 3, 0, 0],
      ["events.csv", 2, 2, 0, 0],
    ]);
    expect(crm.issues).toEqual([]);
  });

  it("names the file, the missing columns and what it found, with a mapping example for that file", async () => {
    await expect(load({ events: "id,ts,type\nL1,2024-01-01,x\n" })).rejects.toThrowError(
      /events\.csv is missing columns: lead_id, action, occurred_at\. Found: id, ts, type\. .*\{ "columns": \{ "events": \{ "occurred_at": "Event Time" \} \} \}/,
    );
  });

  it.each([
    ["a bad date", { leads: LEADS.replace("2024-01-02T00:00:00Z", "31/02/2024") }, /leads\.csv row 3, column "created_at": expected an ISO date, got "31\/02\/2024"/],
    ["a duplicate lead id", { leads: `${LEADS}L1,2024-01-04T00:00:00Z,,x@y.com,CEO\n` }, /leads\.csv row 5, column "lead_id": lead id "L1" already appears at row 2/],
    ["an unknown status", { outcomes: OUTCOMES.replace("L2,lost", "L2,closed-lost") }, /outcomes\.csv row 3, column "status": expected one of "won", "lost", "open", got "closed-lost"/],
    ["an event for an unknown lead", { events: `${EVENTS}L9,demo_request,2024-01-05T00:00:00Z,marketing\n` }, /events\.csv row 4, column "lead_id": expected a lead id from the leads file, got "L9"/],
    ["a won lead without close date", { outcomes: OUTCOMES.replace("L1,won,2024-02-01T00:00:00Z", "L1,won,").replace("L3,open,,", "L3,won,2024-02-03T00:00:00Z,") }, /outcomes\.csv row 2, column "closed_at": expected the close date of a won lead/],
  ])("rejects %s with an issue naming row and column", async (_name, files, message) => {
    const crm = await load(files);
    const rejected = crm.issues.filter((i) => i.severity === "rejected" && i.code !== "lead-rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0].message).toMatch(message);
    const total = crm.files.reduce((sum, f) => sum + f.rows, 0);
    const accounted = crm.files.reduce((sum, f) => sum + f.used + f.skipped + f.rejected, 0);
    expect(accounted).toBe(total);
  });

  it("keeps the outcomes of kept leads only: a lead whose row was rejected has none, a lead whose second row was rejected keeps its own", async () => {
    const crm = await load({ leads: `${LEADS.replace("L3,2024-01-03T00:00:00Z", "L3,notadate")}L1,2024-01-04T00:00:00Z,,x@y.com,CEO\n` });
    expect(crm.leads.map((l) => l.leadId)).toEqual(["L1", "L2"]);
    expect([...crm.outcomes.keys()]).toEqual(["L1", "L2"]);
    expect(crm.issues.filter((i) => i.file === "outcomes.csv").map((i) => [i.row, i.code, i.value])).toEqual([[4, "lead-rejected", "L3"]]);
  });

  it("refuses outcomes whose won rows all lack a close date, rather than training on 0 won", async () => {
    await expect(load({ outcomes: OUTCOMES.replace("L1,won,2024-02-01T00:00:00Z", "L1,won,") })).rejects.toThrowError(
      /^outcomes\.csv column "closed_at": empty in 1 of 1 won rows \(first at row 2\); expected the close date of each won lead/,
    );
  });

  it("rejects the events and outcome of a rejected lead, pointing at the lead's row", async () => {
    const crm = await load({ leads: LEADS.replace("2024-01-02T00:00:00Z", "31/02/2024") });
    const cascaded = crm.issues.filter((i) => i.code === "lead-rejected").map((i) => i.message);
    expect(cascaded).toEqual([
      'outcomes.csv row 3, column "lead_id": lead "L2" was rejected at leads.csv row 3; fix that row.',
      'events.csv row 3, column "lead_id": lead "L2" was rejected at leads.csv row 3; fix that row.',
    ]);
  });

  it("maps export column names and outcome values through the config", async () => {
    const paths = writeTempFiles({
      "Leads.csv": `Prospect ID,Converted,Lead Source,TotalVisits\nP1,1,Google,3\nP2,0,Direct,0\nP3,0,Select,5\n`,
    });
    const crm = await loadCrm(
      { leads: paths["Leads.csv"] },
      parseConfig({
        columns: { leads: { lead_id: "Prospect ID" }, outcomes: { status: "Converted" } },
        outcomes: { source: "leads", values: { won: ["1"], lost: ["0"] } },
      }),
    );
    expect([...crm.outcomes.values()].map((o) => o.status)).toEqual(["won", "lost", "lost"]);
    expect(crm.profileColumns).toEqual(["Lead Source", "TotalVisits"]);
    expect(crm.leads[2].profile["Lead Source"]).toBeNull();
    expect(crm.timestamps).toEqual({ createdAt: false, closedAt: false, handoffAt: false, events: false });
  });

  it("treats leads without an outcome row as configured and counts them", async () => {
    const outcomes = "lead_id,closed_at\nL1,2024-02-01\n";
    const asLost = await load({ outcomes }, { outcomes: { statusIfNoColumn: "won", missing: "lost" } });
    expect(asLost.outcomes.get("L1")?.status).toBe("won");
    expect(asLost.outcomes.get("L2")?.status).toBe("lost");
    expect(asLost.missingOutcomes).toEqual({ count: 2, treatedAs: "lost" });
    const asOpen = await load({ outcomes }, { outcomes: { statusIfNoColumn: "won" } });
    expect(asOpen.outcomes.has("L2")).toBe(false);
    expect(asOpen.missingOutcomes).toEqual({ count: 2, treatedAs: "open" });
  });

  it("flags outcomes dated before their lead's creation after the events' issues, not leads filled in as lost; stops at the first lead without one when asked", async () => {
    const outcomes = "lead_id,status,closed_at,handoff_at\nL1,won,2023-12-31T00:00:00Z,\nL3,open,,2024-01-02T00:00:00Z\n";
    const events = `${EVENTS}L9,demo_request,2024-01-05T00:00:00Z,marketing\n`;
    const paths = writeTempFiles({ "leads.csv": LEADS, "events.csv": events, "outcomes.csv": outcomes });
    const seen: string[] = [];
    const crm = await loadCrm({ leads: paths["leads.csv"], events: paths["events.csv"], outcomes: paths["outcomes.csv"] }, parseConfig({ outcomes: { missing: "lost" } }), {
      onIssue: (issue) => seen.push(`${issue.file} ${issue.row} ${issue.code} ${issue.value}`),
    });
    expect(seen).toEqual(["events.csv 4 unknown-lead L9", "leads.csv 2 outcome-before-creation L1", "leads.csv 4 outcome-before-creation L3"]);
    expect(crm.outcomes.get("L2")).toEqual({ leadId: "L2", status: "lost", closedAt: null, handoffAt: null });
    expect(crm.missingOutcomes).toEqual({ count: 1, treatedAs: "lost" });
    await expect(load({ outcomes, events }, { outcomes: { missing: "error" } })).rejects.toThrowError(/^leads\.csv row 3: lead "L2" has no outcome row/);
  });

  it("reads JSON Lines and numbers rows by line", async () => {
    const paths = writeTempFiles({
      "leads.jsonl": `{"lead_id":"L1","created_at":"2024-01-01"}\n\n{"lead_id":"L2","created_at":"not a date"}\n`,
      "outcomes.jsonl": `{"lead_id":"L1","status":"open"}\n`,
    });
    const crm = await loadCrm({ leads: paths["leads.jsonl"], outcomes: paths["outcomes.jsonl"] }, parseConfig({}));
    expect(crm.leads).toHaveLength(1);
    expect(crm.issues[0].message).toMatch(/leads\.jsonl row 3, column "created_at": expected an ISO date, got "not a date"/);
  });

  it("detects semicolon-separated exports", async () => {
    const paths = writeTempFiles({ "leads.csv": "lead_id;status\nL1;won\nL2;lost\n" });
    const crm = await loadCrm({ leads: paths["leads.csv"] }, parseConfig({ outcomes: { source: "leads" } }));
    expect(crm.outcomes.get("L2")?.status).toBe("lost");
  });
});
