import { join } from "node:path";
import { Command } from "commander";
import { UsageError } from "../errors.js";
import { SQL_DIALECT_NAMES } from "../sql/dialects/sql-dialect.js";
import { assertDialectOption } from "./shared-options.js";

/**
 * `leadlift train-sql`: the training statistics statements for a warehouse
 * (the library's `trainingSqlFiles`), one `.sql` file each in the order to
 * run them, plus a README.md manifest, written into `--out`.
 */
export function trainSqlCommand(): Command {
  return new Command("train-sql")
    .description("Write the SQL statements that count training's statistics inside a warehouse (one .sql file each, in order, with a README.md manifest).")
    .requiredOption("--out <dir>", "folder to write the .sql files and README.md into (created when missing)")
    .option("--dialect <name>", `SQL dialect: ${SQL_DIALECT_NAMES.join(", ")}`, "duckdb")
    .option("--config <file>", "config JSON used in training (its training.landmarkStepDays sets the landmarks)")
    .option("--table-prefix <prefix>", 'prefix of the tables read and created, optionally schema-qualified ("crm.ll_")', "ll_")
    .action(async (flags) => {
      assertDialectOption(flags.dialect);
      const [{ assertOutputsSafe, assertOwnOutputFolder, writeFileAtomic }, { isTrainingSqlFile, trainingSqlFileNames }, { TABLE_PREFIX_PATTERN, TABLE_PREFIX_RULE }, api] = await Promise.all([
        import("../io/safe-output.js"),
        import("../api/train-sql.js"),
        import("../engine/training-queries.js"),
        import("../index.js"),
      ]);
      if (!TABLE_PREFIX_PATTERN.test(flags.tablePrefix)) {
        throw new UsageError("bad-option", `Option "--table-prefix" must be ${TABLE_PREFIX_RULE}. Got ${JSON.stringify(flags.tablePrefix)}.`);
      }
      // The outputs are checked before anything is read: a folder of the user's files is refused, not overwritten.
      await assertOwnOutputFolder({ flag: "--out", path: flags.out }, isTrainingSqlFile, `give --out a new or empty folder (e.g. --out ${join(flags.out, "training-sql")}), or one holding only an earlier train-sql output`);
      const outputs = trainingSqlFileNames().map((name) => ({ flag: "--out", path: join(flags.out, name) }));
      await assertOutputsSafe([flags.config && { flag: "--config", path: flags.config }], outputs);
      const config = await api.loadConfig(flags.config);
      // The dialect and prefix are checked above and the config's step by its schema, so this cannot refuse an option.
      const files = api.trainingSqlFiles({ dialect: flags.dialect, config, tablePrefix: flags.tablePrefix });
      for (const file of files) await writeFileAtomic(join(flags.out, file.name), file.text);
      const title = api.sqlDialect(flags.dialect).title;
      console.log(`Wrote ${files.length - 1} ${title} training statistics statements and README.md (the order to run them) to ${flags.out}.`);
    });
}
