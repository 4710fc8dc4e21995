import { describe, expect, it } from "vitest";
import { compileSlotLookup } from "../../src/runtime/slot-lookup.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";

/** The lookup it replaced: a Map from name to slot, built in order (a repeated name keeps its last slot). */
const byMap = (names: readonly string[]) => {
  const map = new Map(names.map((name, slot) => [name, slot] as const));
  return (name: unknown) => map.get(name as string) ?? -1;
};

describe("compileSlotLookup", () => {
  it.each([
    [["demo", "pricing"], "pricing", 1],
    [["demo", "pricing"], "Pricing", -1],
    [["demo", "pricing", "demo"], "demo", 2],
    [["a", "b", "ab"], "ab", 2],
    [["constructor", "__proto__"], "__proto__", 1],
    [["toString"], "valueOf", -1],
    [[""], "", 0],
    [[], "demo", -1],
    [["1"], 1, -1],
    [["demo"], undefined, -1],
    [["demo"], null, -1],
    [["null"], null, -1],
  ] as const)("in %j finds %j at %i", (names, name, slot) => {
    expect(compileSlotLookup(names)(name)).toBe(slot);
  });

  it("finds what a Map finds for 20,000 seeded random names against random name lists, repeats included", () => {
    const random = mulberry32(1_414);
    const alphabet = ["a", "b", "_", "A", "é", "0"];
    const word = () => Array.from({ length: Math.floor(random() * 6) }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
    const differences: string[] = [];
    let found = 0;
    for (let list = 0; list < 200; list++) {
      const names = Object.freeze(Array.from({ length: Math.floor(random() * 12) }, word));
      const lookup = compileSlotLookup(names);
      const reference = byMap(names);
      for (let k = 0; k < 100; k++) {
        const name = random() < 0.5 && names.length > 0 ? `${names[Math.floor(random() * names.length)]}` : word();
        if (reference(name) >= 0) found += 1;
        if (lookup(name) !== reference(name)) differences.push(`${JSON.stringify(names)} ${JSON.stringify(name)}: ${lookup(name)} instead of ${reference(name)}`);
      }
    }
    expect(differences.slice(0, 5)).toEqual([]);
    expect(found).toBeGreaterThan(5_000);
  });
});
