import { LeadliftError } from "../../errors.js";
import { bigqueryDialect } from "./bigquery.js";
import { duckdbDialect } from "./duckdb.js";
import { postgresDialect } from "./postgres.js";
import { snowflakeDialect } from "./snowflake.js";
import { sparkDialect } from "./spark.js";
import { SQL_DIALECT_NAMES, type SqlDialect, type SqlDialectName } from "./sql-dialect.js";

export { SQL_DIALECT_NAMES, type SqlDialect, type SqlDialectName, type TableRead } from "./sql-dialect.js";

const DIALECTS: Readonly<Record<SqlDialectName, SqlDialect>> = {
  duckdb: duckdbDialect,
  postgres: postgresDialect,
  bigquery: bigqueryDialect,
  snowflake: snowflakeDialect,
  spark: sparkDialect,
};

/**
 * The dialect called `name` (one of `SQL_DIALECT_NAMES`).
 * @throws LeadliftError "bad-option" naming the dialects there are.
 * @example sqlDialect("postgres").title // "PostgreSQL"
 */
export function sqlDialect(name: string): SqlDialect {
  if (!(SQL_DIALECT_NAMES as readonly string[]).includes(name)) {
    throw new LeadliftError("bad-option", `Option "dialect" must be one of ${SQL_DIALECT_NAMES.join(", ")}. Got ${JSON.stringify(name)}.`);
  }
  return DIALECTS[name as SqlDialectName];
}
