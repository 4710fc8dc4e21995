#!/usr/bin/env node
// The installed `leadlift` CLI: compiled JavaScript in dist/ (built by `npm run build`, which
// `prepare` and `prepack` run). Each command loads what it needs when it runs, so `leadlift
// --version` starts without the training code, charts, Parquet reader or HTTP server.
// In a clone, `npm run leadlift -- …` runs the TypeScript source through tsx instead.
try {
  await import("../dist/cli/main.js");
} catch (error) {
  if (error?.code === "ERR_MODULE_NOT_FOUND" && String(error.message).includes("dist/cli/main.js")) {
    console.error("leadlift: dist/ is missing: run `npm run build` in the leadlift folder (a clone), or reinstall the package.");
    process.exitCode = 1;
  } else {
    throw error;
  }
}
