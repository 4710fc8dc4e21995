import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Reference values computed by test/fixtures/stats/make-reference.py (scipy, statsmodels, scikit-learn). */
export const REFERENCE = JSON.parse(readFileSync(join(import.meta.dirname, "../fixtures/stats/reference.json"), "utf8"));
