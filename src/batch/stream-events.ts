import type { LeadliftConfig } from "../config/config-schema.js";
import { assertRowsReadable, IssueLog, type IssueListener } from "../io/issue-log.js";
import { assertEventColumnsReadable, createEventRowValidator, resolveEventColumns } from "../io/load-events.js";
import type { RowProblem } from "../io/row-stream.js";
import type { FileSummary, RowIssue } from "../io/records.js";
import type { RowStream } from "../io/row-stream.js";
import type { LeadStates } from "./lead-states.js";

export interface StreamEventsOptions {
  readonly config: LeadliftConfig;
  /** Ids of rejected lead rows → their row, so their events say why they are rejected. */
  readonly rejectedLeadIds: ReadonlyMap<string, number>;
  /** Leads file name, for those messages. */
  readonly leadsFile: string;
  /** Sees every issue (e.g. to write them all to `--issues`). */
  readonly onIssue?: IssueListener;
  /** Awaited after each batch of rows, with the rows read so far (progress, flushing the issues file). */
  readonly onBatch?: (rowsRead: number) => Promise<void> | void;
}

/** Accounting for an events file streamed into lead states. */
export interface StreamedEvents {
  /** Every row used, skipped or rejected. */
  readonly summary: FileSummary;
  /** The first issues of each code (`MAX_ISSUES_PER_CODE`); `countsByCode` has them all. */
  readonly issues: readonly RowIssue[];
  readonly countsByCode: ReadonlyMap<string, number>;
  /** Valid events applied to their lead (before its scoring moment). */
  readonly counted: number;
  /** Valid events at or after their lead's scoring moment: used rows that earn nothing. */
  readonly afterMoment: number;
}

/**
 * Reads an events file row by row, validates each row exactly as
 * `loadEvents` does (shared validator), and feeds each valid event to its
 * lead's state. Nothing is kept per event, so memory does not grow with the
 * file. An event the runtime rejects is a rejected row, and its lead an
 * error row.
 * @throws LeadliftError "missing-columns" when the file lacks a contract column.
 */
export async function streamEventsIntoStates(stream: RowStream, states: LeadStates, options: StreamEventsOptions): Promise<StreamedEvents> {
  const columns = resolveEventColumns(stream, options.config);
  const log = new IssueLog(stream.file, options.onIssue);
  const validate = createEventRowValidator({
    file: stream.file,
    columns,
    config: options.config,
    knownLeadIds: states,
    rejectedLeadIds: options.rejectedLeadIds,
    leadsFile: options.leadsFile,
    log,
  });
  const idColumn = stream.columnNames.indexOf(columns.lead_id);
  const actionColumn = stream.columnNames.indexOf(columns.action);
  const timeColumn = stream.columnNames.indexOf(columns.occurred_at);
  const categoryColumn = columns.category === null ? -1 : stream.columnNames.indexOf(columns.category);
  const wanted = [columns.lead_id, columns.action, columns.occurred_at, ...(columns.category === null ? [] : [columns.category])];
  let rowsRead = 0;
  let counted = 0;
  let afterMoment = 0;
  const firstProblems: RowProblem[] = [];
  let rejectedByReader = 0;
  for await (const batch of stream.batches({ columns: wanted })) {
    const { rows, rowNumbers } = batch;
    for (const problem of batch.problems) {
      log.record(problem);
      if (problem.severity === "rejected") {
        rejectedByReader += 1;
        if (firstProblems.length === 0) firstProblems.push(problem);
      }
    }
    for (let r = 0; r < rows.length; r++) {
      const cells = rows[r];
      const row = rowNumbers[r];
      const event = validate(row, cells[idColumn], cells[actionColumn], cells[timeColumn], categoryColumn < 0 ? null : cells[categoryColumn]);
      if (event === null) continue;
      const outcome = states.apply(event, stream.file, row);
      if (outcome === "counted") counted += 1;
      else if (outcome === "after-moment") afterMoment += 1;
      else if (outcome === "failed") log.reject(row, null, "scoring-error", null, states.errorOf(event.leadId) ?? `${stream.file} row ${row}: the scorer rejected this event.`);
    }
    rowsRead += rows.length + batch.problems.length;
    await options.onBatch?.(rowsRead);
  }
  if (rejectedByReader > 0) assertRowsReadable(stream.file, Array.from({ length: rejectedByReader }, () => firstProblems[0]), rowsRead);
  assertEventColumnsReadable(log, columns, rowsRead, options.config);
  return { summary: log.summary(rowsRead), issues: log.issues, countsByCode: log.countsByCode, counted, afterMoment };
}
