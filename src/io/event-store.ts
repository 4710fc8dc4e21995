import type { EventRecord } from "./records.js";

/**
 * Every used event of an export in columns, grouped by lead and sorted by
 * time — one compact index built once when the file is read, shared by
 * feature extraction, every replay and calibration round, scoring at the
 * cut-off, the out-of-time split and the mode comparison. No event is a
 * JavaScript object: 20 bytes an event (time, action id, category id, file
 * position), plus 8 bytes a lead.
 *
 * Lead `i` (the `i`-th lead of the `CrmData` the store belongs to) has the
 * events at positions `start[i]` … `end[i] − 1`, ascending in time, events
 * at the same instant in file order. A subset of leads (a training split)
 * is a view on the same columns (`selectEventLeads`): only `start`, `end`
 * and `leadIds` are new, no event is copied.
 *
 * `categoryIds` and `sequence` may be left where the events were read (the
 * DuckDB engine leaves them in its events table: the DuckDB statistics do not
 * need them in memory, 8 bytes an event) and read on first use.
 *
 * Iterating the store yields `EventRecord` objects one at a time, lead by
 * lead (for notebooks and small exports; the training code reads the columns).
 */
export interface EventStore extends Iterable<EventRecord> {
  /** Number of events of the store's leads. */
  readonly length: number;
  /** The store's leads' ids, in lead order (lead `i` is `leadIds[i]`). */
  readonly leadIds: readonly string[];
  readonly start: Int32Array;
  readonly end: Int32Array;
  /** Epoch ms (UTC), ascending within each lead. */
  readonly times: Float64Array;
  /** Index into `actions`. */
  readonly actionIds: Int32Array;
  /** Index into `categories`; −1 when the event has none (read on first use when left where the events were read). */
  readonly categoryIds: Int32Array;
  /**
   * The event's position among the export's used events in file order
   * (0-based): what "the first time an action appears" and ties between
   * equally frequent categories are decided by, as when the file is read in
   * order. Read on first use when left where the events were read.
   */
  readonly sequence: Int32Array;
  /** Action names by id (every action of the export, also those only of other leads). */
  readonly actions: readonly string[];
  /** Category names by id. */
  readonly categories: readonly string[];
}

/** Events appended to the store chunk by chunk: no growth by doubling, so loading never holds two copies. */
const CHUNK_EVENTS = 1 << 20;

/**
 * Collects events as a file streams in (file order), then `build()` groups
 * them by lead and sorts each lead's events by time. Action and category
 * names are interned in dictionaries on the way in.
 */
export class EventStoreBuilder {
  private readonly leadChunks: Int32Array[] = [];
  private readonly timeChunks: Float64Array[] = [];
  private readonly actionChunks: Int32Array[] = [];
  private readonly categoryChunks: Int32Array[] = [];
  private used = CHUNK_EVENTS;
  private count = 0;
  private readonly actionIdOf = new Map<string, number>();
  private readonly categoryIdOf = new Map<string, number>();
  readonly actions: string[] = [];
  readonly categories: string[] = [];

  /** @param leadIds the leads events may belong to, in the order `CrmData.leads` holds them. */
  constructor(readonly leadIds: readonly string[]) {}

  /** Number of events appended so far. */
  get length(): number {
    return this.count;
  }

  /** The id of an action name, added to the dictionary when new. */
  actionId(action: string): number {
    let id = this.actionIdOf.get(action);
    if (id === undefined) {
      id = this.actions.length;
      this.actionIdOf.set(action, id);
      this.actions.push(action);
    }
    return id;
  }

  /** The id of a category name (−1 for none), added to the dictionary when new. */
  categoryId(category: string | null): number {
    if (category === null) return -1;
    let id = this.categoryIdOf.get(category);
    if (id === undefined) {
      id = this.categories.length;
      this.categoryIdOf.set(category, id);
      this.categories.push(category);
    }
    return id;
  }

  /** Appends one event of lead `lead` (its index in `leadIds`). */
  push(lead: number, occurredAt: number, actionId: number, categoryId: number): void {
    if (this.used === CHUNK_EVENTS) {
      this.leadChunks.push(new Int32Array(CHUNK_EVENTS));
      this.timeChunks.push(new Float64Array(CHUNK_EVENTS));
      this.actionChunks.push(new Int32Array(CHUNK_EVENTS));
      this.categoryChunks.push(new Int32Array(CHUNK_EVENTS));
      this.used = 0;
    }
    const c = this.leadChunks.length - 1;
    this.leadChunks[c][this.used] = lead;
    this.timeChunks[c][this.used] = occurredAt;
    this.actionChunks[c][this.used] = actionId;
    this.categoryChunks[c][this.used] = categoryId;
    this.used += 1;
    this.count += 1;
  }

  /**
   * The store: a stable counting sort by lead, then a sort by time within
   * each lead (ties keep file order). The builder's chunks are released
   * column by column, so the peak is about 1.6× the store.
   */
  build(): EventStore {
    const length = this.count;
    const leadCount = this.leadIds.length;
    const offsets = new Int32Array(leadCount + 1);
    const at = (chunks: ArrayLike<number>[], e: number) => chunks[Math.floor(e / CHUNK_EVENTS)][e % CHUNK_EVENTS];
    for (const [c, chunk] of this.leadChunks.entries()) {
      const size = c === this.leadChunks.length - 1 ? this.used : CHUNK_EVENTS;
      for (let k = 0; k < size; k++) offsets[chunk[k] + 1] += 1;
    }
    for (let i = 0; i < leadCount; i++) offsets[i + 1] += offsets[i];
    // order[p] = file position of the event at sorted position p.
    const order = new Int32Array(length);
    const cursor = offsets.slice(0, leadCount);
    for (let e = 0; e < length; e++) order[cursor[at(this.leadChunks, e)]++] = e;
    this.leadChunks.length = 0;
    const times = gather(this.timeChunks, order, new Float64Array(length));
    sortWithinLeads(offsets, order, times);
    // Sorting moved `times` with `order`; the other columns follow `order`.
    const actionIds = gather(this.actionChunks, order, new Int32Array(length));
    const categoryIds = gather(this.categoryChunks, order, new Int32Array(length));
    this.timeChunks.length = 0;
    this.actionChunks.length = 0;
    this.categoryChunks.length = 0;
    return createEventStore({
      leadIds: this.leadIds,
      start: offsets.subarray(0, leadCount),
      end: offsets.subarray(1),
      times,
      actionIds,
      categoryIds,
      sequence: order,
      actions: this.actions,
      categories: this.categories,
    });
  }
}

/** A column given as it is, or as a function that reads it (called once, on first use). */
export type EventColumn = Int32Array | (() => Int32Array);

/**
 * The columns of an event store (what `createEventStore` wraps):
 * `categoryIds` and `sequence` may be readers, called on first use.
 */
export type EventColumns = Omit<EventStore, "length" | "categoryIds" | "sequence" | typeof Symbol.iterator> & {
  readonly categoryIds: EventColumn;
  readonly sequence: EventColumn;
};

/**
 * An `EventStore` over columns already grouped by lead and sorted by time
 * (from `EventStoreBuilder`, a view, or an engine that sorted them itself).
 * A column given as a reader is read the first time it is asked for, and kept.
 */
export function createEventStore(columns: EventColumns): EventStore {
  let length = 0;
  for (let i = 0; i < columns.start.length; i++) length += columns.end[i] - columns.start[i];
  const { leadIds, start, end, times, actionIds, actions, categories } = columns;
  let categoryIds = columns.categoryIds;
  let sequence = columns.sequence;
  const store: EventStore = {
    leadIds,
    start,
    end,
    times,
    actionIds,
    actions,
    categories,
    length,
    get categoryIds() {
      if (typeof categoryIds === "function") categoryIds = categoryIds();
      return categoryIds;
    },
    get sequence() {
      if (typeof sequence === "function") sequence = sequence();
      return sequence;
    },
    *[Symbol.iterator](): Iterator<EventRecord> {
      const categoryOf = store.categoryIds;
      for (let i = 0; i < leadIds.length; i++) {
        for (let e = start[i]; e < end[i]; e++) {
          yield { leadId: leadIds[i], action: actions[actionIds[e]], occurredAt: times[e], category: categoryOf[e] < 0 ? null : categories[categoryOf[e]] };
        }
      }
    },
  };
  return store;
}

/**
 * A view of the store restricted to some of its leads, in the order given
 * (`leads[k]` is the store's lead index of the view's lead `k`): the same
 * event columns, new per-lead ranges. Columns the store reads on first use
 * stay unread (the view reads them through the store, once for both).
 */
export function selectEventLeads(store: EventStore, leads: ArrayLike<number>): EventStore {
  const start = new Int32Array(leads.length);
  const end = new Int32Array(leads.length);
  const leadIds: string[] = new Array(leads.length);
  for (let k = 0; k < leads.length; k++) {
    start[k] = store.start[leads[k]];
    end[k] = store.end[leads[k]];
    leadIds[k] = store.leadIds[leads[k]];
  }
  const { times, actionIds, actions, categories } = store;
  return createEventStore({ leadIds, start, end, times, actionIds, actions, categories, categoryIds: () => store.categoryIds, sequence: () => store.sequence });
}

/**
 * Reads the columns the store left where its events were read (see
 * `EventStore`), so that it no longer needs that source (before an engine
 * closes). A no-op when every column is in memory.
 */
export function readDeferredColumns(store: EventStore): void {
  // Asking for a column reads it (createEventStore's getters).
  void store.categoryIds;
  void store.sequence;
}

/**
 * A store built from event records (tests, notebooks, data assembled in
 * memory): events of leads not in `leadIds` are left out.
 */
export function eventStoreFromRecords(leadIds: readonly string[], events: Iterable<EventRecord>): EventStore {
  const builder = new EventStoreBuilder(leadIds);
  const indexOf = new Map(leadIds.map((id, i) => [id, i]));
  for (const event of events) {
    const lead = indexOf.get(event.leadId);
    if (lead === undefined) continue;
    builder.push(lead, event.occurredAt, builder.actionId(event.action), builder.categoryId(event.category));
  }
  return builder.build();
}

/** The latest event instant of the store's leads (−Infinity when none). */
export function latestEventAt(store: EventStore): number {
  return eventTimeRange(store).to;
}

/** The earliest and latest event instants of the store's leads (±Infinity when none). */
export function eventTimeRange(store: EventStore): { from: number; to: number } {
  let from = Infinity;
  let to = -Infinity;
  for (let i = 0; i < store.start.length; i++) {
    if (store.end[i] === store.start[i]) continue;
    if (store.times[store.start[i]] < from) from = store.times[store.start[i]];
    if (store.times[store.end[i] - 1] > to) to = store.times[store.end[i] - 1];
  }
  return { from, to };
}

function gather<T extends Float64Array | Int32Array>(chunks: ArrayLike<number>[], order: Int32Array, into: T): T {
  for (let p = 0; p < order.length; p++) {
    const e = order[p];
    into[p] = chunks[Math.floor(e / CHUNK_EVENTS)][e % CHUNK_EVENTS];
  }
  return into;
}

/**
 * Sorts each lead's stretch of (`times`, `order`) by time, ties by file
 * position (`order` ascending within a lead after the counting sort):
 * already-sorted stretches are left alone, short ones by insertion.
 */
function sortWithinLeads(offsets: Int32Array, order: Int32Array, times: Float64Array): void {
  for (let i = 0; i + 1 < offsets.length; i++) {
    const from = offsets[i];
    const to = offsets[i + 1];
    let sorted = true;
    for (let p = from + 1; p < to && sorted; p++) if (times[p] < times[p - 1]) sorted = false;
    if (sorted) continue;
    if (to - from <= 32) {
      for (let p = from + 1; p < to; p++) {
        const t = times[p];
        const o = order[p];
        let q = p - 1;
        while (q >= from && (times[q] > t || (times[q] === t && order[q] > o))) {
          times[q + 1] = times[q];
          order[q + 1] = order[q];
          q--;
        }
        times[q + 1] = t;
        order[q + 1] = o;
      }
      continue;
    }
    const positions = Array.from({ length: to - from }, (_, k) => from + k);
    positions.sort((a, b) => times[a] - times[b] || order[a] - order[b]);
    const sortedTimes = positions.map((p) => times[p]);
    const sortedOrder = positions.map((p) => order[p]);
    times.set(sortedTimes, from);
    order.set(sortedOrder, from);
  }
}
