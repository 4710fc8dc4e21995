import { readFileSync } from "node:fs";

/** leadlift's version, from package.json (recorded in every model). */
export const TOOL_VERSION: string = JSON.parse(
  readFileSync(new URL("../package.json", import.meta.url), "utf8"),
).version;
