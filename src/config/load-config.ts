import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { LeadliftError } from "../errors.js";
import { ConfigSchema, type LeadliftConfig, type LeadliftConfigInput } from "./config-schema.js";

/**
 * The validated config with every default filled in. Problems are reported
 * with the path of the offending key so users can fix the file directly.
 * @throws LeadliftError "invalid-config".
 * @example parseConfig({ training: { minLiftPoints: 3 } }).training.maxActions // 20
 */
export function parseConfig(input: unknown, source = "config"): LeadliftConfig {
  const result = ConfigSchema.safeParse(input ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const where = issue.path.length ? issue.path.join(".") : "(top level)";
    return `  ${where}: ${issue.message}`;
  });
  throw new LeadliftError("invalid-config", `${source} is not a valid leadlift config:\n${problems.join("\n")}`);
}

/** Reads and validates a JSON config file; no path gives the defaults. */
export async function loadConfig(path?: string): Promise<LeadliftConfig> {
  if (!path) return parseConfig({});
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new LeadliftError("unreadable-file", `Cannot read config ${path}: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LeadliftError("invalid-config", `${basename(path)} is not valid JSON: ${(error as Error).message}`);
  }
  return parseConfig(json, basename(path));
}

/** Overlays partial settings (e.g. from CLI flags) on a parsed config, re-validating the result. */
export function withOverrides(config: LeadliftConfig, overrides: LeadliftConfigInput): LeadliftConfig {
  const merged = {
    ...config,
    ...overrides,
    columns: { ...config.columns, ...overrides.columns },
    input: { ...config.input, ...overrides.input },
    outcomes: { ...config.outcomes, ...overrides.outcomes },
    profile: { ...config.profile, ...overrides.profile },
    training: { ...config.training, ...overrides.training },
    calibration: { ...config.calibration, ...overrides.calibration },
    decay: { ...config.decay, ...overrides.decay },
    duckdb: { ...config.duckdb, ...overrides.duckdb },
  };
  return parseConfig(merged, "options");
}
