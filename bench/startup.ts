/**
 * `leadlift --version` from the packed toolkit installed into an empty
 * project, against a bare `node -e 0` (target: at most 8×), and the sizes of
 * both tarballs. Packs with `npm pack` (which builds dist/) and installs with
 * `npm install` (the npm cache first), as the install test does.
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { installInEmptyProject, packPackages, temporaryFolder, type PackedTarball } from "../test/helpers/packed-packages.js";

const RUNS = 15;
const TARGET_RATIO = 8;

/** Wall time of one run of `command args` in ms (it must succeed). */
function timeOnce(command: string, args: readonly string[], cwd: string): number {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { cwd, encoding: "utf8" });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed: ${result.stderr}`);
  return elapsed;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
const describe = (t: PackedTarball) => `${t.name}-${t.version}.tgz: ${kB(t.size)} packed, ${kB(t.unpackedSize)} unpacked, ${t.files.length} files`;

export async function runStartupBench(): Promise<void> {
  const temp = temporaryFolder("leadlift-bench-startup-");
  try {
    const { runtime, toolkit } = packPackages(temp.dir);
    const project = installInEmptyProject(join(temp.dir, "project"), [runtime.path, toolkit.path]);
    const manifest = JSON.parse(readFileSync(join(project, "node_modules/leadlift-runtime/package.json"), "utf8"));
    const runtimeDependencies = ["dependencies", "peerDependencies", "optionalDependencies"].reduce((n, field) => n + Object.keys(manifest[field] ?? {}).length, 0);
    console.log("\n# Packages (npm pack)");
    console.log(describe(runtime));
    console.log(`  dependencies: ${runtimeDependencies}`);
    console.log(describe(toolkit));
    console.log(`  dependencies: ${Object.keys(JSON.parse(readFileSync(join(project, "node_modules/leadlift/package.json"), "utf8")).dependencies).join(", ")}`);

    const bin = join(project, "node_modules/.bin/leadlift");
    timeOnce(bin, ["--version"], project); // warm the file cache
    const bare: number[] = [];
    const version: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      bare.push(timeOnce(process.execPath, ["-e", "0"], project));
      version.push(timeOnce(bin, ["--version"], project));
    }
    const ratio = median(version) / median(bare);
    console.log(`\n# Start-up of the installed CLI (median of ${RUNS} runs, interleaved)`);
    console.log(`node -e 0: ${median(bare).toFixed(0)} ms; leadlift --version: ${median(version).toFixed(0)} ms; ratio ${ratio.toFixed(1)}× (target ≤ ${TARGET_RATIO}×)${ratio > TARGET_RATIO ? "  MISSED" : ""}`);
  } finally {
    temp.remove();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runStartupBench();
