import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileLeadInput } from "../../src/batch/compile-lead-input.js";
import { leadInputOf } from "../../src/batch/score-batch.js";
import type { LeadRecord } from "../../src/io/records.js";
import type { ModelV1 } from "../../src/model/types.js";
import { createScorer } from "../../src/runtime/index.js";
import { handModel } from "../helpers/model-fixture.js";

const sampleModel = JSON.parse(readFileSync("models/sample-model.json", "utf8")) as ModelV1;

function lead(profile: Record<string, string | null>, createdAt: number | null = Date.UTC(2025, 0, 1), accountId: string | null = "ACC-1"): LeadRecord {
  return Object.freeze({ leadId: "L1", createdAt, accountId, asOf: null, profile: Object.assign(Object.create(null) as Record<string, string | null>, profile), row: 2 });
}

/** The hand model reading odd columns too: "__proto__", "account_id" and a profile column named like the creation field. */
const oddModel: ModelV1 = {
  ...handModel(),
  profile: {
    ...handModel().profile,
    features: [
      ...handModel().profile.features,
      { name: "proto", column: "__proto__", role: "fit", transform: { kind: "category", levels: ["x"] } },
      { name: "account", column: "account_id", role: "fit", transform: { kind: "category", levels: ["ACC-1"] } },
    ],
    rules: [
      ...handModel().profile.rules,
      { ...handModel().profile.rules[0], feature: "proto", value: "x", points: 4 },
      { ...handModel().profile.rules[0], feature: "account", value: "ACC-1", points: 2 },
    ],
  },
};

describe("compileLeadInput", () => {
  it("keeps only the model's columns, the account and the creation instant", () => {
    const input = compileLeadInput(createScorer(handModel()).model)(lead({ title: "VP Sales", email: "a@firm.com", country: "FR", notes: "long text" }));
    expect({ ...input }).toEqual({ title: "VP Sales", email: "a@firm.com", account_id: "ACC-1", created_at: Date.UTC(2025, 0, 1) });
  });

  it.each([
    ["a lead with every column", lead({ title: "VP Sales", email: "a@firm.com", visits: "9", __proto__: "x" })],
    ["a lead without a creation instant or account", lead({ title: "Student", email: "a@gmail.com" }, null, null)],
    ["a lead whose creation instant is only a profile column", lead({ title: "VP Sales", created_at: "2025-02-01T00:00:00Z" }, null)],
    ["a lead with a profile column named createdAt", lead({ title: "VP Sales", createdAt: "2025-02-01T00:00:00Z" }, null)],
    ["a lead with empty cells", lead({ title: null, email: null, visits: null })],
  ])("gives the runtime what leadInputOf gives, for %s", (_name, record) => {
    const scorer = createScorer(oddModel);
    const compiled = compileLeadInput(scorer.model)(record);
    expect(scorer.initialState(compiled)).toEqual(scorer.initialState(leadInputOf(record)));
    expect(scorer.score(compiled, [], Date.UTC(2025, 5, 1))).toEqual(scorer.score(leadInputOf(record), [], Date.UTC(2025, 5, 1)));
  });

  it("gives the same initial state as leadInputOf for every sample lead under the sample model", async () => {
    const { loadConfig } = await import("../../src/config/load-config.js");
    const { loadLeads } = await import("../../src/io/load-leads.js");
    const { readTable } = await import("../../src/io/read-table.js");
    const leads = loadLeads(await readTable("data/sample/leads.csv"), await loadConfig()).rows;
    const scorer = createScorer(sampleModel);
    const inputOf = compileLeadInput(scorer.model);
    expect(leads.map((l) => scorer.initialState(inputOf(l)))).toEqual(leads.map((l) => scorer.initialState(leadInputOf(l))));
  });
});
