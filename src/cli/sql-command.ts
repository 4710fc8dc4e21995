import { basename } from "node:path";
import { Command } from "commander";
import { parseInstant } from "leadlift-runtime/internal";
import { UsageError } from "../errors.js";
import { SQL_DIALECT_NAMES } from "../sql/dialects/sql-dialect.js";
import { assertDialectOption } from "./shared-options.js";

/**
 * `leadlift sql`: the query that scores leads inside a warehouse exactly as
 * `leadlift score` does (the library's `sql`), in the dialect `--dialect`
 * names — same config (column names, profile placeholders), same moment rule
 * (`as_of` with `--as-of`, else `--at`, else the dialect's parameter).
 */
export function sqlCommand(): Command {
  return new Command("sql")
    .description("Print or write the SQL query that scores leads in a warehouse exactly as the runtime does.")
    .requiredOption("--model <file>", "model JSON written by leadlift train")
    .option("--dialect <name>", `SQL dialect: ${SQL_DIALECT_NAMES.join(", ")}`, "duckdb")
    .option("--out <file>", "write the query to this .sql file (default: print it)")
    .option("--at <iso>", "score at this moment (default: a parameter bound when the query runs: $at, $1, @scoring_at, $scoring_at or :scoring_at)")
    .option("--as-of", "score each lead at its as_of column when set, as leadlift score does")
    .option("--config <file>", "config JSON with the column mapping and profile placeholders used in training")
    .option("--leads-table <name>", "leads table or view, optionally schema-qualified", "leads")
    .option("--events-table <name>", "events table or view", "events")
    .action(async (flags) => {
      assertDialectOption(flags.dialect);
      if (flags.at !== undefined && parseInstant(flags.at) === null) {
        throw new UsageError("bad-option", `Option "--at" must be an ISO 8601 date such as 2025-03-01T00:00:00Z. Got ${JSON.stringify(flags.at)}.`);
      }
      const [{ assertOutputsSafe, writeFileAtomic }, api] = await Promise.all([import("../io/safe-output.js"), import("../index.js")]);
      if (flags.out !== undefined) {
        await assertOutputsSafe([{ flag: "--model", path: flags.model }, flags.config && { flag: "--config", path: flags.config }], [{ flag: "--out", path: flags.out }]);
      }
      const config = await api.loadConfig(flags.config);
      const model = await api.readModel(flags.model);
      const text = api.sql(model, {
        dialect: flags.dialect,
        at: flags.at,
        asOf: flags.asOf === true,
        leadsTable: flags.leadsTable,
        eventsTable: flags.eventsTable,
        config,
        modelName: basename(flags.model),
      });
      if (flags.out === undefined) {
        console.log(text.trimEnd());
        return;
      }
      await writeFileAtomic(flags.out, text);
      const dialect = api.sqlDialect(flags.dialect);
      console.log(`Wrote the ${dialect.title} scoring query for ${basename(flags.model)} to ${flags.out}${flags.at === undefined ? ` (bind ${dialect.momentParameter.name} when running it)` : ""}.`);
    });
}
