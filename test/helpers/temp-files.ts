import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Writes named text files into a fresh temporary directory and returns their paths. */
export function writeTempFiles(files: Record<string, string>): Record<string, string> & { dir: string } {
  const dir = mkdtempSync(join(tmpdir(), "leadlift-test-"));
  const paths: Record<string, string> = {};
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name);
    writeFileSync(path, text, "utf8");
    paths[name] = path;
  }
  return Object.assign(paths, { dir });
}

/** A small seeded PRNG (mulberry32) so tests are reproducible. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
