import { Command } from "commander";
import { scoreBatch } from "../batch/score-batch.js";
import { writeRows } from "../batch/write-rows.js";
import { loadConfig } from "../config/load-config.js";
import { LeadliftError } from "../errors.js";
import { loadEvents } from "../io/load-events.js";
import { loadLeads } from "../io/load-leads.js";
import { readTable } from "../io/read-table.js";
import { readModel } from "../model/export-model.js";
import { parseInstant } from "../runtime/parse-instant.js";
import { rollUpAccounts, assertSegments, ScoringError, type Segment } from "../runtime/index.js";
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

const OUTPUT_COLUMNS = ["lead_id", "account_id", "score", "fit", "pain", "probability", "sdr_ready", "segment", "scored_at", "reasons", "error"] as const;
const ACCOUNT_COLUMNS = ["account_id", "score", "leads", "sdr_ready_leads", "top_leads", "sdr_ready"] as const;
const ACCOUNT_METHODS = ["top-k-sum", "max", "mean"] as const;

/** `leadlift score`: one output row for every input lead. */
export function scoreCommand(): Command {
  return new Command("score")
    .description("Score leads with a model: one output row per input lead.")
    .requiredOption("--model <file>", "model JSON written by leadlift train")
    .requiredOption("--leads <file>", "leads file (.csv or .jsonl)")
    .option("--events <file>", "events file (.csv or .jsonl)")
    .requiredOption("--out <file>", "output file (.csv or .jsonl)")
    .option("--at <iso>", "score leads without an as_of column at this moment (default: now)")
    .option("--config <file>", "config JSON with the column mapping used in training")
    .option("--segments <file>", 'JSON list of named score bands, e.g. [{"name":"new"},{"name":"warm","from":20}]')
    .option("--accounts <file>", "also write the account roll-up (.csv or .jsonl)")
    .option("--account-method <method>", "top-k-sum (default), max or mean", "top-k-sum")
    .option("--account-k <k>", "k for top-k-sum (default 3)", "3")
    .action(async (flags) => {
      const at = flags.at === undefined ? Date.now() : parseInstant(flags.at);
      if (at === null) throw new LeadliftError("bad-option", `Option "--at" must be an ISO 8601 date. Got ${JSON.stringify(flags.at)}.`);
      const config = await loadConfig(flags.config);
      const model = await readModel(flags.model);
      const leads = loadLeads(await readTable(flags.leads), config);
      const ids = new Set(leads.rows.map((l) => l.leadId));
      const events = flags.events ? loadEvents(await readTable(flags.events), config, ids) : null;
      const rejected = leads.issues.filter((i) => i.severity === "rejected");
      if (rejected.length < leads.summary.rejected) {
        throw new LeadliftError("too-many-issues", `${leads.summary.rejected} lead rows were rejected; fix the leads file first (first: ${rejected[0]?.message}).`);
      }
      if (!(ACCOUNT_METHODS as readonly string[]).includes(flags.accountMethod)) {
        throw new LeadliftError("bad-option", `Option "--account-method" must be one of ${ACCOUNT_METHODS.join(", ")}. Got ${JSON.stringify(flags.accountMethod)}.`);
      }
      const segments = flags.segments ? await readSegments(flags.segments) : undefined;
      const rows = scoreBatch(model, leads.rows, events?.rows ?? [], rejected, { at, segments });
      await writeRows(rows as unknown as Record<string, unknown>[], OUTPUT_COLUMNS, flags.out);
      if (flags.accounts) {
        const scored = rows.filter((r) => r.score !== null).map((r) => ({ accountId: r.account_id, leadId: r.lead_id, score: r.score as number, sdrReady: r.sdr_ready === true }));
        const { accounts, leadsWithoutAccount } = rollUpAccounts(scored, { method: flags.accountMethod, k: Number(flags.accountK), threshold: model.threshold.score });
        await writeRows(accounts.map((a) => ({ ...a, top_leads: a.top_leads.join(" ") })), ACCOUNT_COLUMNS, flags.accounts);
        console.log(`Rolled up ${accounts.length} accounts (${accounts.filter((a) => a.sdr_ready).length} SDR-ready); ${leadsWithoutAccount} leads have no account. Wrote ${flags.accounts}.`);
      }
      const issues = [...leads.issues, ...(events?.issues ?? [])];
      const counts: Record<string, number> = {};
      for (const issue of issues) counts[issue.code] = (counts[issue.code] ?? 0) + 1;
      const text = formatIssues(issues, counts);
      if (text) console.error(text);
      const ready = rows.filter((r) => r.sdr_ready).length;
      console.log(`Scored ${leads.rows.length} leads (${ready} SDR-ready), ${rejected.length} error rows; ${events?.summary.used ?? 0} events used, ${events?.summary.rejected ?? 0} rejected. Wrote ${flags.out}.`);
    });
}
