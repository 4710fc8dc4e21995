import { rollUpAccounts, type AccountRollUpOptions, type ScoredLeadForAccount, type Segment } from "leadlift-runtime";
import type { Progress } from "../batch/progress.js";
import { scoreFiles, type ScoreFilesResult } from "../batch/score-files.js";
import { assertRowFileExtension, writeRows } from "../batch/write-rows.js";
import { UsageError } from "../errors.js";
import { assertOutputsSafe } from "../io/safe-output.js";
import type { ModelV1 } from "../model/types.js";
import { parseInstant } from "leadlift-runtime/internal";
import { ACCOUNT_METHODS, type AccountMethod } from "./account-methods.js";
import { resolveConfig, type ConfigInput } from "./config-input.js";


/** Columns of the account roll-up file. */
export const ACCOUNT_COLUMNS = ["account_id", "score", "leads", "sdr_ready_leads", "top_leads", "sdr_ready"] as const;

/** Options for `score`: the files `leadlift score` reads and writes, and its settings. */
export interface ScoreOptions {
  /** Leads file (CSV, JSON Lines or Parquet), held in memory. */
  readonly leads: string;
  /** Events file, streamed into each lead's runtime state. Default none. */
  readonly events?: string;
  /** Output file, `.csv` or `.jsonl`: one row per input lead. */
  readonly out: string;
  /** Moment to score leads without an `as_of` (ISO text, Date or epoch ms). Default: now. */
  readonly at?: string | Date | number;
  /** Column mapping and reading settings, as in training. Default: all defaults. */
  readonly config?: ConfigInput;
  /** Named score bands for the `segment` column. Default none. */
  readonly segments?: readonly Segment[];
  /** Writes every row issue here as it is found (`.csv` or `.jsonl`). Default none. */
  readonly issues?: string;
  /** Also writes the account roll-up (`.csv` or `.jsonl`). Default none. */
  readonly accounts?: { readonly out: string; readonly method?: AccountMethod; readonly k?: number };
  /** Progress display (e.g. `createProgress(process.stderr)`). Default silent. */
  readonly progress?: Progress;
}

/** What `score` read and wrote: every input row accounted for. */
export interface ScoreResult extends ScoreFilesResult {
  /** The account roll-up written to `accounts.out`; null without one. */
  readonly accounts: { readonly accounts: number; readonly sdrReady: number; readonly leadsWithoutAccount: number } | null;
}

/**
 * Scores a leads file with a model exactly as `leadlift score` does: one
 * output row per input lead (rejected rows become error rows keeping their
 * `lead_id`), each scored by the runtime scorer as of its `as_of`, else
 * `at`, counting only events before that moment; events are streamed, so
 * memory grows with the leads, not the events. Optionally rolls the scores
 * up to accounts. For leads already in memory, use `createScorer` from
 * leadlift-runtime. Outputs are checked first: none may be an input or
 * another output, and each must be writable (see `leadlift score`).
 * @throws UsageError for a bad `at`, account method or k, an output extension or path; LeadliftError for unreadable files or columns.
 */
export async function score(model: ModelV1, options: ScoreOptions): Promise<ScoreResult> {
  const at = momentOf(options.at);
  assertRowFileExtension(options.out);
  const rollUp = options.accounts ? accountRollUpOptions(model, options.accounts.method ?? "top-k-sum", options.accounts.k) : null;
  if (options.accounts) assertRowFileExtension(options.accounts.out);
  await assertOutputsSafe(
    [{ flag: "leads", path: options.leads }, options.events === undefined ? null : { flag: "events", path: options.events }],
    [{ flag: "out", path: options.out }, options.issues === undefined ? null : { flag: "issues", path: options.issues }, options.accounts ? { flag: "accounts.out", path: options.accounts.out } : null],
  );
  const forAccounts: ScoredLeadForAccount[] = [];
  const result = await scoreFiles({
    model,
    config: resolveConfig(options.config),
    leadsPath: options.leads,
    eventsPath: options.events,
    outPath: options.out,
    at,
    segments: options.segments,
    issuesPath: options.issues,
    progress: options.progress,
    onRow: rollUp
      ? (row) => {
          if (row.score !== null) forAccounts.push({ accountId: row.account_id, leadId: row.lead_id, score: row.score, sdrReady: row.sdr_ready === true });
        }
      : undefined,
  });
  if (!rollUp || !options.accounts) return { ...result, accounts: null };
  const { accounts, leadsWithoutAccount } = rollUpAccounts(forAccounts, rollUp);
  await writeRows(accounts.map((a) => ({ ...a, top_leads: a.top_leads.join(" ") })), ACCOUNT_COLUMNS, options.accounts.out);
  return { ...result, accounts: { accounts: accounts.length, sdrReady: accounts.filter((a) => a.sdr_ready).length, leadsWithoutAccount } };
}

/**
 * Roll-up options: the account threshold the model learned from account-level outcomes when the
 * roll-up is the one it was learned for (top-k sum with the same k), else the default committee rule.
 * @throws UsageError for an unknown method or a k that is not a whole number of at least 1.
 */
export function accountRollUpOptions(model: ModelV1, method: AccountMethod, k: number | undefined): AccountRollUpOptions {
  if (!(ACCOUNT_METHODS as readonly string[]).includes(method)) {
    throw new UsageError("bad-option", `Option "accounts.method" must be one of ${ACCOUNT_METHODS.join(", ")}. Got ${JSON.stringify(method)}.`);
  }
  const learned = model.accounts;
  const chosenK = k ?? learned?.k ?? 3;
  if (!Number.isInteger(chosenK) || chosenK < 1) throw new UsageError("bad-option", `Option "accounts.k" must be a whole number of at least 1. Got ${String(k)}.`);
  const sameRollUp = learned !== null && learned.threshold !== null && method === "top-k-sum" && chosenK === learned.k;
  return { method, k: chosenK, threshold: model.threshold.score, ...(sameRollUp ? { accountThreshold: learned.threshold as number } : {}) };
}

/** The scoring moment in epoch ms: `at` (ISO text, Date or epoch ms), else now. */
function momentOf(at: ScoreOptions["at"]): number {
  if (at === undefined) return Date.now();
  const ms = typeof at === "string" ? parseInstant(at) : at instanceof Date ? at.getTime() : at;
  if (ms === null || !Number.isFinite(ms)) {
    throw new UsageError("bad-option", `Option "at" must be an ISO 8601 date such as 2025-03-01T00:00:00Z, a Date or epoch milliseconds. Got ${typeof at === "string" ? JSON.stringify(at) : String(at)}.`);
  }
  return ms;
}
