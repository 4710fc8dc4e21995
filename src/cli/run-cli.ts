import { Command, CommanderError } from "commander";
import { LeadliftError } from "../errors.js";
import { TOOL_VERSION } from "../version.js";
import { reportCommand } from "./report-command.js";
import { scoreCommand } from "./score-command.js";
import { serveCommand } from "./serve-command.js";
import { simulateCommand } from "./simulate-command.js";
import { sqlCommand } from "./sql-command.js";
import { trainCommand } from "./train-command.js";

/**
 * The `leadlift` CLI: parses arguments, calls the public API, prints, sets
 * the exit code (0 done, 1 bad input or data, 2 bad usage). No statistics here.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  const program = new Command("leadlift")
    .description("Lead scoring from your own CRM history.")
    .version(TOOL_VERSION)
    .exitOverride()
    .addCommand(trainCommand())
    .addCommand(scoreCommand())
    .addCommand(simulateCommand())
    .addCommand(serveCommand())
    .addCommand(reportCommand())
    .addCommand(sqlCommand());
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(argv as string[], { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof LeadliftError) {
      console.error(`leadlift: ${error.message}`);
      return 1;
    }
    throw error;
  }
}


