import type { LeadliftConfig } from "../config/config-schema.js";
import type { IssueListener } from "../io/issue-log.js";
import { loadLeads, type LoadedLeads } from "../io/load-leads.js";
import type { FileSummary, RowIssue } from "../io/records.js";
import { collectTable, openRowStream, type RowStream } from "../io/stream-rows.js";
import type { ModelV1 } from "../model/types.js";
import { createScorer, type Segment } from "leadlift-runtime";
import { openIssueFile } from "./issue-file.js";
import { LeadStates } from "./lead-states.js";
import { SILENT_PROGRESS, type PhaseProgress, type Progress } from "./progress.js";
import { rejectedLeadRow, SCORED_ROW_COLUMNS, type ScoredRow } from "./score-batch.js";
import { streamEventsIntoStates, type StreamedEvents } from "./stream-events.js";
import { assertRowFileExtension, writeRows } from "./write-rows.js";

export interface ScoreFilesOptions {
  readonly model: ModelV1;
  readonly config: LeadliftConfig;
  /** Leads file (CSV, JSON Lines or Parquet): held in memory. */
  readonly leadsPath: string;
  /** Events file (CSV, JSON Lines or Parquet): streamed, never held. Default none. */
  readonly eventsPath?: string;
  /** Output file, `.csv` or `.jsonl`. */
  readonly outPath: string;
  /** Scoring moment (epoch ms) of leads without `as_of`. */
  readonly at: number;
  /** Named score bands for the `segment` column. Default none. */
  readonly segments?: readonly Segment[];
  /** Writes every row issue here as it is found (`.csv` or `.jsonl`). Default none. */
  readonly issuesPath?: string;
  /** Progress display. Default silent. */
  readonly progress?: Progress;
  /** Sees each output row as it is written (e.g. to roll up accounts). */
  readonly onRow?: (row: ScoredRow) => void;
}

/** What a batch run read and wrote: every input row accounted for. */
export interface ScoreFilesResult {
  readonly leads: FileSummary;
  readonly events: (Omit<StreamedEvents, "issues" | "countsByCode">) | null;
  /** Output rows with a score. */
  readonly scored: number;
  readonly sdrReady: number;
  /** Output rows with an error instead of a score: rejected lead rows, and leads the runtime could not score. */
  readonly errorRows: number;
  /** The first issues of each code, leads before events (all of them are in `issuesPath`). */
  readonly issues: readonly RowIssue[];
  /** Every issue counted by code. */
  readonly issueCounts: Readonly<Record<string, number>>;
  /** One warning per model column the leads lack (absent, or empty in at least half of them), with the share of leads affected. */
  readonly warnings: readonly string[];
}

/** Output rows between progress updates while scoring. */
const SCORING_PROGRESS_EVERY = 8192;

/**
 * `leadlift score` at scale: one output row per input lead, in leads-file
 * order, then one error row per rejected lead row. Leads are held in memory;
 * events are streamed row by row into each lead's incremental runtime state
 * (`initialState` / `applyEvent` / `scoreAt`), so memory does not grow with
 * the events, and each lead is scored exactly as `scorer.score(lead,
 * itsEvents, moment)` would score it. Output and issues are written as they
 * are produced.
 * @throws LeadliftError for unreadable files, missing columns or a bad output extension.
 */
export async function scoreFiles(options: ScoreFilesOptions): Promise<ScoreFilesResult> {
  assertRowFileExtension(options.outPath);
  const progress = options.progress ?? SILENT_PROGRESS;
  const scorer = createScorer(options.model, { segments: options.segments });
  const issueFile = options.issuesPath ? await openIssueFile(options.issuesPath) : null;
  try {
    const rejectedLeadIssues: RowIssue[] = [];
    const issueCounts: Record<string, number> = {};
    const { leads, leadsFile } = await readLeads(options.leadsPath, options.config, progress, (issue) => {
      issueCounts[issue.code] = (issueCounts[issue.code] ?? 0) + 1;
      if (issue.severity === "rejected") rejectedLeadIssues.push(issue);
      issueFile?.write(issue);
    });
    await issueFile?.settle();
    const warnings = missingColumnWarnings(options.model, leads, leadsFile);
    const states = new LeadStates(scorer, leads.rows, options.at);

    let events: StreamedEvents | null = null;
    if (options.eventsPath) {
      const eventsStream = await openRowStream(options.eventsPath, { encoding: options.config.input.encoding });
      events = await withPhase(progress, "Reading events", eventsStream, (phase) =>
        streamEventsIntoStates(eventsStream, states, {
          config: options.config,
          rejectedLeadIds: leads.rejectedIds,
          leadsFile,
          onIssue: issueFile ? (issue) => issueFile.write(issue) : undefined,
          onBatch: async (rowsRead) => {
            phase.update(eventsStream.progress().done, rowsRead);
            await issueFile?.settle();
          },
        }),
      );
    }

    let scored = 0;
    let sdrReady = 0;
    let errorRows = 0;
    const phase = progress.phase("Scoring leads", leads.rows.length, "leads");
    function* outputRows(): Generator<ScoredRow> {
      for (let index = 0; index < leads.rows.length; index++) {
        const row = states.takeRow(index, leadsFile);
        if (row.error === null) scored += 1;
        else errorRows += 1;
        if (row.sdr_ready === true) sdrReady += 1;
        options.onRow?.(row);
        if ((index + 1) % SCORING_PROGRESS_EVERY === 0) phase.update(index + 1, index + 1);
        yield row;
      }
      phase.update(leads.rows.length, leads.rows.length);
      for (const issue of rejectedLeadIssues) {
        const row = rejectedLeadRow(issue);
        errorRows += 1;
        options.onRow?.(row);
        yield row;
      }
    }
    try {
      await writeRows(outputRows(), SCORED_ROW_COLUMNS, options.outPath);
    } finally {
      phase.finish();
    }

    for (const [code, count] of events?.countsByCode ?? []) issueCounts[code] = (issueCounts[code] ?? 0) + count;
    return {
      leads: leads.summary,
      events: events && { summary: events.summary, counted: events.counted, afterMoment: events.afterMoment },
      scored,
      sdrReady,
      errorRows,
      issues: [...leads.issues, ...(events?.issues ?? [])],
      issueCounts,
      warnings,
    };
  } finally {
    await issueFile?.close();
  }
}

/**
 * A warning for each column a model feature reads that the leads file does
 * not have, or leaves empty for at least half of the leads: those leads score
 * the feature as "(missing)", which is rarely what was meant.
 */
export function missingColumnWarnings(model: ModelV1, leads: LoadedLeads, leadsFile: string): string[] {
  const warnings: string[] = [];
  const total = leads.rows.length;
  if (total === 0) return warnings;
  const seen = new Set<string>();
  for (const feature of model.profile.features) {
    if (seen.has(feature.column)) continue;
    seen.add(feature.column);
    const isAccount = feature.column === "account_id";
    const present = isAccount || leads.profileColumns.includes(feature.column);
    let empty = 0;
    for (const lead of leads.rows) {
      const value = isAccount ? lead.accountId : present ? lead.profile[feature.column] : null;
      if (value === null || value === undefined) empty += 1;
    }
    if (present && empty < total / 2) continue;
    const share = `${((100 * empty) / total).toFixed(empty === total ? 0 : 1)}%`;
    const why = present ? `is empty for ${empty} of ${total} leads (${share})` : `has no column ${JSON.stringify(feature.column)}`;
    warnings.push(`${leadsFile} ${why}, which the model's ${feature.role.toUpperCase()} feature ${JSON.stringify(feature.name)} reads: ${share} of leads score it as "(missing)". Add the column, or map it with "columns" in the config.`);
  }
  return warnings;
}

/**
 * Reads and validates the leads file, in a function of its own so that the
 * raw table's column arrays are released once the lead records are built
 * (the scoring phase needs only the records).
 */
async function readLeads(path: string, config: LeadliftConfig, progress: Progress, onIssue: IssueListener): Promise<{ leads: LoadedLeads; leadsFile: string }> {
  const stream = await openRowStream(path, { encoding: config.input.encoding });
  const table = await withPhase(progress, "Reading leads", stream, (phase) => collectTable(stream, (rows) => phase.update(stream.progress().done, rows)));
  return { leads: loadLeads(table, config, [], { onIssue }), leadsFile: table.file };
}

/** Runs one reading phase with a progress bar sized to the stream's input. */
async function withPhase<T>(progress: Progress, label: string, stream: RowStream, run: (phase: PhaseProgress) => Promise<T>): Promise<T> {
  const { total, unit } = stream.progress();
  const phase = progress.phase(label, total, unit);
  try {
    return await run(phase);
  } finally {
    phase.finish();
  }
}
