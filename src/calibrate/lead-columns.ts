import type { CrmData } from "../io/load-crm.js";
import type { LeadRecord } from "../io/records.js";
import { latestEventAt } from "../io/event-store.js";
import { outcomesByLead } from "../io/lead-outcomes.js";
import { createdAtOf, type TimelineScorer } from "leadlift-runtime/internal";

/**
 * What replay and scoring at the cut-off read of an export's leads, in
 * columns by lead index (lead `i` is `crm.leads[i]`), built once per
 * `CrmData` and shared by every calibration round, the out-of-time check and
 * the mode comparison: no object, string lookup or closure per lead and round.
 * Missing instants are NaN (no real instant is).
 */
export interface LeadColumns {
  /** `created_at` (epoch ms). */
  readonly createdAt: Float64Array;
  /** The outcome's status: `STATUS_OPEN` (also when there is no outcome), `STATUS_WON` or `STATUS_LOST`. */
  readonly status: Uint8Array;
  readonly closedAt: Float64Array;
  readonly handoffAt: Float64Array;
  /** The end of the data (`dataEndOf`). */
  readonly dataEndAt: number;
  /** Each lead's row in its export's profile values (shared with the export's views). */
  readonly profileRow: Int32Array;
  readonly profile: ProfileValues;
}

export const STATUS_OPEN = 0;
export const STATUS_WON = 1;
export const STATUS_LOST = 2;
const STATUS_CODE = { open: STATUS_OPEN, won: STATUS_WON, lost: STATUS_LOST } as const;

const columnsOf = new WeakMap<CrmData, LeadColumns>();
/** One weak entry per export, keyed by its event store's time column, which its views share. */
const profileOf = new WeakMap<object, ProfileValues>();

/** The lead columns of `crm` (built on first use, then kept as long as `crm` lives). */
export function leadColumns(crm: CrmData): LeadColumns {
  let found = columnsOf.get(crm);
  if (found) return found;
  const size = crm.leads.length;
  const createdAt = new Float64Array(size);
  const status = new Uint8Array(size);
  const closedAt = new Float64Array(size);
  const handoffAt = new Float64Array(size);
  let profile = profileOf.get(crm.events.times);
  if (profile === undefined) profileOf.set(crm.events.times, (profile = new ProfileValues()));
  const profileRow = new Int32Array(size);
  const outcomeOf = outcomesByLead(crm);
  for (let i = 0; i < size; i++) {
    const lead = crm.leads[i];
    const outcome = outcomeOf[i];
    createdAt[i] = lead.createdAt ?? Number.NaN;
    status[i] = outcome ? STATUS_CODE[outcome.status] : STATUS_OPEN;
    closedAt[i] = outcome?.closedAt ?? Number.NaN;
    handoffAt[i] = outcome?.handoffAt ?? Number.NaN;
    profileRow[i] = profile.rowOf(lead);
  }
  found = { createdAt, status, closedAt, handoffAt, dataEndAt: dataEndOf(crm), profileRow, profile };
  columnsOf.set(crm, found);
  return found;
}

/** The latest instant in the export: the end of what has been observed. */
export function dataEndOf(crm: CrmData): number {
  let end = -Infinity;
  for (const lead of crm.leads) if (lead.createdAt !== null && lead.createdAt > end) end = lead.createdAt;
  end = Math.max(end, latestEventAt(crm.events));
  // forEach, not for…of over values(): no iterator result per outcome.
  crm.outcomes.forEach((outcome) => {
    if (outcome.closedAt !== null && outcome.closedAt > end) end = outcome.closedAt;
    if (outcome.handoffAt !== null && outcome.handoffAt > end) end = outcome.handoffAt;
  });
  return end;
}

/**
 * The creation instant the runtime reads from lead `index`'s row: its
 * `created_at`, else a profile column named `createdAt` (see the runtime's
 * `createdAtOf`; read only for a lead without `created_at`, as the runtime would).
 * @throws ScoringError as the runtime does for an unusable `createdAt` cell.
 */
export function rowCreatedAt(crm: CrmData, columns: LeadColumns, index: number): number | null {
  const createdAt = columns.createdAt[index];
  return Number.isNaN(createdAt) ? createdAtOf({ createdAt: leadCell(crm.leads[index], "createdAt") }) : createdAt;
}

/**
 * The cell `column` of the row the runtime is given for `lead` — its profile
 * with `account_id` and `created_at` set from the record — without making the row.
 */
export function leadCell(lead: LeadRecord, column: string): unknown {
  if (column === "account_id") return lead.accountId;
  if (column === "created_at") return lead.createdAt;
  return Object.hasOwn(lead.profile, column) ? lead.profile[column] : undefined;
}

/**
 * Starts lead `index` of `crm` on the timeline with its profile's FIT and
 * PAIN under the timeline's model, summed from the lead's value codes as
 * `TimelineScorer.begin` sums them from its row (features in model order;
 * see `beginProfile`): no row, no string lookup and no array per lead.
 */
export function profileStarter(timeline: TimelineScorer, crm: CrmData): (index: number, createdAt: number | null) => void {
  const { profile, profileRow } = leadColumns(crm);
  const features = timeline.model.profile.features.map((feature, f) => {
    const derived = profile.derived(timeline, f, crm.leads, profileRow);
    return { derived, pointsOf: Float64Array.from(derived.values, (value) => timeline.featurePoints(f, value)), isFit: feature.role === "fit" };
  });
  return (index, createdAt) => {
    const row = profileRow[index];
    let fit = 0;
    let pain = 0;
    for (const feature of features) {
      const points = feature.pointsOf[feature.derived.codes[row]];
      if (points === 0) continue;
      if (feature.isFit) fit += points;
      else pain += points;
    }
    timeline.beginProfile(fit, pain, createdAt);
  };
}

/** One derived feature's values: row `r`'s value is `values[codes[r]]` (−1: not derived yet). */
interface DerivedColumn {
  codes: Int32Array;
  readonly values: string[];
  readonly codeOf: Map<string, number>;
}

/**
 * The profile values an export's features derive, by row (one per lead
 * record, shared by the export's views) and feature key: derived once per
 * lead and feature — one model's features are mostly the next one's, and
 * deriving values costs more than scoring them — and kept as value codes.
 */
export class ProfileValues {
  private readonly rows = new Map<LeadRecord, number>();
  /** By feature key (column and transform): the same column and transform derive the same values, whatever the model. */
  private readonly columns = new Map<string, DerivedColumn>();

  /** The row of `lead` (a new one when first seen). */
  rowOf(lead: LeadRecord): number {
    let row = this.rows.get(lead);
    if (row === undefined) this.rows.set(lead, (row = this.rows.size));
    return row;
  }

  /**
   * The values the timeline's feature `feature` derives, derived for every
   * one of `leads` that has none yet (`rows[i]` is the row of `leads[i]`).
   */
  derived(timeline: TimelineScorer, feature: number, leads: readonly LeadRecord[], rows: Int32Array): DerivedColumn {
    const { column, transform } = timeline.model.profile.features[feature];
    const key = `${column}\u0000${JSON.stringify(transform)}`;
    let derived = this.columns.get(key);
    if (derived === undefined) this.columns.set(key, (derived = { codes: new Int32Array(0), values: [], codeOf: new Map() }));
    if (derived.codes.length < this.rows.size) {
      const codes = new Int32Array(this.rows.size).fill(-1);
      codes.set(derived.codes);
      derived.codes = codes;
    }
    for (let i = 0; i < leads.length; i++) {
      if (derived.codes[rows[i]] >= 0) continue;
      const value = timeline.deriveFeature(feature, leadCell(leads[i], column));
      let code = derived.codeOf.get(value);
      if (code === undefined) {
        derived.codeOf.set(value, (code = derived.values.length));
        derived.values.push(value);
      }
      derived.codes[rows[i]] = code;
    }
    return derived;
  }
}
