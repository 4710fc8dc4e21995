import { Command, CommanderError } from "commander";
import { LeadliftError, UsageError } from "../errors.js";
import { ScoringError } from "leadlift-runtime";
import { TOOL_VERSION } from "../version.js";
import { reportCommand } from "./report-command.js";
import { scoreCommand } from "./score-command.js";
import { serveCommand } from "./serve-command.js";
import { simulateCommand } from "./simulate-command.js";
import { sqlCommand } from "./sql-command.js";
import { trainCommand } from "./train-command.js";
import { trainSqlCommand } from "./train-sql-command.js";

/** Exit codes: 0 done, 1 bad input or data (found by reading a file), 2 bad usage (found from the command line alone). */
export const EXIT_CODES = { done: 0, badData: 1, usage: 2 } as const;

/** Where the CLI writes its error line; a parameter so tests can capture it. */
export interface CliOutput {
  error(line: string): void;
}

/**
 * The `leadlift` CLI: parses arguments, calls the public API, prints, sets
 * the exit code (`EXIT_CODES`). No statistics here. It is the one error
 * boundary: every failure becomes one message naming what to fix —
 * `--debug` (anywhere on the line) adds the stack trace.
 */
export async function runCli(argv: readonly string[], output: CliOutput = { error: (line) => console.error(line) }): Promise<number> {
  const debug = argv.includes("--debug");
  const args = argv.filter((arg) => arg !== "--debug");
  const program = new Command("leadlift")
    .description("Lead scoring from your own CRM history.")
    .version(TOOL_VERSION)
    .addHelpText("after", "\nAdd --debug to any command to see the stack trace of a failure.\nExit codes: 0 done, 1 bad input or data, 2 bad usage.")
    .exitOverride()
    .addCommand(trainCommand())
    .addCommand(scoreCommand())
    .addCommand(simulateCommand())
    .addCommand(serveCommand())
    .addCommand(reportCommand())
    .addCommand(sqlCommand())
    .addCommand(trainSqlCommand());
  for (const command of program.commands) command.exitOverride();
  try {
    await program.parseAsync(args as string[], { from: "user" });
    return EXIT_CODES.done;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT_CODES.done : EXIT_CODES.usage;
    const { message, code } = describeFailure(error);
    output.error(`leadlift: ${message}`);
    if (debug && error instanceof Error && error.stack) output.error(error.stack);
    return code;
  }
}

/** The message and exit code of any failure: ours name the fix; system errors name the path and reason. */
export function describeFailure(error: unknown): { message: string; code: number } {
  if (error instanceof UsageError) return { message: error.message, code: EXIT_CODES.usage };
  if (error instanceof LeadliftError || error instanceof ScoringError) return { message: error.message, code: EXIT_CODES.badData };
  const system = error as NodeJS.ErrnoException;
  if (system && typeof system.code === "string" && system.syscall) {
    const where = system.path ? ` ${system.path}` : "";
    const reasons: Record<string, string> = {
      ENOENT: "no such file or folder",
      EACCES: "permission denied",
      EPERM: "permission denied",
      EISDIR: "it is a directory",
      ENOTDIR: "a part of the path is a file, not a folder",
      ENOSPC: "no space left on the device",
      EROFS: "read-only file system",
      EMFILE: "too many open files",
    };
    return { message: `cannot ${system.syscall}${where}: ${reasons[system.code] ?? system.message}.`, code: EXIT_CODES.badData };
  }
  const text = error instanceof Error ? error.message : String(error);
  return { message: `unexpected failure: ${text.split("\n")[0]} (run again with --debug for the stack trace, and report it).`, code: EXIT_CODES.badData };
}
