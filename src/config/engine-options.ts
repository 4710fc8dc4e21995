/*
 * The engines a run can use (`engine` in the config, `--engine` on the
 * command line), here rather than in the config schema so the command line
 * can list them without loading the schema library (`leadlift --version`
 * loads none of it).
 */

/** Where training's heavy work runs (see README, "Large data and warehouses"). */
export const ENGINES = ["auto", "in-process", "duckdb"] as const;
export type EngineName = (typeof ENGINES)[number];
