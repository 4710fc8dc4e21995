import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

/**
 * The tests that run against a real PostgreSQL server (`*.pg.test.ts`):
 * `npm run test:postgres` starts a throwaway one (scripts/with-postgres.sh)
 * and runs these with the toolkit's usual settings.
 */
export default defineConfig({
  ...base,
  test: { ...base.test, include: ["test/**/*.pg.test.ts"], exclude: ["**/node_modules/**"], hookTimeout: 60_000 },
});
