import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const RUNTIME_DIR = join(import.meta.dirname, "../../src/runtime");

describe("leadlift-runtime", () => {
  it("imports nothing but its own files (not even types from the toolkit's model, which would reach zod)", () => {
    for (const file of readdirSync(RUNTIME_DIR).filter((f) => f.endsWith(".ts"))) {
      const text = readFileSync(join(RUNTIME_DIR, file), "utf8");
      for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+["']([^"']+)["']/gm)) {
        const source = match[3];
        expect(source.startsWith("./") && !source.includes(".."), `${file} imports ${source}`).toBe(true);
      }
      expect(text, `${file} uses a Node built-in`).not.toMatch(/\bprocess\.|\brequire\(|from ["']node:|\bimport\(/);
    }
  });
});

describe("the toolkit's use of the runtime", () => {
  it("imports it only as the leadlift-runtime package, so the packed toolkit holds no copy of it", () => {
    const SRC = join(import.meta.dirname, "../../src");
    const files = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts") && !f.startsWith("runtime/") && !f.startsWith("runtime\\"));
    expect(files.length).toBeGreaterThan(100);
    for (const file of files) {
      const text = readFileSync(join(SRC, file), "utf8");
      for (const match of text.matchAll(/(?:from\s+|import\()["']([^"']+)["']/g)) {
        expect(/(^|\/)runtime\//.test(match[1]), `${file} imports ${match[1]}`).toBe(false);
      }
    }
  });
});
