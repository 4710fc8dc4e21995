import { describe } from "vitest";
import { describeJsEquivalents } from "../helpers/js-equivalents-suite.js";
import { openDuckdbEvaluator } from "../helpers/sql-evaluator.js";

// The same checks run in PostgreSQL in js-equivalents.pg.test.ts (npm run test:postgres).
describe("JavaScript built-ins in DuckDB SQL", () => {
  describeJsEquivalents("DuckDB", openDuckdbEvaluator);
});
