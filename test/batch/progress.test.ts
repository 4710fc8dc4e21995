import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createProgress, SILENT_PROGRESS } from "../../src/batch/progress.js";

/** A writable that records what is written, posing as a terminal or not. */
function capture(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  }) as Writable & { isTTY?: boolean; columns?: number; cursorTo?: unknown; clearLine?: unknown; moveCursor?: unknown };
  stream.isTTY = isTTY;
  stream.columns = 120;
  stream.cursorTo = (_x: number, _y?: number, cb?: () => void) => (cb?.(), true);
  stream.clearLine = (_dir: number, cb?: () => void) => (cb?.(), true);
  stream.moveCursor = (_dx: number, _dy: number, cb?: () => void) => (cb?.(), true);
  return { stream, text: () => chunks.join("") };
}

describe("createProgress", () => {
  it("prints nothing when the stream is not a terminal (piped output stays clean)", () => {
    const { stream, text } = capture(false);
    const progress = createProgress(stream);
    expect(progress).toBe(SILENT_PROGRESS);
    const phase = progress.phase("Reading events", 1000, "bytes");
    phase.update(500, 10);
    phase.finish();
    expect(text()).toBe("");
  });

  it("draws a bar with rows, rows/s and ETA on a terminal", () => {
    const { stream, text } = capture(true);
    const phase = createProgress(stream).phase("Reading events", 1000, "bytes");
    phase.update(500, 12_345);
    phase.finish();
    expect(text()).toMatch(/Reading events +\[.*\] 100% \| 12,345 rows \| [\d,]+ rows\/s \| ETA \d+s/);
  });
});
