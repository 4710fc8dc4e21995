import { describe, expect, it } from "vitest";
import { deriveProfileValue, emailDomainType, trimCellText } from "../../src/runtime/derive-profile.js";
import { mulberry32 } from "../../src/stats/mulberry32.js";

// Every character String.prototype.trim removes (ECMAScript WhiteSpace and LineTerminator), and visible ones around them.
const WHITE_SPACE = ["\t", "\n", "\v", "\f", "\r", " ", "\u00a0", "\u1680", "\u2000", "\u200a", "\u2028", "\u2029", "\u202f", "\u205f", "\u3000", "\ufeff"];
const VISIBLE = ["a", "Z", "0", "!", "~", "@", ".", "é", "ß", "\u200b", "\u007f", "\u0085", "\u0000", "\u001f"];

describe("trimCellText", () => {
  it("equals String(cell).trim() on 100,000 seeded random cells, white space of every kind at either end or none", () => {
    const random = mulberry32(2);
    const pick = (items: readonly string[]) => items[Math.floor(random() * items.length)];
    const differences: string[] = [];
    let untouched = 0;
    for (let i = 0; i < 100_000; i++) {
      let cell = "";
      const length = Math.floor(random() * 6);
      for (let k = 0; k < length; k++) cell += random() < 0.3 ? pick(WHITE_SPACE) : pick(VISIBLE);
      if (trimCellText(cell) !== cell.trim()) differences.push(JSON.stringify(cell));
      if (cell === cell.trim()) untouched += 1;
    }
    expect(differences.slice(0, 5)).toEqual([]);
    // Both branches are exercised: cells with nothing to trim and cells with white space at an end.
    expect(untouched).toBeGreaterThan(20_000);
    expect(100_000 - untouched).toBeGreaterThan(20_000);
  });

  it.each([
    [null, ""],
    [undefined, ""],
    ["", ""],
    ["VP Sales", "VP Sales"],
    [" VP Sales", "VP Sales"],
    ["VP Sales\u00a0", "VP Sales"],
    ["\ufeffacme.com", "acme.com"],
    ["\u3000", ""],
    ["é ", "é"],
  ])("reads %j as %j", (cell, expected) => {
    expect(trimCellText(cell)).toBe(expected);
  });

  it("gives the same text as trim() for non-string cells that reach it untyped", () => {
    expect(trimCellText(42 as unknown as string)).toBe("42");
  });
});

describe("deriveProfileValue with padded cells", () => {
  it.each([
    [{ kind: "seniority" } as const, "\u00a0VP Sales\u2003", "vp"],
    [{ kind: "email-domain" } as const, " ana@gmail.com\n", "free-mail"],
    [{ kind: "target-account", accounts: ["acme.com"] } as const, "\ufeffACME.com", "yes"],
    [{ kind: "category", levels: ["US"] } as const, "US\t", "US"],
    [{ kind: "size-band", edges: [10, 50] } as const, "\u202f 42 ", "(10, 50]"],
    [{ kind: "category", levels: ["US"] } as const, "\u3000", "(missing)"],
  ])("derives %j from %j as from the trimmed cell", (transform, cell, expected) => {
    expect(deriveProfileValue(transform, cell)).toBe(expected);
    expect(deriveProfileValue(transform, cell.trim())).toBe(expected);
  });
});

describe("emailDomainType", () => {
  // The domain is what follows the last "@" (the scan replaced String#lastIndexOf; these pin its edges).
  it.each([
    ["ana@gmail.com", "free-mail"],
    ["ana@acme.com", "business"],
    ['"a@b"@gmail.com', "free-mail"],
    ["ana@gmail.com@acme.com", "business"],
    ["ana@acme.com@GMAIL.COM", "free-mail"],
    ["@gmail.com", "free-mail"],
    ["ana@", "(missing)"],
    ["ana@gmail.com@", "(missing)"],
    ["ana", "(missing)"],
    ["", "(missing)"],
    ["@", "(missing)"],
  ])("reads %j as %s", (email, expected) => {
    expect(emailDomainType(email)).toBe(expected);
  });
});
