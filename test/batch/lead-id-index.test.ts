import { describe, expect, it } from "vitest";
import { hashOf, LeadIdIndex } from "../../src/batch/lead-id-index.js";
import { mulberry32 } from "../helpers/temp-files.js";

const IDS = Object.freeze(["L000001", "L000002", "lead-é", "__proto__", "constructor", "", " L000001", "l000001", "😀", "A".repeat(200)]);

describe("LeadIdIndex", () => {
  it("finds every id at its index, and nothing else", () => {
    const index = new LeadIdIndex(IDS);
    IDS.forEach((id, i) => expect(index.indexOf(id)).toBe(i));
    for (const other of ["L000003", "L00000", "L0000011", "toString", "hasOwnProperty", "😁"]) expect(index.indexOf(other)).toBe(-1);
  });

  it.each([16, 64])("agrees with a Map when collisions are forced into a table of %i cells", (tableSize) => {
    const index = new LeadIdIndex(IDS, tableSize);
    const cells = new Set(IDS.map((id) => hashOf(id) & (tableSize - 1)));
    if (tableSize === 16) expect(cells.size).toBeLessThan(IDS.length); // collisions did happen
    IDS.forEach((id, i) => expect(index.indexOf(id)).toBe(i));
    expect(index.indexOf("missing")).toBe(-1);
  });

  it.each([8, 10, 11, 24])("refuses a table of %i cells for 10 ids (too small, or not a power of two)", (tableSize) => {
    expect(() => new LeadIdIndex(IDS, tableSize)).toThrowError(`tableSize must be a power of two above the 10 ids. Got ${tableSize}.`);
  });

  it("finds ids whose hashes all collide, in a full-but-one table", () => {
    // Ids chosen to land in the same cell of a 16-cell table: every lookup walks a probe run.
    const colliding: string[] = [];
    for (let n = 0; colliding.length < 15; n++) if ((hashOf(`id${n}`) & 15) === 3) colliding.push(`id${n}`);
    const index = new LeadIdIndex(colliding, 16);
    colliding.forEach((id, i) => expect(index.indexOf(id)).toBe(i));
    // An absent id of the same cell walks the run to the one empty cell.
    let absent = colliding.length;
    while ((hashOf(`x${absent}`) & 15) !== 3) absent++;
    expect(index.indexOf(`x${absent}`)).toBe(-1);
  });

  it("agrees with a Map on 50,000 random ids, present and absent", () => {
    const random = mulberry32(11);
    const ids = [...new Set(Array.from({ length: 50_000 }, () => Math.floor(random() * 1e9).toString(36)))];
    const present = ids.slice(0, 40_000);
    const map = new Map(present.map((id, i) => [id, i]));
    const index = new LeadIdIndex(present);
    for (const id of ids) expect(index.indexOf(id)).toBe(map.get(id) ?? -1);
  });

  it("refuses duplicate ids, naming the id and both indexes", () => {
    expect(() => new LeadIdIndex(["A", "B", "A"])).toThrowError(/lead id "A" appears at indexes 0 and 2; ids must be unique/);
  });

  it("hashes with FNV-1a then fmix32 (known answers)", () => {
    // FNV-1a 32 of "" is the offset basis 0x811c9dc5, of "a" 0xe40c292c (reference values from the FNV page);
    // fmix32 of those, computed by hand with the MurmurHash3 constants: see the helper below.
    expect(hashOf("")).toBe(fmix32(0x811c9dc5));
    expect(hashOf("a")).toBe(fmix32(0xe40c292c));
  });
});

/** MurmurHash3's finaliser, written out independently of the source with BigInt arithmetic. */
function fmix32(h: number): number {
  const M = 0xffffffffn;
  let x = BigInt(h);
  x ^= x >> 16n;
  x = (x * 0x85ebca6bn) & M;
  x ^= x >> 13n;
  x = (x * 0xc2b2ae35n) & M;
  x ^= x >> 16n;
  return Number(x);
}
