import type { ProfileOptions } from "../config/config-schema.js";
import type { LeadRecord } from "../io/records.js";
import { compileProfileTransform, DEFAULT_SIZE_EDGES, profileNumber, type ProfileTransform } from "leadlift-runtime/internal";
import { monotoneEdges } from "./monotone-bands.js";

/** One profile feature: a lead column, how it is turned into a value, and whether it is FIT or PAIN. */
export interface ProfileFeatureSpec {
  /** Feature name shown to users (e.g. "seniority" for a title column). */
  readonly name: string;
  /** Lead column it reads (`account_id` means the lead's account). */
  readonly column: string;
  readonly transform: ProfileTransform;
  /** FIT (who the lead is) or PAIN (behaviour already aggregated into a column). */
  readonly role: "fit" | "pain";
}

/** A profile column not used, and why. */
export interface SkippedColumn {
  readonly column: string;
  readonly reason: string;
}

/** Share of non-empty cells that must parse as numbers for a column to be treated as numeric. */
const NUMERIC_SHARE = 0.9;

/**
 * Chooses how each profile column becomes FIT (or PAIN) features: email →
 * business vs free-mail domain, title → seniority, company size → size band,
 * other numeric columns → quantile bands (the scorecard way, rather than raw
 * values), merged into bands whose close rates run one way when `won` is
 * given (see monotoneEdges), other text → its most frequent levels. Identifier-like columns
 * (nearly one value per lead) are skipped with a reason.
 */
export function chooseProfileFeatures(
  leads: readonly LeadRecord[],
  profileColumns: readonly string[],
  options: ProfileOptions,
  won?: ArrayLike<number>,
): { features: ProfileFeatureSpec[]; skipped: SkippedColumn[] } {
  const features: ProfileFeatureSpec[] = [];
  const skipped: SkippedColumn[] = [];
  const behaviour = new Set(options.behaviourColumns);
  for (const column of profileColumns) {
    const cells = leads.map((lead) => lead.profile[column] ?? null);
    const filled = cells.filter((c): c is string => c !== null);
    const role = behaviour.has(column) ? "pain" : "fit";
    if (filled.length === 0) {
      skipped.push({ column, reason: "every cell is empty" });
      continue;
    }
    const isNumeric = mostlyNumbers(filled);
    const numbers = isNumeric ? filled.map(profileNumber).filter(Number.isFinite) : [];
    if (/e-?mail/i.test(column) && filled.some((c) => c.includes("@"))) {
      features.push({ name: `${column}_domain`, column, transform: { kind: "email-domain" }, role });
    } else if (/(^|_|\s)(job_?)?title$/i.test(column) && !isNumeric) {
      features.push({ name: "seniority", column, transform: { kind: "seniority" }, role });
    } else if (isNumeric && /size|employees|headcount/i.test(column)) {
      features.push({ name: `${column}_band`, column, transform: { kind: "size-band", edges: DEFAULT_SIZE_EDGES }, role });
    } else if (isNumeric) {
      const quantiles = quantileEdges(numbers, options.numericBands);
      const edges = won && quantiles.length > 0 ? monotoneBandEdges(cells, won, quantiles) : quantiles;
      if (edges.length === 0) skipped.push({ column, reason: "numeric with a single value" });
      else features.push({ name: `${column}_band`, column, transform: { kind: "numeric-band", edges }, role });
    } else {
      const levels = frequentLevels(filled, options.maxLevels);
      const distinct = new Set(filled).size;
      if (distinct > Math.max(50, 0.2 * filled.length)) {
        skipped.push({ column, reason: `${distinct} distinct values in ${filled.length} rows: looks like an identifier or free text` });
      } else {
        features.push({ name: column, column, transform: { kind: "category", levels }, role });
      }
    }
  }
  if (options.targetAccounts.length > 0) {
    features.push({
      name: "target_account",
      column: "account_id",
      transform: { kind: "target-account", accounts: options.targetAccounts.map((a) => a.toLowerCase()) },
      role: "fit",
    });
  }
  return { features, skipped };
}

/**
 * Whether at least `NUMERIC_SHARE` of the cells parse as numbers, stopping
 * once the cells left could no longer make it: a text column is decided
 * after about a tenth of its cells (parsing every cell of every column was a
 * quarter of chooseProfileFeatures' time at 1M leads).
 */
function mostlyNumbers(filled: readonly string[]): boolean {
  const needed = NUMERIC_SHARE * filled.length;
  let numeric = 0;
  for (let k = 0; k < filled.length; k++) {
    if (Number.isFinite(profileNumber(filled[k]))) numeric += 1;
    else if (numeric + (filled.length - k - 1) < needed) return false;
  }
  return numeric >= needed;
}

/** The feature's value for every lead, via the runtime's own transform. */
export function deriveFeatureValues(spec: ProfileFeatureSpec, leads: readonly LeadRecord[]): string[] {
  const derive = compileProfileTransform(spec.transform);
  return leads.map((lead) => derive(profileCell(lead, spec.column)));
}

/** The cell a profile feature reads; `account_id` is the lead's account. */
export function profileCell(lead: LeadRecord, column: string): string | null {
  return column === "account_id" ? lead.accountId : (lead.profile[column] ?? null);
}

/** Monotone edges from the leads whose cell parses as a number (the same parse as the runtime's band transform). */
function monotoneBandEdges(cells: ReadonlyArray<string | null>, won: ArrayLike<number>, edges: number[]): number[] {
  const values: number[] = [];
  const outcomes: number[] = [];
  cells.forEach((cell, i) => {
    const value = cell === null ? Number.NaN : profileNumber(cell);
    if (!Number.isFinite(value)) return;
    values.push(value);
    outcomes.push(won[i]);
  });
  return monotoneEdges(values, outcomes, edges);
}

function frequentLevels(values: string[], maxLevels: number): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxLevels)
    .map(([value]) => value);
}

/** Distinct inner quantile edges (nearest-rank) for `bands` equal-count bands. */
function quantileEdges(values: number[], bands: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const edges: number[] = [];
  for (let b = 1; b < bands; b++) {
    const edge = sorted[Math.min(sorted.length - 1, Math.ceil((b / bands) * sorted.length) - 1)];
    if (edge < sorted[sorted.length - 1] && (edges.length === 0 || edge > edges[edges.length - 1])) edges.push(edge);
  }
  return edges;
}
