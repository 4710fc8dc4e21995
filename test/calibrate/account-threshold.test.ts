import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { loadCrm } from "../../src/io/load-crm.js";
import { trainAndCalibrate } from "../../src/train/train-and-calibrate.js";
import { mulberry32, writeTempFiles } from "../helpers/temp-files.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Accounts of 1–5 contacts; each contact requests a demo with chance 0.3. An account is won with
 * chance 0.01 + 0.05 × (contacts who requested a demo)² — one interested contact rarely buys, a
 * committee does — decided 40 days after its first contact (hand-off at day 30 for won accounts).
 */
function accountCrm(accounts: number, seed: number) {
  const random = mulberry32(seed);
  const leads = ["lead_id,created_at,account_id,title"];
  const events = ["lead_id,action,occurred_at"];
  const outcomes = ["account_id,status,closed_at,handoff_at"];
  const truth: Array<{ demos: number; won: boolean }> = [];
  for (let a = 0; a < accounts; a++) {
    const createdAt = T0 + Math.floor(random() * 400) * DAY;
    const contacts = 1 + Math.floor(random() * 5);
    let demos = 0;
    for (let c = 0; c < contacts; c++) {
      const id = `A${a}-${c}`;
      leads.push(`${id},${iso(createdAt + c * DAY)},ACC${a},Engineer`);
      if (random() < 0.3) {
        demos += 1;
        events.push(`${id},demo_request,${iso(createdAt + (c + 1 + random() * 20) * DAY)}`);
      }
      if (random() < 0.5) events.push(`${id},email_open,${iso(createdAt + random() * 25 * DAY)}`);
    }
    const won = random() < 0.01 + 0.05 * demos * demos;
    outcomes.push(won ? `ACC${a},won,${iso(createdAt + 40 * DAY)},${iso(createdAt + 30 * DAY)}` : `ACC${a},lost,${iso(createdAt + 40 * DAY)},`);
    truth.push({ demos, won });
  }
  leads.push(`LONER,${iso(T0)},,Engineer`);
  // A last account far later, so every account above is old enough to judge (it alone is too recent).
  leads.push(`LATE,${iso(T0 + 800 * DAY)},ACC-LATE,Engineer`);
  outcomes.push(`ACC-LATE,lost,${iso(T0 + 801 * DAY)},`);
  return { leads: `${leads.join("\n")}\n`, events: `${events.join("\n")}\n`, outcomes: `${outcomes.join("\n")}\n`, truth };
}

async function load(text: { leads: string; events: string; outcomes: string }, configInput: unknown) {
  const paths = writeTempFiles({ "leads.csv": text.leads, "events.csv": text.events, "outcomes.csv": text.outcomes });
  const config = parseConfig(configInput);
  const crm = await loadCrm({ leads: paths["leads.csv"], events: paths["events.csv"], outcomes: paths["outcomes.csv"] }, config);
  return { crm, config };
}

describe("account-level outcomes", async () => {
  const text = accountCrm(6_000, 4);
  const { crm, config } = await load(text, { outcomes: { level: "account" } });

  it("gives every contact its account's outcome and leaves leads without an account open", () => {
    expect(crm.accountOutcomes!.size).toBe(6_001);
    const acc = crm.accountOutcomes!.get("ACC0")!;
    for (const lead of crm.leads.filter((l) => l.accountId === "ACC0")) expect(crm.outcomes.get(lead.leadId)).toMatchObject({ status: acc.status, closedAt: acc.closedAt });
    expect(crm.outcomes.has("LONER")).toBe(false);
    expect(crm.missingOutcomes.count).toBe(1);
  });

  it("learns an account threshold on the top-3 roll-up whose accounts close within the band (known answer)", () => {
    const model = trainAndCalibrate(crm, config, { now: new Date("2026-01-01T00:00:00Z"), toolVersion: "test" }).model;
    const accounts = model.accounts!;
    expect(accounts.k).toBe(3);
    expect(accounts.status).toBe("in-band");
    // Every contact scores the demo's points or 0, so a roll-up of m × points means m demo contacts (m ≤ 3).
    const demo = model.actions.find((a) => a.action === "demo_request")!.points;
    const committee = Math.round(accounts.threshold! / demo);
    expect(accounts.threshold).toBe(committee * demo);
    // Known answer, counted straight from the generated accounts: every win closes within the window.
    const reached = text.truth.filter((t) => Math.min(t.demos, 3) >= committee);
    expect(accounts.point).toMatchObject({ reached: reached.length, successes: reached.filter((t) => t.won).length, censored: 0 });
    expect(accounts.point!.closeRate!).toBeGreaterThanOrEqual(0.1);
    expect(accounts.point!.closeRate!).toBeLessThanOrEqual(0.15);
  });

  it("rejects an outcome row for an account no lead belongs to, naming file, row and column", async () => {
    const text = accountCrm(50, 1);
    const { crm: bad } = await load({ ...text, outcomes: `${text.outcomes}ACC999,won,2025-01-01,\n` }, { outcomes: { level: "account" } });
    expect(bad.issues.find((i) => i.code === "unknown-account")!.message).toBe(
      'outcomes.csv row 53, column "account_id": expected an account id (account_id) of a lead in the leads file, got "ACC999".',
    );
  });
});
