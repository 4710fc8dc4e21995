import { extname } from "node:path";
import { Command } from "commander";
import { UsageError } from "../errors.js";
import { parsePositive, trainingOverrides } from "./shared-options.js";

/** Report formats, by the extension of `--out`. */
const FORMATS = { ".html": "html", ".md": "markdown", ".json": "json" } as const;

/** `leadlift report`: the calibration report (the library's `report` + `renderReport`) as HTML, Markdown or JSON, by extension. */
export function reportCommand(): Command {
  const extensions = Object.keys(FORMATS);
  return new Command("report")
    .description("Calibration report of a model on an export: HTML with charts, Markdown or JSON.")
    .requiredOption("--model <file>", "model JSON")
    .requiredOption("--leads <file>", "leads file")
    .option("--events <file>", "events file")
    .option("--outcomes <file>", "outcomes file")
    .requiredOption("--out <file>", `report file: ${extensions.map((f) => `report${f}`).join(", ")}`)
    .option("--previous <file>", "previous model JSON, for drift and changes")
    .option("--config <file>", "config JSON with the column mapping")
    .option("--sdr-capacity <leads>", "leads the SDR team can contact per day (default: the capacity the model was calibrated with)", parsePositive)
    .option("--sales-cycle-days <days>", "sales-cycle window in days (default: the model's)", parsePositive)
    .action(async (flags) => {
      const extension = extname(flags.out).toLowerCase();
      if (!Object.hasOwn(FORMATS, extension)) {
        throw new UsageError("unsupported-format", `Option "--out" must end in ${extensions.join(", ")}. Got ${JSON.stringify(flags.out)}.`);
      }
      const [{ assertOutputsSafe, writeFileAtomic }, api] = await Promise.all([import("../io/safe-output.js"), import("../index.js")]);
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
      const config = api.withOverrides(await api.loadConfig(flags.config), trainingOverrides({ sdrCapacity: flags.sdrCapacity, salesCycleDays: flags.salesCycleDays }));
      const model = await api.readModel(flags.model);
      const previous = flags.previous ? await api.readModel(flags.previous) : undefined;
      const data = await api.report(model, { leads: flags.leads, events: flags.events, outcomes: flags.outcomes }, config, { previous });
      await writeFileAtomic(flags.out, await api.renderReport(data, FORMATS[extension as keyof typeof FORMATS]));
      console.log(`${data.verdict.text}\nWrote ${flags.out}.`);
    });
}
