import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { inheritOutcomesByLead, outcomesByLead } from "../../src/io/lead-outcomes.js";
import { loadCrm, type CrmData } from "../../src/io/load-crm.js";
import { selectLeads } from "../../src/io/select-leads.js";
import { randomCrm } from "../helpers/random-crm.js";
import { writeTempFiles } from "../helpers/temp-files.js";

/** What every user of the outcomes by lead looked up before. */
const lookedUp = (crm: CrmData) => crm.leads.map((lead) => crm.outcomes.get(lead.leadId));

describe("outcomesByLead", () => {
  it("is each lead's outcome looked up by its id, the same array on every call", () => {
    const crm = randomCrm(3, 200);
    expect(outcomesByLead(crm)).toEqual(lookedUp(crm));
    expect(outcomesByLead(crm)).toBe(outcomesByLead(crm));
  });

  it("is what loading settled: filled-in lost outcomes (the same records), none for a lead left open", async () => {
    const leads = "lead_id,created_at\nL1,2024-01-01T00:00:00Z\nL2,2024-01-02T00:00:00Z\nL3,2024-01-03T00:00:00Z\n";
    const paths = writeTempFiles({ "leads.csv": leads, "events.csv": "lead_id,action,occurred_at\n", "outcomes.csv": "lead_id,status\nL1,won\nL3,lost\n" });
    for (const missing of ["lost", "open"] as const) {
      const crm = await loadCrm({ leads: paths["leads.csv"], events: paths["events.csv"], outcomes: paths["outcomes.csv"] }, parseConfig({ outcomes: { missing } }));
      const byLead = outcomesByLead(crm);
      expect(byLead).toHaveLength(3);
      byLead.forEach((outcome, i) => expect(outcome).toBe(crm.outcomes.get(crm.leads[i].leadId)));
      expect(byLead[1]?.status).toBe(missing === "lost" ? "lost" : undefined);
    }
  });

  it("gives a selection of leads its export's outcomes at the picked positions, as lookups in the selection would", () => {
    const crm = randomCrm(5, 300);
    const picked = Array.from({ length: 140 }, (_, k) => (7 * k) % 300);
    const part = selectLeads(crm, picked);
    expect(outcomesByLead(part)).toEqual(lookedUp(part));
    picked.forEach((index, k) => expect(outcomesByLead(part)[k]).toBe(outcomesByLead(crm)[index]));
    // Picked before the export's own were asked for: the export's are looked up then.
    const other = randomCrm(6, 50);
    const none = { ...other, leads: other.leads.slice(0, 10), outcomes: new Map() };
    inheritOutcomesByLead(none, other, Array.from({ length: 10 }, (_, k) => k));
    expect(outcomesByLead(none)).toEqual(lookedUp(other).slice(0, 10));
  });
});
