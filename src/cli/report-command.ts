import { extname } from "node:path";
import { assertOutputsSafe, writeFileAtomic } from "../io/safe-output.js";
import { Command } from "commander";
import { loadConfig, withOverrides } from "../config/load-config.js";
import { UsageError } from "../errors.js";
import { loadCrm } from "../io/load-crm.js";
import { readModel } from "../model/export-model.js";
import { reportData } from "../report/report-data.js";
import { renderHtml } from "../report/render-html.js";
import { renderMarkdown } from "../report/render-markdown.js";
import { parsePositive, trainingOverrides } from "./shared-options.js";

/** Report formats, by the extension of `--out`. */
const FORMATS = [".html", ".md", ".json"] as const;

/** `leadlift report`: the calibration report as HTML, Markdown or JSON (by extension). */
export function reportCommand(): Command {
  return new Command("report")
    .description("Calibration report of a model on an export: HTML with charts, Markdown or JSON.")
    .requiredOption("--model <file>", "model JSON")
    .requiredOption("--leads <file>", "leads file")
    .option("--events <file>", "events file")
    .option("--outcomes <file>", "outcomes file")
    .requiredOption("--out <file>", `report file: ${FORMATS.map((f) => `report${f}`).join(", ")}`)
    .option("--previous <file>", "previous model JSON, for drift and changes")
    .option("--config <file>", "config JSON with the column mapping")
    .option("--sdr-capacity <leads>", "leads the SDR team can contact per day (default: the capacity the model was calibrated with)", parsePositive)
    .option("--sales-cycle-days <days>", "sales-cycle window in days (default: the model's)", parsePositive)
    .action(async (flags) => {
      const extension = extname(flags.out).toLowerCase();
      if (!(FORMATS as readonly string[]).includes(extension)) {
        throw new UsageError("unsupported-format", `Option "--out" must end in ${FORMATS.join(", ")}. Got ${JSON.stringify(flags.out)}.`);
      }
      await assertOutputsSafe(
        [
          { flag: "--model", path: flags.model },
          { flag: "--leads", path: flags.leads },
          flags.events && { flag: "--events", path: flags.events },
          flags.outcomes && { flag: "--outcomes", path: flags.outcomes },
          flags.previous && { flag: "--previous", path: flags.previous },
          flags.config && { flag: "--config", path: flags.config },
        ],
        [{ flag: "--out", path: flags.out }],
      );
      const config = withOverrides(await loadConfig(flags.config), trainingOverrides({ sdrCapacity: flags.sdrCapacity, salesCycleDays: flags.salesCycleDays }));
      const model = await readModel(flags.model);
      const previous = flags.previous ? await readModel(flags.previous) : undefined;
      const crm = await loadCrm({ leads: flags.leads, events: flags.events, outcomes: flags.outcomes }, config);
      const data = reportData(model, crm, config, { now: new Date(), previous });
      const text = extension === ".html" ? await renderHtml(data) : extension === ".md" ? renderMarkdown(data) : `${JSON.stringify(data, null, 2)}\n`;
      await writeFileAtomic(flags.out, text);
      console.log(`${data.verdict.text}\nWrote ${flags.out}.`);
    });
}
