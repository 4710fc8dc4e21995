import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The folders `writeTempFiles` made in this test file (removed after it by test/setup/remove-temp-files.ts). */
const madeFolders: string[] = [];

/** Writes named text files into a fresh temporary directory and returns their paths. */
export function writeTempFiles(files: Record<string, string | Uint8Array>): Record<string, string> & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "leadlift-test-"));
  madeFolders.push(dir);
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    if (typeof text === "string") writeFileSync(path, text, "utf8");
    else writeFileSync(path, text);
    paths[name] = path;
  }
  return Object.assign(paths, { dir });
}

/** Removes every folder `writeTempFiles` made so far. */
export function removeTempFiles(): void {
  for (const dir of madeFolders.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export { mulberry32 } from "../../src/stats/mulberry32.js";
