import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const RUNTIME_DIR = join(import.meta.dirname, "../../src/runtime");

describe("leadlift/runtime", () => {
  it("imports nothing but its own files and types from model/types.ts", () => {
    for (const file of readdirSync(RUNTIME_DIR).filter((f) => f.endsWith(".ts"))) {
      const text = readFileSync(join(RUNTIME_DIR, file), "utf8");
      for (const match of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^;]*?from\s+["']([^"']+)["']/gm)) {
        const [, , typeOnly, source] = match;
        const isOwn = source.startsWith("./");
        const isModelType = source === "../model/types.js" && typeOnly !== undefined;
        expect(isOwn || isModelType, `${file} imports ${source}`).toBe(true);
      }
      expect(text, `${file} uses a Node built-in`).not.toMatch(/\bprocess\.|\brequire\(|from ["']node:/);
    }
  });
});
