import type { LeadInput, ScoringModel } from "leadlift-runtime";
import type { LeadRecord } from "../io/records.js";

/** Lead fields the runtime reads besides the model's feature columns: the account, and the creation instant under either name. */
const RUNTIME_FIELDS = ["account_id", "created_at", "createdAt"] as const;

/**
 * A function giving, for a lead record, the `LeadInput` the runtime scores:
 * the same fields `leadInputOf` (score-batch.ts) gives, with the same values, but only those
 * the runtime reads — the model's feature columns, the account and the
 * creation instant — found once per model rather than copying every column
 * of every lead (a leads export often has dozens the model never reads).
 * @example
 * const inputOf = compileLeadInput({ profile: { features: [{ column: "title" }] } });
 * const lead = { leadId: "L1", createdAt: 1735689600000, accountId: null, asOf: null, profile: { title: "VP Sales", notes: "met at a fair" }, row: 2 };
 * inputOf(lead) // { title: "VP Sales", account_id: null, created_at: 1735689600000 }
 * // A column the model does not read is left out.
 * Object.keys(inputOf(lead)).length // 3
 */
export function compileLeadInput(model: ScoringModel): (lead: LeadRecord) => LeadInput {
  const fields = [...new Set<string>([...model.profile.features.map((f) => f.column), ...RUNTIME_FIELDS])];
  return (lead) => {
    // A null prototype, so a column named "__proto__" is an ordinary field, as in the spread leadInputOf makes.
    const input: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const field of fields) {
      if (field === "account_id") input.account_id = lead.accountId;
      else if (field === "created_at" && lead.createdAt !== null) input.created_at = lead.createdAt;
      else if (Object.hasOwn(lead.profile, field)) input[field] = lead.profile[field];
    }
    return input;
  };
}
