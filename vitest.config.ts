import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * The toolkit imports the runtime by its package name; in development that is the source in src/runtime (as tsconfig's `paths` say).
 * The notebooks' helper imports the toolkit as "leadlift" (the built dist/ when a notebook runs); its tests use the source.
 */
const runtimeSource = (file: string) => fileURLToPath(new URL(`./src/runtime/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^leadlift$/, replacement: fileURLToPath(new URL("./src/index.ts", import.meta.url)) },
      { find: /^leadlift-runtime$/, replacement: runtimeSource("index.ts") },
      { find: /^leadlift-runtime\/internal$/, replacement: runtimeSource("internal.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // *.pg.test.ts need the PostgreSQL server that `npm run test:postgres` starts (vitest.postgres.config.ts).
    exclude: ["test/**/*.pg.test.ts", "**/node_modules/**"],
    testTimeout: 60_000,
    setupFiles: ["test/setup/remove-temp-files.ts"],
  },
});
