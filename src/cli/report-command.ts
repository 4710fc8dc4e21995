import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import { Command } from "commander";
import { loadConfig } from "../config/load-config.js";
import { LeadliftError } from "../errors.js";
import { loadCrm } from "../io/load-crm.js";
import { readModel } from "../model/export-model.js";
import { reportData } from "../report/report-data.js";
import { renderHtml } from "../report/render-html.js";
import { renderMarkdown } from "../report/render-markdown.js";

/** `leadlift report`: the calibration report as HTML, Markdown or JSON (by extension). */
export function reportCommand(): Command {
  return new Command("report")
    .description("Calibration report of a model on an export: HTML with charts, Markdown or JSON.")
    .requiredOption("--model <file>", "model JSON")
    .requiredOption("--leads <file>", "leads file")
    .option("--events <file>", "events file")
    .option("--outcomes <file>", "outcomes file")
    .requiredOption("--out <file>", "report.html, report.md or report.json")
    .option("--previous <file>", "previous model JSON, for drift and changes")
    .option("--config <file>", "config JSON with the column mapping")
    .action(async (flags) => {
      const extension = extname(flags.out).toLowerCase();
      if (![".html", ".md", ".json"].includes(extension)) {
        throw new LeadliftError("unsupported-format", `Option "--out" must end in .html, .md or .json. Got ${JSON.stringify(flags.out)}.`);
      }
      const config = await loadConfig(flags.config);
      const model = await readModel(flags.model);
      const previous = flags.previous ? await readModel(flags.previous) : undefined;
      const crm = await loadCrm({ leads: flags.leads, events: flags.events, outcomes: flags.outcomes }, config);
      const data = reportData(model, crm, config, { now: new Date(), previous });
      const text = extension === ".html" ? await renderHtml(data) : extension === ".md" ? renderMarkdown(data) : `${JSON.stringify(data, null, 2)}\n`;
      await writeFile(flags.out, text, "utf8");
      console.log(`${data.verdict.text}\nWrote ${flags.out}.`);
    });
}
