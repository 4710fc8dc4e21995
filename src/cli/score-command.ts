import { Command } from "commander";
import { createProgress } from "../batch/progress.js";
import { scoreFiles, type ScoreFilesResult } from "../batch/score-files.js";
import { assertRowFileExtension, writeRows } from "../batch/write-rows.js";
import { loadConfig } from "../config/load-config.js";
import { LeadliftError, UsageError } from "../errors.js";
import { assertOutputsSafe } from "../io/safe-output.js";
import { readModel } from "../model/export-model.js";
import type { ModelV1 } from "../model/types.js";
import { parseInstant } from "leadlift-runtime/internal";
import { rollUpAccounts, assertSegments, ScoringError, type AccountRollUpOptions, type Segment, type ScoredLeadForAccount } from "leadlift-runtime";
import { readFile } from "node:fs/promises";
import { formatIssues } from "./shared-options.js";

async function readSegments(path: string): Promise<Segment[]> {
  try {
    return assertSegments(JSON.parse(await readFile(path, "utf8")));
  } catch (error) {
    const reason = error instanceof ScoringError || error instanceof SyntaxError ? error.message : String(error);
    throw new LeadliftError("invalid-segments", `${path}: ${reason}`);
  }
}

const ACCOUNT_COLUMNS = ["account_id", "score", "leads", "sdr_ready_leads", "top_leads", "sdr_ready"] as const;
const ACCOUNT_METHODS = ["top-k-sum", "max", "mean"] as const;

/**
 * Roll-up options: the account threshold the model learned from account-level outcomes when the
 * roll-up is the one it was learned for (top-k sum with the same k), else the default committee rule.
 */
export function accountRollUpOptions(model: ModelV1, method: (typeof ACCOUNT_METHODS)[number], kText: string | undefined): AccountRollUpOptions {
  const learned = model.accounts;
  const k = kText === undefined ? (learned?.k ?? 3) : Number(kText);
  if (!Number.isInteger(k) || k < 1) throw new UsageError("bad-option", `Option "--account-k" must be a whole number of at least 1. Got ${JSON.stringify(kText)}.`);
  const sameRollUp = learned !== null && learned.threshold !== null && method === "top-k-sum" && k === learned.k;
  return { method, k, threshold: model.threshold.score, ...(sameRollUp ? { accountThreshold: learned.threshold as number } : {}) };
}

/** `leadlift score`: one output row for every input lead; events are streamed. */
export function scoreCommand(): Command {
  return new Command("score")
    .description("Score leads with a model: one output row per input lead.")
    .requiredOption("--model <file>", "model JSON written by leadlift train")
    .requiredOption("--leads <file>", "leads file (.csv, .jsonl or .parquet)")
    .option("--events <file>", "events file (.csv, .jsonl or .parquet), read as a stream")
    .requiredOption("--out <file>", "output file (.csv or .jsonl)")
    .option("--at <iso>", "score leads without an as_of column at this moment (default: now)")
    .option("--config <file>", "config JSON with the column mapping used in training")
    .option("--segments <file>", 'JSON list of named score bands, e.g. [{"name":"new"},{"name":"warm","from":20}]')
    .option("--accounts <file>", "also write the account roll-up (.csv or .jsonl)")
    .option("--account-method <method>", "top-k-sum, max or mean", "top-k-sum")
    .option("--account-k <k>", "k for top-k-sum (default: the model's, else 3)")
    .option("--issues <file>", "write every row issue (.csv or .jsonl) as it is found")
    .action(async (flags) => {
      const at = flags.at === undefined ? Date.now() : parseInstant(flags.at);
      if (at === null) throw new UsageError("bad-option", `Option "--at" must be an ISO 8601 date such as 2025-03-01T00:00:00Z. Got ${JSON.stringify(flags.at)}.`);
      if (!(ACCOUNT_METHODS as readonly string[]).includes(flags.accountMethod)) {
        throw new UsageError("bad-option", `Option "--account-method" must be one of ${ACCOUNT_METHODS.join(", ")}. Got ${JSON.stringify(flags.accountMethod)}.`);
      }
      assertRowFileExtension(flags.out);
      if (flags.accounts) assertRowFileExtension(flags.accounts);
      await assertOutputsSafe(
        [
          { flag: "--model", path: flags.model },
          { flag: "--leads", path: flags.leads },
          flags.events && { flag: "--events", path: flags.events },
          flags.config && { flag: "--config", path: flags.config },
          flags.segments && { flag: "--segments", path: flags.segments },
        ],
        [{ flag: "--out", path: flags.out }, flags.issues && { flag: "--issues", path: flags.issues }, flags.accounts && { flag: "--accounts", path: flags.accounts }],
      );
      const config = await loadConfig(flags.config);
      const model = await readModel(flags.model);
      const segments = flags.segments ? await readSegments(flags.segments) : undefined;
      const forAccounts: ScoredLeadForAccount[] = [];
      const result = await scoreFiles({
        model,
        config,
        leadsPath: flags.leads,
        eventsPath: flags.events,
        outPath: flags.out,
        at,
        segments,
        issuesPath: flags.issues,
        progress: createProgress(process.stderr),
        onRow: flags.accounts
          ? (row) => {
              if (row.score !== null) forAccounts.push({ accountId: row.account_id, leadId: row.lead_id, score: row.score, sdrReady: row.sdr_ready === true });
            }
          : undefined,
      });
      if (flags.accounts) {
        const { accounts, leadsWithoutAccount } = rollUpAccounts(forAccounts, accountRollUpOptions(model, flags.accountMethod, flags.accountK));
        await writeRows(accounts.map((a) => ({ ...a, top_leads: a.top_leads.join(" ") })), ACCOUNT_COLUMNS, flags.accounts);
        console.log(`Rolled up ${accounts.length} accounts (${accounts.filter((a) => a.sdr_ready).length} SDR-ready); ${leadsWithoutAccount} leads have no account. Wrote ${flags.accounts}.`);
      }
      for (const warning of result.warnings) console.error(`Warning: ${warning}`);
      const text = formatIssues(result.issues, result.issueCounts);
      if (text) console.error(text);
      console.log(summaryLine(result, flags.out, flags.issues));
    });
}

/** The closing line: what was scored, and how every lead and event row was accounted for. */
export function summaryLine(result: ScoreFilesResult, out: string, issuesPath: string | undefined): string {
  const events = result.events;
  const eventPart = events
    ? `${events.summary.used} events used (${events.counted} counted, ${events.afterMoment} at or after their lead's scoring moment), ${events.summary.skipped} skipped, ${events.summary.rejected} rejected`
    : "no events file";
  const issuesPart = issuesPath ? ` Wrote row issues to ${issuesPath}.` : "";
  const files = [result.leads, ...(events ? [events.summary] : [])].map((f) => `\n  ${f.file}: ${f.rows} rows — ${f.used} used, ${f.skipped} skipped, ${f.rejected} rejected`).join("");
  return `Scored ${result.scored} leads (${result.sdrReady} SDR-ready), ${result.errorRows} error rows; ${eventPart}. Wrote ${out}.${issuesPart}${files}`;
}
