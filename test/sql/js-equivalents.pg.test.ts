import { describe } from "vitest";
import { describeJsEquivalents } from "../helpers/js-equivalents-suite.js";
import { openPostgresEvaluator } from "../helpers/sql-evaluator.js";

// Runs against the real PostgreSQL server of `npm run test:postgres` (scripts/with-postgres.sh).
describe("JavaScript built-ins in PostgreSQL SQL", () => {
  describeJsEquivalents("PostgreSQL", openPostgresEvaluator);
});
