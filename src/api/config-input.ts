import type { LeadliftConfig, LeadliftConfigInput } from "../config/config-schema.js";
import { parseConfig } from "../config/load-config.js";

/** A config as the public API takes it: partial settings (every key optional), or one already parsed. */
export type ConfigInput = LeadliftConfigInput | LeadliftConfig;

/** The validated config with every default filled in (parsing a parsed config changes nothing). */
export function resolveConfig(config: ConfigInput | undefined): LeadliftConfig {
  return parseConfig(config ?? {});
}
