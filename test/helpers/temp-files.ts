import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Writes named text files into a fresh temporary directory and returns their paths. */
export function writeTempFiles(files: Record<string, string | Uint8Array>): Record<string, string> & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "leadlift-test-"));
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    if (typeof text === "string") writeFileSync(path, text, "utf8");
    else writeFileSync(path, text);
    paths[name] = path;
  }
  return Object.assign(paths, { dir });
}

export { mulberry32 } from "../../src/stats/mulberry32.js";
