/**
 * The plain reference the regimes benchmark compares leadlift against: an
 * L2 logistic regression (λ = 1, scikit-learn's C = 1) on one row per
 * closed lead — did-it-before-the-cut-off indicators of every action plus
 * one-hot profile values. Its features are computed here from the raw
 * simulated rows, sharing no code with src/features, so that it checks
 * leadlift rather than repeating it; only the Newton fit is leadlift's own
 * (src/stats/fit-logistic.ts, itself checked against scikit-learn).
 */
import { fitLogistic } from "../src/stats/fit-logistic.js";
import type { SimEventRow, SimLeadRow, SimOutcomeRow } from "../src/simulate/index.js";

const DAY_MS = 86_400_000;
/** Common free-mail providers: an address elsewhere is a business address. */
const FREE_MAIL_DOMAINS = new Set(["gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "icloud.com", "aol.com", "proton.me", "gmx.de"]);
/** The usual firmographic company-size bands (upper bounds, inclusive). */
const SIZE_BANDS: ReadonlyArray<readonly [string, number]> = [["1-10", 10], ["11-50", 50], ["51-200", 200], ["201-1000", 1000], ["1001+", Infinity]];

/** The raw rows of one export. */
export interface RawExport {
  readonly leads: readonly SimLeadRow[];
  readonly events: readonly SimEventRow[];
  readonly outcomes: readonly SimOutcomeRow[];
}

/** One row per closed lead: its id, outcome and named 0/1 features. */
export interface ReferenceRows {
  readonly leadIds: string[];
  readonly won: Uint8Array;
  readonly features: Map<string, Uint8Array>;
}

/** A fitted reference: feature names, coefficients, intercept. */
export interface PlainReference {
  readonly columns: string[];
  readonly coefficients: number[];
  readonly intercept: number;
  readonly converged: boolean;
}

/**
 * Features of every closed lead (won or lost) of `data`. Cut-off =
 * handoff_at, else closed_at, and at most `windowDays` after creation: the
 * moment leadlift scores a closed lead at, so both are judged on the same
 * information. An action counts when its first occurrence is strictly before it.
 */
export function referenceRows(data: RawExport, windowDays: number): ReferenceRows {
  const closed = data.outcomes.filter((o) => o.status === "won" || o.status === "lost");
  const index = new Map(closed.map((o, i) => [o.lead_id, i]));
  const leadById = new Map(data.leads.map((l) => [l.lead_id, l]));
  const cutoffAt = closed.map((o) => {
    const createdAt = Date.parse(leadById.get(o.lead_id)!.created_at);
    return Math.min(Date.parse(o.handoff_at || o.closed_at), createdAt + windowDays * DAY_MS);
  });
  const features = new Map<string, Uint8Array>();
  const column = (name: string) => {
    let values = features.get(name);
    if (!values) features.set(name, (values = new Uint8Array(closed.length)));
    return values;
  };
  for (const event of data.events) {
    const i = index.get(event.lead_id);
    if (i !== undefined && Date.parse(event.occurred_at) < cutoffAt[i]) column(`did:${event.action}`)[i] = 1;
  }
  closed.forEach((o, i) => {
    const lead = leadById.get(o.lead_id)!;
    const domain = lead.email.slice(lead.email.lastIndexOf("@") + 1).toLowerCase();
    column(`email:${FREE_MAIL_DOMAINS.has(domain) ? "free-mail" : "business"}`)[i] = 1;
    column(`title:${lead.title.trim().toLowerCase()}`)[i] = 1;
    column(`country:${lead.country.trim().toUpperCase()}`)[i] = 1;
    const size = Number(lead.company_size);
    if (lead.company_size !== "" && Number.isFinite(size)) column(`size:${SIZE_BANDS.find(([, upper]) => size <= upper)![0]}`)[i] = 1;
  });
  return { leadIds: closed.map((o) => o.lead_id), won: Uint8Array.from(closed, (o) => (o.status === "won" ? 1 : 0)), features };
}

/**
 * Fits the reference on the closed leads of `train`: every feature that
 * varies there (an action never done before a cut-off, such as a sales
 * action, has no column).
 */
export function fitPlainReference(train: RawExport, windowDays: number): PlainReference {
  const rows = referenceRows(train, windowDays);
  const columns = [...rows.features.keys()].sort().filter((name) => {
    const values = rows.features.get(name)!;
    const ones = values.reduce((sum, v) => sum + v, 0);
    return ones > 0 && ones < values.length;
  });
  const fit = fitLogistic(columns.map((name) => rows.features.get(name)!), rows.won, { l2: 1 });
  return { columns, coefficients: fit.coefficients, intercept: fit.intercept, converged: fit.converged };
}

/** The reference's linear predictor (log-odds) for every closed lead of `data`, by lead id. */
export function scorePlainReference(reference: PlainReference, data: RawExport, windowDays: number): Map<string, number> {
  const rows = referenceRows(data, windowDays);
  const scores = new Float64Array(rows.leadIds.length).fill(reference.intercept);
  reference.columns.forEach((name, j) => {
    const values = rows.features.get(name);
    if (values) for (let i = 0; i < values.length; i++) if (values[i]) scores[i] += reference.coefficients[j];
  });
  return new Map(rows.leadIds.map((id, i) => [id, scores[i]]));
}
