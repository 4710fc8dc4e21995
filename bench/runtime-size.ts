/** Size of the runtime entry bundled and minified (target: under 15 kB, small enough for an edge function). */
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

export async function runRuntimeSizeBench(): Promise<void> {
  const result = await build({ entryPoints: ["src/runtime/index.ts"], bundle: true, minify: true, format: "esm", platform: "neutral", write: false, logLevel: "error" });
  const code = result.outputFiles[0].contents;
  console.log("\n# Runtime bundle (esbuild --bundle --minify, ESM, platform neutral)");
  console.log(`minified: ${(code.length / 1024).toFixed(1)} kB; gzip: ${(gzipSync(code, { level: 9 }).length / 1024).toFixed(1)} kB; target < 15 kB`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runRuntimeSizeBench();
