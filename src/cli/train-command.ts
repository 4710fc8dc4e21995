import { Command } from "commander";
import { formatIssues, parseBand, parseCount, parseEngine, parseMode, parsePositive, trainingOverrides } from "./shared-options.js";

/** `leadlift train`: load, train (the library's `train`), write the model, print the summary. */
export function trainCommand(): Command {
  return new Command("train")
    .description("Learn action and profile points from a CRM export and write a model JSON.")
    .requiredOption("--leads <file>", "leads file (.csv, .jsonl or .parquet)")
    .option("--events <file>", "events file; omit when behaviour is aggregated in lead columns")
    .option("--outcomes <file>", "outcomes file; omit when outcome columns are in the leads file")
    .requiredOption("--out <file>", "where to write the model JSON")
    .option("--config <file>", "config JSON: column mapping, outcome values, options")
    .option("--target-close-rate <band>", "close-rate band for the SDR-ready threshold, e.g. 0.10-0.15", parseBand)
    .option("--mode <mode>", "lift | logistic | auto (default lift)", parseMode)
    .option("--window-days <days>", "observation window from creation, in days (default 90)", parsePositive)
    .option("--min-lift <points>", "drop actions whose |lift| is under this many points (default 5)", parseCount)
    .option("--max-actions <n>", "keep at most this many actions (default 20)", parseCount)
    .option("--sdr-capacity <leads>", "leads the SDR team can contact per day (enables the capacity check)", parsePositive)
    .option("--holdout-share <share>", "share of the latest leads held out for the out-of-time check (default 0.25)", parsePositive)
    .option("--sales-cycle-days <days>", "sales-cycle window in days (default: measured mean)", parsePositive)
    .option("--allow-cold-start", "with too few won deals, use the documented cold-start rules instead of refusing")
    .option("--engine <engine>", "auto | in-process | duckdb: where events are read and statistics counted (default auto: DuckDB for large event files)", parseEngine)
    .option("--issues <file>", "write every row issue to this CSV/JSONL file (also when training then fails)")
    .action(async (flags) => {
      const [{ assertOutputsSafe }, { openIssueFile }, api] = await Promise.all([import("../io/safe-output.js"), import("../batch/issue-file.js"), import("../index.js")]);
      await assertOutputsSafe(
        [{ flag: "--leads", path: flags.leads }, flags.events && { flag: "--events", path: flags.events }, flags.outcomes && { flag: "--outcomes", path: flags.outcomes }, flags.config && { flag: "--config", path: flags.config }],
        [{ flag: "--out", path: flags.out }, flags.issues && { flag: "--issues", path: flags.issues }],
      );
      const config = api.withOverrides(await api.loadConfig(flags.config), trainingOverrides(flags));
      const issueFile = flags.issues ? await openIssueFile(flags.issues) : null;
      let crm: import("../index.js").CrmData;
      try {
        crm = await api.loadCrm({ leads: flags.leads, events: flags.events, outcomes: flags.outcomes }, config, { onIssue: issueFile ? (issue) => issueFile.write(issue) : undefined });
      } finally {
        await issueFile?.close();
      }
      let model: import("../index.js").ModelV1;
      try {
        model = await api.train(crm, config);
      } finally {
        api.closeCrm(crm, { keepEvents: false });
      }
      await api.exportModel(model, flags.out);
      const issues = formatIssues(crm.issues, crm.issueCounts);
      if (issues) console.error(issues);
      console.log(api.renderTrainingSummary(model, flags.out));
    });
}
