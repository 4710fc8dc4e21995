import { SingleBar } from "cli-progress";

/** Progress of one phase of a batch run (reading leads, reading events, scoring). */
export interface PhaseProgress {
  /** `done` of the phase's total (bytes, rows or leads) and the rows handled so far. */
  update(done: number, rows: number): void;
  /** Ends the phase, leaving its final line on screen. */
  finish(): void;
}

/** Reports a batch run's progress; silent unless it writes to a terminal. */
export interface Progress {
  /** Starts a phase measured in `unit` (what `total` and `done` count). */
  phase(label: string, total: number, unit: "bytes" | "rows" | "leads"): PhaseProgress;
}

const SILENT_PHASE: PhaseProgress = { update() {}, finish() {} };

/** A progress reporter that prints nothing (piped output, tests, library use). */
export const SILENT_PROGRESS: Progress = { phase: () => SILENT_PHASE };

/** The terminal stream a progress bar may draw on. */
export interface ProgressStream extends NodeJS.WritableStream {
  readonly isTTY?: boolean;
}

/**
 * Progress bars with rows/s and ETA on `stream` (stderr by default) — but
 * only when it is a terminal: piped or redirected output stays clean, so
 * logs and CI see just the summary. ETA comes from the share of the input
 * read (bytes for text files, rows for Parquet, leads while scoring).
 */
export function createProgress(stream: ProgressStream = process.stderr): Progress {
  if (!stream.isTTY) return SILENT_PROGRESS;
  return {
    phase(label, total, unit) {
      const bar = new SingleBar({
        stream,
        format: `${label.padEnd(14)} [{bar}] {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}`,
        barsize: 24,
        hideCursor: true,
        etaBuffer: 50,
        fps: 5,
      });
      const startedAt = Date.now();
      const payload = (rows: number) => ({
        rows: rows.toLocaleString("en-US"),
        rate: Math.round(rows / Math.max((Date.now() - startedAt) / 1000, 1e-3)).toLocaleString("en-US"),
      });
      bar.start(Math.max(total, 1), 0, payload(0));
      let lastRows = 0;
      return {
        update(done, rows) {
          lastRows = rows;
          bar.update(Math.min(done, Math.max(total, 1)), payload(rows));
        },
        finish() {
          bar.update(Math.max(total, 1), payload(lastRows));
          bar.stop();
        },
      };
    },
  };
}

