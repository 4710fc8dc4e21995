import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The repository root (the leadlift package; packages/leadlift-runtime is its workspace). */
export const REPO = join(import.meta.dirname, "../..");

/** One tarball `npm pack` wrote, as its `--json` output describes it. */
export interface PackedTarball {
  readonly name: string;
  readonly version: string;
  /** Absolute path of the .tgz. */
  readonly path: string;
  /** Bytes of the .tgz (gzipped). */
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly string[];
}

/**
 * Environment for npm run from inside a test or bench: without the calling
 * npm script's own variables (package and lifecycle), so the nested npm sees
 * only its project; the cache and registry settings stay.
 */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_(package|lifecycle)_/i.test(key) && key !== "INIT_CWD") env[key] = value;
  }
  return { ...env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" };
}

/** Runs a command; throws with its output when it fails, so nothing fails (or is skipped) silently. */
export function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = npmEnv()): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(" ")} (in ${cwd}) exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/**
 * Packs leadlift-runtime and leadlift as `npm pack` does for a release —
 * their `prepare` scripts build dist/ first — into `destination`.
 */
export function packPackages(destination: string): { runtime: PackedTarball; toolkit: PackedTarball } {
  const { stdout } = run("npm", ["pack", "--workspace", "leadlift-runtime", "--include-workspace-root", "--pack-destination", destination, "--json"], REPO);
  // npm prints the build's output before the JSON list.
  const packed = JSON.parse(stdout.slice(stdout.indexOf("\n[") + 1)) as Array<{ name: string; version: string; filename: string; size: number; unpackedSize: number; files: Array<{ path: string }> }>;
  const byName = new Map(
    packed.map((p) => [p.name, { name: p.name, version: p.version, path: join(destination, p.filename), size: p.size, unpackedSize: p.unpackedSize, files: p.files.map((f) => f.path) }]),
  );
  const runtime = byName.get("leadlift-runtime");
  const toolkit = byName.get("leadlift");
  if (!runtime || !toolkit) throw new Error(`npm pack did not write both packages: ${[...byName.keys()].join(", ")}`);
  return { runtime, toolkit };
}

/**
 * A new empty project (its own package.json, no overrides) in `folder` with
 * `tarballs` installed by `npm install`: dependencies come from the registry
 * (the npm cache first), the packages themselves from the tarballs.
 */
export function installInEmptyProject(folder: string, tarballs: readonly string[]): string {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, "package.json"), `${JSON.stringify({ name: "leadlift-install-check", private: true, type: "module" }, null, 2)}\n`);
  run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", ...tarballs], folder);
  return folder;
}

/** A temporary folder and a function that removes it with everything in it. */
export function temporaryFolder(prefix: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
