import { vi } from "vitest";

/** Collects what the CLI prints with console.log (out) and console.error (err); restore with `vi.restoreAllMocks()`. */
export function captureOutput(): { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...args) => void out.push(args.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...args) => void err.push(args.join(" ")));
  return { out, err };
}
