import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import type { LeadliftConfig } from "../config/config-schema.js";
import { LeadliftError } from "../errors.js";
import { where, type IssueListener } from "./issue-log.js";
import { loadEventStream } from "./load-events.js";
import { loadLeads } from "./load-leads.js";
import { loadOutcomes } from "./load-outcomes.js";
import { readTable, type RawTable } from "./read-table.js";
import { openRowStream } from "./stream-rows.js";
import { eventStoreFromRecords, type EventStore } from "./event-store.js";
import { rememberOutcomesByLead } from "./lead-outcomes.js";
import type { FileSummary, LeadRecord, OutcomeRecord, RowIssue } from "./records.js";

/** Paths of one CRM export. Only `leads` is required. */
export interface CrmPaths {
  readonly leads: string;
  readonly events?: string;
  readonly outcomes?: string;
}

/** Which dates the export carried: what cannot be checked without them is reported, not assumed. */
export interface TimestampAvailability {
  readonly createdAt: boolean;
  readonly closedAt: boolean;
  readonly handoffAt: boolean;
  readonly events: boolean;
}

/** A validated CRM export with a full account of every input row. */
export interface CrmData {
  readonly leads: LeadRecord[];
  /**
   * Every used event, in columns grouped by lead (lead `i` is `leads[i]`)
   * and sorted by time: no object per event. Iterate it for `EventRecord`s
   * one at a time (`for (const e of crm.events)`); `events.length` counts them.
   */
  readonly events: EventStore;
  /** Outcome by lead id; leads without one are handled per `outcomes.missing`. */
  readonly outcomes: Map<string, OutcomeRecord>;
  /** With account-level outcomes (`outcomes.level: "account"`): outcome by account id (`leadId` holds the account id); else null. */
  readonly accountOutcomes: Map<string, OutcomeRecord> | null;
  readonly profileColumns: string[];
  readonly files: FileSummary[];
  /** Row issues (capped per code; `issueCounts` has the full tallies). */
  readonly issues: RowIssue[];
  readonly issueCounts: Record<string, number>;
  readonly timestamps: TimestampAvailability;
  /** Leads that had no outcome row, and what they were treated as. */
  readonly missingOutcomes: { readonly count: number; readonly treatedAs: "open" | "lost" };
}

/** Options for `loadCrm`. */
export interface LoadCrmOptions {
  /** Sees every row issue as it is recorded, beyond the examples kept in `CrmData.issues` (e.g. to write them all to `--issues`). Default none. */
  readonly onIssue?: IssueListener;
}

/**
 * Loads and validates leads, events and outcomes (CSV, JSON Lines or
 * Parquet), all through the one streaming reader `leadlift score` uses;
 * events are validated as they stream into one compact, lead-indexed
 * `EventStore` (typed arrays), so neither a file's text nor an object per
 * event is ever held.
 * The outcome may come from its own file or from columns of the leads file;
 * the events file may be absent (behaviour already aggregated in lead columns).
 * @throws LeadliftError when a file cannot be read, lacks required columns,
 *   or (with `outcomes.missing: "error"`) a lead has no outcome.
 */
export async function loadCrm(paths: CrmPaths, config: LeadliftConfig, options: LoadCrmOptions = {}): Promise<CrmData> {
  const read = { encoding: config.input.encoding };
  const onIssue = options.onIssue;
  const leadsTable = await readTable(paths.leads, read);
  const outcomesFromLeads = config.outcomes.source === "leads" || !paths.outcomes;
  const reserved = outcomesFromLeads ? outcomeColumnsIn(leadsTable, config) : [];
  const leads = loadLeads(leadsTable, config, reserved, { onIssue });

  const outcomesTable = outcomesFromLeads ? leadsTable : await readTable(paths.outcomes as string, read);
  if (outcomesFromLeads && reserved.length === 0 && config.outcomes.statusIfNoColumn === undefined) {
    throw new LeadliftError(
      "missing-outcomes",
      `No outcomes: give --outcomes FILE, or map the leads file's outcome column in the config ({ "outcomes": { "source": "leads" }, "columns": { "outcomes": { "status": "Converted" } } }). ${leadsTable.file} has: ${leadsTable.columnNames.join(", ")}.`,
    );
  }
  const byAccount = config.outcomes.level === "account";
  if (byAccount && outcomesFromLeads) {
    throw new LeadliftError("invalid-config", `Account-level outcomes ("outcomes": { "level": "account" }) need their own file: give --outcomes FILE with one row per account_id.`);
  }
  const outcomes = byAccount
    ? loadOutcomes(outcomesTable, config, new Set(leads.rows.map((lead) => lead.accountId).filter((id): id is string => id !== null)), new Map(), leadsTable.file, onIssue)
    : loadOutcomes(outcomesTable, config, leads.rowOfId, leads.rejectedIds, leadsTable.file, onIssue);
  const accountOutcomes = byAccount ? new Map(outcomes.rows.map((o) => [o.leadId, o])) : null;
  const outcomeByLead = accountOutcomes ? outcomesOfAccountLeads(leads.rows, accountOutcomes) : outcomesById(outcomes.rows);
  // Before the events are read: a lead without an outcome (with "missing": "error") stops the run without reading them.
  const { missing: missingCount, warnings, byLead } = settleOutcomes(leads.rows, outcomeByLead, config, leadsTable.file);
  const leadIdList = leads.rows.map((lead) => lead.leadId);
  const events = !paths.events
    ? null
    : (await chooseEngine(paths.events, config)) === "duckdb"
      ? // Loaded only for this engine: DuckDB stays out of every other run.
        await (await import("../engine/open-engine.js")).loadEventsWithDuckDb(paths.events, config, leadIdList, leads.rejectedIds, leadsTable.file, read, onIssue)
      : await loadEventStream(await openRowStream(paths.events, read), config, leadIdList, leads.rejectedIds, leadsTable.file, onIssue);

  if (onIssue) {
    try {
      warnings.forEach(onIssue);
    } catch (error) {
      // The caller's listener failed (e.g. its issue file): the events' engine, if any, is released before the error goes on.
      if (events) (await import("../engine/engine-registry.js")).closeEngineOf(events.store);
      throw error;
    }
  }

  const files = [leads.summary, outcomesFromLeads ? null : outcomes.summary, events?.summary ?? null].filter(
    (f): f is FileSummary => f !== null,
  );
  const issues = [...leads.issues, ...outcomes.issues, ...(events?.issues ?? []), ...warnings];
  const crm: CrmData = {
    leads: leads.rows,
    events: events?.store ?? eventStoreFromRecords(leads.rows.map((lead) => lead.leadId), []),
    outcomes: outcomeByLead,
    accountOutcomes,
    profileColumns: leads.profileColumns,
    files,
    issues,
    issueCounts: countByCode(issues),
    timestamps: {
      createdAt: leads.hasCreatedAt,
      closedAt: outcomes.hasClosedAt,
      handoffAt: outcomes.hasHandoffAt,
      events: events !== null,
    },
    missingOutcomes: { count: missingCount, treatedAs: config.outcomes.missing === "lost" ? "lost" : "open" },
  };
  rememberOutcomesByLead(crm, byLead);
  return crm;
}

/**
 * The engine that reads the events and counts training's statistics: as
 * configured, or for "auto" DuckDB when the events file is at least
 * `duckdb.autoFromBytes` large (Parquet and text thresholds apart) and
 * @duckdb/node-api is installed; else in-process.
 */
export async function chooseEngine(eventsPath: string, config: LeadliftConfig): Promise<"in-process" | "duckdb"> {
  if (config.engine !== "auto") return config.engine;
  let size: number;
  try {
    size = (await stat(eventsPath)).size;
  } catch {
    return "in-process";
  }
  const threshold = /\.parquet$/i.test(eventsPath) ? config.duckdb.autoFromBytes.parquet : config.duckdb.autoFromBytes.text;
  if (threshold === null || size < threshold) return "in-process";
  try {
    createRequire(import.meta.url).resolve("@duckdb/node-api");
    return "duckdb";
  } catch {
    return "in-process";
  }
}

/**
 * Each outcome by its lead id, in the file's order: set one by one rather than from an array of [id, outcome]
 * pairs, which for 1M outcomes is a million short-lived arrays (building the map took 0.51-1.08 s that way,
 * 0.38-0.65 s this way, 1M ids here).
 */
function outcomesById(outcomes: readonly OutcomeRecord[]): Map<string, OutcomeRecord> {
  const byId = new Map<string, OutcomeRecord>();
  for (const outcome of outcomes) byId.set(outcome.leadId, outcome);
  return byId;
}

/** Each lead with an account shares its account's outcome (same status and dates). */
function outcomesOfAccountLeads(leads: readonly LeadRecord[], accountOutcomes: ReadonlyMap<string, OutcomeRecord>): Map<string, OutcomeRecord> {
  const byLead = new Map<string, OutcomeRecord>();
  for (const lead of leads) {
    const outcome = lead.accountId === null ? undefined : accountOutcomes.get(lead.accountId);
    if (outcome) byLead.set(lead.leadId, { ...outcome, leadId: lead.leadId });
  }
  return byLead;
}

/** Export columns of the leads file that hold outcome fields. */
function outcomeColumnsIn(table: RawTable, config: LeadliftConfig): string[] {
  const names = (["status", "closed_at", "handoff_at"] as const).map(
    (name) => config.columns.outcomes[name] ?? name,
  );
  return names.filter((name) => table.columnNames.includes(name));
}

/**
 * Each lead's outcome settled in one walk over the leads (a look-up in the map of every outcome apiece): a lead
 * without one is counted, and filled in as lost, or stops the run, per `outcomes.missing`; an outcome dated before
 * its lead was created is flagged (but kept) — a data-entry problem worth a look. Those warnings are reported after
 * the events, as before; a filled-in outcome has no dates, so none of them is one.
 * @throws LeadliftError "missing-outcome" with `outcomes.missing: "error"`, naming the first lead without one.
 */
function settleOutcomes(
  leads: readonly LeadRecord[],
  outcomes: Map<string, OutcomeRecord>,
  config: LeadliftConfig,
  file: string,
): { missing: number; warnings: RowIssue[]; byLead: Array<OutcomeRecord | undefined> } {
  let missing = 0;
  const warnings: RowIssue[] = [];
  const byLead = new Array<OutcomeRecord | undefined>(leads.length);
  for (let i = 0; i < leads.length; i++) {
    const lead = leads[i];
    const outcome = outcomes.get(lead.leadId);
    byLead[i] = outcome;
    if (outcome) {
      if (lead.createdAt !== null && Math.min(outcome.closedAt ?? Infinity, outcome.handoffAt ?? Infinity) < lead.createdAt) warnings.push(outcomeBeforeCreation(lead, file));
      continue;
    }
    missing += 1;
    if (config.outcomes.missing === "error") {
      throw new LeadliftError(
        "missing-outcome",
        `${where(file, lead.row, null)}: lead ${JSON.stringify(lead.leadId)} has no outcome row. Add one, or set "outcomes": { "missing": "open" | "lost" } in the config.`,
      );
    }
    if (config.outcomes.missing === "lost") {
      byLead[i] = { leadId: lead.leadId, status: "lost", closedAt: null, handoffAt: null };
      outcomes.set(lead.leadId, byLead[i] as OutcomeRecord);
    }
  }
  return { missing, warnings, byLead };
}

/** The warning for a lead closed or handed off before it was created. */
function outcomeBeforeCreation(lead: LeadRecord, file: string): RowIssue {
  return {
    file,
    row: lead.row,
    column: null,
    code: "outcome-before-creation",
    value: lead.leadId,
    message: `${where(file, lead.row, null)}: lead ${JSON.stringify(lead.leadId)} was closed or handed off before it was created; it has no behaviour to learn from before its cut-off.`,
    severity: "warning",
  };
}

function countByCode(issues: RowIssue[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const issue of issues) counts[issue.code] = (counts[issue.code] ?? 0) + 1;
  return counts;
}
