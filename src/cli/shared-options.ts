import { InvalidArgumentError } from "commander";
import type { LeadliftConfigInput } from "../config/config-schema.js";
import { ENGINES, type EngineName } from "../config/engine-options.js";
import { UsageError } from "../errors.js";
import type { RowIssue } from "../io/records.js";
import { SQL_DIALECT_NAMES } from "../sql/dialects/sql-dialect.js";

/** Parses `--target-close-rate 0.10-0.15` into a band (0–1). */
export function parseBand(text: string): { min: number; max: number } {
  const match = /^\s*(\d*\.?\d+)\s*[-–:]\s*(\d*\.?\d+)\s*$/.exec(text);
  const min = match ? Number(match[1]) : Number.NaN;
  const max = match ? Number(match[2]) : Number.NaN;
  if (!match || !(min >= 0 && max <= 1 && min < max)) {
    throw new InvalidArgumentError(`expected two close rates between 0 and 1 like 0.10-0.15, got ${JSON.stringify(text)}.`);
  }
  return { min, max };
}

export const TRAINING_MODES = ["lift", "logistic", "auto"] as const;

/** Parses `--engine`, listing the allowed values from the config's own list. */
export function parseEngine(text: string): EngineName {
  if (!(ENGINES as readonly string[]).includes(text)) {
    throw new InvalidArgumentError(`expected one of ${ENGINES.join(", ")}, got ${JSON.stringify(text)}.`);
  }
  return text as EngineName;
}

/** Parses `--mode`, listing the allowed values from the same constant. */
export function parseMode(text: string): (typeof TRAINING_MODES)[number] {
  if (!(TRAINING_MODES as readonly string[]).includes(text)) {
    throw new InvalidArgumentError(`expected one of ${TRAINING_MODES.join(", ")}, got ${JSON.stringify(text)}.`);
  }
  return text as (typeof TRAINING_MODES)[number];
}

/**
 * Checks `--dialect` (leadlift sql, train-sql) against the dialects' own list.
 * @throws UsageError "bad-option" naming the flag, the dialects there are and the value.
 */
export function assertDialectOption(name: string): void {
  if (!(SQL_DIALECT_NAMES as readonly string[]).includes(name)) {
    throw new UsageError("bad-option", `Option "--dialect" must be one of ${SQL_DIALECT_NAMES.join(", ")}. Got ${JSON.stringify(name)}.`);
  }
}

/** Parses a positive number flag. */
export function parsePositive(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new InvalidArgumentError(`expected a positive number, got ${JSON.stringify(text)}.`);
  return value;
}

/** Parses a non-negative integer flag. */
export function parseCount(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new InvalidArgumentError(`expected a whole number, got ${JSON.stringify(text)}.`);
  return value;
}

/** Training flags as a partial config, overlaid on the config file. */
export function trainingOverrides(flags: {
  targetCloseRate?: { min: number; max: number };
  mode?: (typeof TRAINING_MODES)[number];
  windowDays?: number;
  minLift?: number;
  maxActions?: number;
  sdrCapacity?: number;
  holdoutShare?: number;
  salesCycleDays?: number;
  allowColdStart?: boolean;
  engine?: EngineName;
}): LeadliftConfigInput {
  const training: Record<string, unknown> = {};
  if (flags.targetCloseRate) training.targetCloseRate = flags.targetCloseRate;
  if (flags.mode) training.mode = flags.mode;
  if (flags.windowDays !== undefined) training.observationWindowDays = flags.windowDays;
  if (flags.minLift !== undefined) training.minLiftPoints = flags.minLift;
  if (flags.maxActions !== undefined) training.maxActions = flags.maxActions;
  const calibration: Record<string, unknown> = {};
  if (flags.sdrCapacity !== undefined) calibration.sdrCapacityPerDay = flags.sdrCapacity;
  if (flags.holdoutShare !== undefined) calibration.holdoutShare = flags.holdoutShare;
  if (flags.salesCycleDays !== undefined) calibration.salesCycleDays = flags.salesCycleDays;
  if (flags.allowColdStart) calibration.allowColdStart = true;
  return { training, calibration, ...(flags.engine ? { engine: flags.engine } : {}) } as LeadliftConfigInput;
}

/** First few row issues for the terminal, with a pointer to the full list. */
export function formatIssues(issues: readonly RowIssue[], counts: Readonly<Record<string, number>>, limit = 10): string {
  if (issues.length === 0) return "";
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const lines = issues.slice(0, limit).map((issue) => `  [${issue.severity}] ${issue.message}`);
  if (total > limit) {
    const byCode = Object.entries(counts).map(([code, n]) => `${code}: ${n}`).join(", ");
    lines.push(`  … and ${total - limit} more (${byCode}); write them all with --issues FILE`);
  }
  return `Row issues:\n${lines.join("\n")}`;
}
