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
import { formatIssues } from "./shared-options.js";

const OUTPUT_COLUMNS = ["lead_id", "score", "fit", "pain", "probability", "sdr_ready", "scored_at", "reasons", "error"] as const;

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
      const rows = scoreBatch(model, leads.rows, events?.rows ?? [], rejected, { at });
      await writeRows(rows as unknown as Record<string, unknown>[], OUTPUT_COLUMNS, flags.out);
      const issues = [...leads.issues, ...(events?.issues ?? [])];
      const counts: Record<string, number> = {};
      for (const issue of issues) counts[issue.code] = (counts[issue.code] ?? 0) + 1;
      const text = formatIssues(issues, counts);
      if (text) console.error(text);
      const ready = rows.filter((r) => r.sdr_ready).length;
      console.log(`Scored ${leads.rows.length} leads (${ready} SDR-ready), ${rejected.length} error rows; ${events?.summary.used ?? 0} events used, ${events?.summary.rejected ?? 0} rejected. Wrote ${flags.out}.`);
    });
}
