import type { EventStore } from "../io/event-store.js";
import type { LeadRecord } from "../io/records.js";
import type { TimelineScorer } from "leadlift-runtime/internal";

/**
 * What the runtime reads of a lead, made once per lead record and reused by
 * every replay and scoring round of a training run: the row (profile
 * columns, `account_id`, `created_at`) and the profile values its features
 * derive, by feature (column and transform) — one model's features are
 * mostly the next one's, and deriving values is most of starting a lead.
 * Entries live as long as the export's event store: one weak entry per
 * export (keyed by the store's time column, which its views share) holding
 * a plain map by lead record — a weak map with an entry per lead would make
 * every garbage collection trace a million ephemerons.
 */
export interface LeadEntry {
  readonly row: Readonly<Record<string, unknown>>;
  /** Derived values by feature key slot (`featureSlots`). */
  readonly values: Array<string | undefined>;
}

const byExport = new WeakMap<object, Map<LeadRecord, LeadEntry>>();
const slotOfKey = new Map<string, number>();

/** The lead entries of the export whose event store is `events` (its views included). */
export function leadEntries(events: EventStore): Map<LeadRecord, LeadEntry> {
  let entries = byExport.get(events.times);
  if (entries === undefined) byExport.set(events.times, (entries = new Map()));
  return entries;
}

/**
 * Starts `lead` on `timeline` with the profile values kept for it (derived
 * by the timeline's own transforms the first time a feature is seen).
 * @param entries from `leadEntries` of the lead's export.
 */
export function beginLead(timeline: TimelineScorer, entries: Map<LeadRecord, LeadEntry>, lead: LeadRecord, slots: Int32Array, scratch: string[]): void {
  let entry = entries.get(lead);
  if (entry === undefined) entries.set(lead, (entry = { row: { ...lead.profile, account_id: lead.accountId, created_at: lead.createdAt }, values: [] }));
  for (let f = 0; f < slots.length; f++) {
    let value = entry.values[slots[f]];
    if (value === undefined) entry.values[slots[f]] = value = timeline.featureValue(f, entry.row);
    scratch[f] = value;
  }
  timeline.begin(entry.row, scratch);
}

/** The cache slot of each of the timeline's model features (same column and transform: same slot). */
export function featureSlots(timeline: TimelineScorer): Int32Array {
  return Int32Array.from(timeline.model.profile.features, (feature) => {
    const key = `${feature.column}\u0000${JSON.stringify(feature.transform)}`;
    let slot = slotOfKey.get(key);
    if (slot === undefined) slotOfKey.set(key, (slot = slotOfKey.size));
    return slot;
  });
}

