import { readFile } from "node:fs/promises";
import { Command } from "commander";
import { assertSegments, ScoringError, type Segment } from "leadlift-runtime";
import { parseInstant } from "leadlift-runtime/internal";
import { ACCOUNT_METHODS, type AccountMethod } from "../api/account-methods.js";
import type { ScoreResult } from "../api/score.js";
import { LeadliftError, UsageError } from "../errors.js";
import { formatIssues } from "./shared-options.js";

async function readSegments(path: string): Promise<Segment[]> {
  try {
    return assertSegments(JSON.parse(await readFile(path, "utf8")));
  } catch (error) {
    const reason = error instanceof ScoringError || error instanceof SyntaxError ? error.message : String(error);
    throw new LeadliftError("invalid-segments", `${path}: ${reason}`);
  }
}

/** Parses `--account-method`, listing the allowed values from the same constant. */
function parseAccountMethod(text: string): AccountMethod {
  if (!(ACCOUNT_METHODS as readonly string[]).includes(text)) {
    throw new UsageError("bad-option", `Option "--account-method" must be one of ${ACCOUNT_METHODS.join(", ")}. Got ${JSON.stringify(text)}.`);
  }
  return text as AccountMethod;
}

/** Parses `--account-k`: a whole number of at least 1. */
function parseAccountK(text: string): number {
  const k = Number(text);
  if (!Number.isInteger(k) || k < 1) throw new UsageError("bad-option", `Option "--account-k" must be a whole number of at least 1. Got ${JSON.stringify(text)}.`);
  return k;
}

/** `leadlift score`: one output row for every input lead (the library's `score`); events are streamed. */
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
    .option("--account-method <method>", `${ACCOUNT_METHODS.join(", ")}`, parseAccountMethod, "top-k-sum")
    .option("--account-k <k>", "k for top-k-sum (default: the model's, else 3)", parseAccountK)
    .option("--issues <file>", "write every row issue (.csv or .jsonl) as it is found")
    .action(async (flags) => {
      const at = flags.at === undefined ? Date.now() : parseInstant(flags.at);
      if (at === null) throw new UsageError("bad-option", `Option "--at" must be an ISO 8601 date such as 2025-03-01T00:00:00Z. Got ${JSON.stringify(flags.at)}.`);
      const [{ assertOutputsSafe }, { assertRowFileExtension }, api] = await Promise.all([import("../io/safe-output.js"), import("../batch/write-rows.js"), import("../index.js")]);
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
      const config = await api.loadConfig(flags.config);
      const model = await api.readModel(flags.model);
      const segments = flags.segments ? await readSegments(flags.segments) : undefined;
      const result = await api.score(model, {
        leads: flags.leads,
        events: flags.events,
        out: flags.out,
        at,
        config,
        segments,
        issues: flags.issues,
        accounts: flags.accounts ? { out: flags.accounts, method: flags.accountMethod, k: flags.accountK } : undefined,
        progress: api.createProgress(process.stderr),
      });
      if (result.accounts && flags.accounts) {
        const { accounts, sdrReady, leadsWithoutAccount } = result.accounts;
        console.log(`Rolled up ${accounts} accounts (${sdrReady} SDR-ready); ${leadsWithoutAccount} leads have no account. Wrote ${flags.accounts}.`);
      }
      for (const warning of result.warnings) console.error(`Warning: ${warning}`);
      const text = formatIssues(result.issues, result.issueCounts);
      if (text) console.error(text);
      console.log(summaryLine(result, flags.out, flags.issues));
    });
}

/** The closing line: what was scored, and how every lead and event row was accounted for. */
export function summaryLine(result: ScoreResult, out: string, issuesPath: string | undefined): string {
  const events = result.events;
  const eventPart = events
    ? `${events.summary.used} events used (${events.counted} counted, ${events.afterMoment} at or after their lead's scoring moment), ${events.summary.skipped} skipped, ${events.summary.rejected} rejected`
    : "no events file";
  const issuesPart = issuesPath ? ` Wrote row issues to ${issuesPath}.` : "";
  const files = [result.leads, ...(events ? [events.summary] : [])].map((f) => `\n  ${f.file}: ${f.rows} rows — ${f.used} used, ${f.skipped} skipped, ${f.rejected} rejected`).join("");
  return `Scored ${result.scored} leads (${result.sdrReady} SDR-ready), ${result.errorRows} error rows; ${eventPart}. Wrote ${out}.${issuesPart}${files}`;
}
