import { describe, expect, it } from "vitest";
import { fitPlainReference, referenceRows, scorePlainReference, type RawExport } from "../../eval/plain-reference.js";
import { mulberry32 } from "../helpers/temp-files.js";

const lead = (id: string, email: string, title: string, country: string, size: string) =>
  Object.freeze({ lead_id: id, created_at: "2024-01-01T00:00:00Z", account_id: "", email, title, company: "x", country, company_size: size });
const event = (id: string, action: string, at: string, category = "marketing") => Object.freeze({ lead_id: id, action, occurred_at: at, category });

const tiny: RawExport = Object.freeze({
  leads: [lead("A", "a@gmail.com", "CEO", "US", "5"), lead("B", "b@acme.example.com", " Engineer ", "de", "5000"), lead("C", "c@x.com", "CEO", "US", "30")],
  events: [
    event("A", "demo_request", "2024-01-05T00:00:00Z"),
    event("A", "sales_call", "2024-01-11T00:00:00Z", "sales"), // after A's hand-off
    event("B", "demo_request", "2024-01-20T00:00:00Z"), // exactly at B's close: not strictly before
    event("B", "pricing_page_view", "2024-01-19T23:59:59Z"),
    event("C", "demo_request", "2024-01-02T00:00:00Z"), // C is open: no row
  ],
  outcomes: [
    { lead_id: "A", status: "won", closed_at: "2024-02-01T00:00:00Z", handoff_at: "2024-01-10T00:00:00Z" },
    { lead_id: "B", status: "lost", closed_at: "2024-01-20T00:00:00Z", handoff_at: "" },
    { lead_id: "C", status: "open", closed_at: "", handoff_at: "" },
  ],
});

describe("plain reference (eval:regimes)", () => {
  it("builds one row per closed lead from the raw rows: actions strictly before hand-off, else close; free-mail, title, country, size band one-hot", () => {
    const rows = referenceRows(tiny, 90);
    expect(rows.leadIds).toEqual(["A", "B"]);
    expect([...rows.won]).toEqual([1, 0]);
    const column = (name: string) => [...(rows.features.get(name) ?? [])];
    expect(column("did:demo_request")).toEqual([1, 0]);
    expect(column("did:pricing_page_view")).toEqual([0, 1]);
    expect(rows.features.has("did:sales_call")).toBe(false);
    expect(column("email:free-mail")).toEqual([1, 0]);
    expect(column("email:business")).toEqual([0, 1]);
    expect(column("title:engineer")).toEqual([0, 1]);
    expect(column("country:DE")).toEqual([0, 1]);
    expect(column("size:1-10")).toEqual([1, 0]);
    expect(column("size:1001+")).toEqual([0, 1]);
  });

  it("ignores behaviour after the observation window, the moment leadlift scores a lead at", () => {
    const late: RawExport = { ...tiny, events: [event("B", "pricing_page_view", "2024-01-19T23:59:59Z")] };
    expect([...referenceRows(late, 90).features.get("did:pricing_page_view")!]).toEqual([0, 1]);
    // 18.99 days after creation is beyond a 10-day window: nobody did it within the window, so there is no column.
    expect(referenceRows(late, 10).features.has("did:pricing_page_view")).toBe(false);
  });

  it("learns a positive weight for an action that raises the close rate and ranks its doers first on new leads", () => {
    const random = mulberry32(7);
    const world = (count: number): RawExport => {
      const leads = [];
      const events = [];
      const outcomes = [];
      for (let i = 0; i < count; i++) {
        const id = `L${i}`;
        const demo = random() < 0.3;
        leads.push(lead(id, `p${i}@gmail.com`, "Analyst", "FR", "20"));
        if (demo) events.push(event(id, "demo_request", "2024-01-03T00:00:00Z"));
        const won = random() < (demo ? 0.4 : 0.05);
        outcomes.push({ lead_id: id, status: won ? "won" : "lost", closed_at: "2024-02-01T00:00:00Z", handoff_at: "" });
      }
      return { leads, events, outcomes };
    };
    const reference = fitPlainReference(world(2000), 90);
    // Constant columns (everyone free-mail, same title, country and size) carry nothing and are left out.
    expect(reference.columns).toEqual(["did:demo_request"]);
    // log-odds ratio of 40% vs 5% is ln(0.4/0.6) − ln(0.05/0.95) ≈ 2.54; the sample and the small penalty move it a little.
    expect(reference.coefficients[0]).toBeGreaterThan(2);
    expect(reference.coefficients[0]).toBeLessThan(3.1);
    const test = world(500);
    const scores = scorePlainReference(reference, test, 90);
    const withDemo = new Set(test.events.map((e) => e.lead_id));
    for (const [id, score] of scores) expect(score > reference.intercept).toBe(withDemo.has(id));
  });
});
