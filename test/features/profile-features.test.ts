import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/load-config.js";
import { chooseProfileFeatures } from "../../src/features/profile-features.js";
import type { LeadRecord } from "../../src/io/records.js";

/** Leads with one profile column `visits` holding `cells`. */
function leadsWith(cells: Array<string | null>): LeadRecord[] {
  return cells.map((cell, i) => ({ leadId: `L${i}`, createdAt: null, accountId: null, asOf: null, profile: { visits: cell }, row: i + 2 }));
}

describe("chooseProfileFeatures: numeric or text", () => {
  const options = parseConfig({}).profile;
  const kindOf = (cells: Array<string | null>) => {
    const { features, skipped } = chooseProfileFeatures(leadsWith(cells), ["visits"], options);
    return features[0]?.transform.kind ?? skipped[0]?.reason;
  };
  // Eight levels of text, and whole numbers 1–40 (with thousands separators), for 100 filled cells and some empty ones.
  const column = (numbers: number, textFirst: boolean) => {
    const text = Array.from({ length: 100 - numbers }, (_, k) => `level ${k % 8}`);
    const parsed = Array.from({ length: numbers }, (_, k) => (k % 10 === 0 ? `1,00${k % 4}` : String((k % 40) + 1)));
    return [...(textFirst ? [...text, ...parsed] : [...parsed, ...text]), null, null];
  };

  it("counts a column numeric from 90% of its filled cells parsing as numbers, wherever the text cells are", () => {
    for (const textFirst of [true, false]) {
      expect(kindOf(column(90, textFirst))).toBe("numeric-band");
      expect(kindOf(column(89, textFirst))).toBe("category");
      expect(kindOf(column(0, textFirst))).toBe("category");
      expect(kindOf(column(100, textFirst))).toBe("numeric-band");
    }
  });
});
