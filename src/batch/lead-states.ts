import { where } from "../io/issue-log.js";
import type { EventRecord, LeadRecord } from "../io/records.js";
import { ScoringError, type LeadInput, type LeadState, type Scorer } from "leadlift-runtime";
import { compileLeadInput } from "./compile-lead-input.js";
import { LeadIdIndex } from "./lead-id-index.js";
import { LeadOccurrences } from "./lead-occurrences.js";
import { toErrorRow, toScoredRow, type ScoredRow } from "./score-batch.js";

/** What became of one valid event handed to `LeadStates.apply`. */
export type EventOutcome =
  /** Applied to its lead's state: it happened before the lead's scoring moment. */
  | "counted"
  /** Not applied: at or after the lead's scoring moment, so it does not count (the leakage rule). */
  | "after-moment"
  /** Not applied: the runtime rejected this event; the lead becomes an error row (see `errorOf`). */
  | "failed"
  /** Not applied: an earlier event already made this lead an error row. */
  | "lead-failed";

/**
 * The runtime's incremental scoring state for every lead of a batch, fed one
 * event at a time in any order, so a batch never holds its events: memory
 * grows with the leads, not with the events.
 *
 * Each lead is scored at its own moment (`as_of`, else the batch's), and only
 * events strictly before it are applied — `scoreAt` of the state then equals
 * `scorer.score(lead, allEvents, moment)`. Every event before the moment
 * counts, kept action or not, as the runtime decides (inactivity and exit
 * rules treat any event as activity).
 *
 * Without an exit rule, each lead's occurrences are kept in place
 * (`LeadOccurrences`, no object per event) and turned into its `LeadState`
 * only when it is scored; `scorer.applyEvent` is then not called. Those
 * records are allocated for every lead up front (8 × (2 + 3 × kept actions)
 * bytes a lead), so past a memory budget — many leads times many kept
 * actions — and with an exit rule, where episodes split and merge, every
 * event goes through `scorer.applyEvent` instead.
 */
/** The most memory the in-place records may take before a batch falls back to `applyEvent`'s states (1 GiB: 1M leads with up to 42 kept actions). */
const IN_PLACE_BUDGET_BYTES = 2 ** 30;

export class LeadStates {
  private readonly indexById: LeadIdIndex;
  private readonly moments: Float64Array;
  /** Per-lead states through `applyEvent` (models with an exit rule), else null. */
  private readonly states: Array<LeadState | undefined> | null;
  /** Per-lead occurrences kept in place (models without an exit rule), else null. */
  private readonly occurrences: LeadOccurrences | null;
  private readonly errors = new Map<number, string>();
  /** Each lead's runtime input, with only the fields the model reads. */
  private readonly inputOf: (lead: LeadRecord) => LeadInput;
  private statesCreated = 0;
  private lastLookupId: string | null = null;
  private lastLookupIndex = -1;

  /**
   * @param scorer the runtime scorer; its `applyEvent` is called only for a model with an exit rule,
   *   or when the in-place records would take more than `inPlaceBudgetBytes`.
   * @param leads validated leads, unique ids (as `loadLeads` returns them).
   * @param defaultAt scoring moment (epoch ms) of leads without `as_of`.
   * @param inPlaceBudgetBytes the most the in-place records may take (they are allocated for every
   *   lead up front: 1M leads with 200 kept actions would need 4.8 GB, where `applyEvent`'s states
   *   grow only with the leads that have events).
   * @throws RangeError when two leads share an id.
   */
  constructor(
    private readonly scorer: Scorer,
    readonly leads: readonly LeadRecord[],
    defaultAt: number,
    inPlaceBudgetBytes: number = IN_PLACE_BUDGET_BYTES,
  ) {
    this.moments = new Float64Array(leads.length);
    this.inputOf = compileLeadInput(scorer.model);
    const inPlace = LeadOccurrences.supports(scorer.model) && LeadOccurrences.bytesFor(scorer.model, leads.length) <= inPlaceBudgetBytes;
    this.occurrences = inPlace ? new LeadOccurrences(scorer.model, leads.length) : null;
    this.states = inPlace ? null : new Array<LeadState | undefined>(leads.length);
    this.indexById = new LeadIdIndex(leads.map((lead) => lead.leadId));
    leads.forEach((lead, index) => {
      this.moments[index] = lead.asOf ?? defaultAt;
    });
  }

  /**
   * Whether `leadId` is one of the batch's leads (the event validator's
   * `knownLeadIds`). It remembers the index it found, so that `apply` of the
   * same event does not look the id up a second time (a third of the
   * per-event cost at 20M events).
   */
  has(leadId: string): boolean {
    const index = this.indexById.indexOf(leadId);
    this.lastLookupId = leadId;
    this.lastLookupIndex = index;
    return index >= 0;
  }

  /** Leads that have received at least one event before their moment. */
  get leadsWithState(): number {
    return this.occurrences?.leadsTouched ?? this.statesCreated;
  }

  /**
   * Feeds a valid event of a known lead to that lead's state.
   * @param file events file and `row` its row, for the message if the runtime rejects the event.
   */
  apply(event: EventRecord, file: string, row: number): EventOutcome {
    const index = this.lastLookupId === event.leadId ? this.lastLookupIndex : this.indexById.indexOf(event.leadId);
    if (index < 0) throw new RangeError(`LeadStates.apply: lead ${JSON.stringify(event.leadId)} is not in the batch; validate events against has() first.`);
    if (!(event.occurredAt < this.moments[index])) return "after-moment";
    if (this.occurrences !== null) {
      // Validated events have finite instants: nothing here can reject them.
      this.occurrences.add(index, event.action, event.occurredAt);
      return "counted";
    }
    if (this.errors.has(index)) return "lead-failed";
    const states = this.states as Array<LeadState | undefined>;
    try {
      let state = states[index];
      if (state === undefined) {
        state = this.scorer.initialState(this.inputOf(this.leads[index]));
        this.statesCreated += 1;
      }
      states[index] = this.scorer.applyEvent(state, event);
      return "counted";
    } catch (error) {
      if (!(error instanceof ScoringError)) throw error;
      this.errors.set(index, `${where(file, row, null)}: ${error.message}`);
      states[index] = undefined;
      return "failed";
    }
  }

  /** Why a lead cannot be scored (an event the runtime rejected), or null. */
  errorOf(leadId: string): string | null {
    const index = this.indexById.indexOf(leadId);
    return index < 0 ? null : (this.errors.get(index) ?? null);
  }

  /**
   * The output row of lead `index` at its moment, releasing its state. A
   * lead the runtime cannot score gets an error row in its place, so every
   * lead still yields exactly one row.
   * @param leadsFile leads file name, for the message if scoring fails.
   */
  takeRow(index: number, leadsFile: string): ScoredRow {
    const lead = this.leads[index];
    const failure = this.errors.get(index);
    if (failure !== undefined) return toErrorRow(lead.leadId, lead.accountId, `Cannot score lead ${JSON.stringify(lead.leadId)}: ${failure}`);
    const moment = this.moments[index];
    try {
      const state = this.stateOf(index, lead);
      return toScoredRow(lead, this.scorer.scoreAt(state, moment), moment);
    } catch (error) {
      if (!(error instanceof ScoringError)) throw error;
      return toErrorRow(lead.leadId, lead.accountId, `${where(leadsFile, lead.row, null)}: cannot score lead ${JSON.stringify(lead.leadId)}: ${error.message}`);
    }
  }

  /** Lead `index`'s state with every event applied so far, releasing what was held for it. */
  private stateOf(index: number, lead: LeadRecord): LeadState {
    if (this.occurrences !== null) return this.occurrences.takeState(index, this.scorer.initialState(this.inputOf(lead)));
    const states = this.states as Array<LeadState | undefined>;
    const state = states[index] ?? this.scorer.initialState(this.inputOf(lead));
    states[index] = undefined;
    return state;
  }
}
