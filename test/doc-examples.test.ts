/**
 * Every `@example` in a doc comment under src/ runs here, so the examples
 * stay true. An example is JavaScript that uses only its module's exports
 * (and globals). A line `expression // value` asserts: the expression must
 * equal the value written after `//`, which is itself JavaScript:
 * - a number matches when the result rounds to the digits written
 *   (`0.3730` holds for 0.37302…, not for 0.3736; `20` only for 20);
 * - in a string, `…` stands for any text;
 * - an object matches on the keys it shows; an array (or typed array)
 *   element by element, with the same length.
 * Lines holding only a `// comment` are prose. `await` may be used.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "../src");

interface Example {
  readonly file: string;
  /** Line of the `@example` tag in the file (1-based). */
  readonly line: number;
  readonly code: readonly string[];
}

/** The `@example` blocks of one source file. */
function findExamples(file: string, text: string): Example[] {
  const examples: Example[] = [];
  for (const block of text.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const startLine = text.slice(0, block.index).split("\n").length;
    const lines = block[1].split("\n").map((l) => l.replace(/^\s*\* ?/, ""));
    for (let i = 0; i < lines.length; i++) {
      const tag = /^@example\b ?(.*)$/.exec(lines[i].trim());
      if (!tag) continue;
      const code = tag[1] ? [tag[1]] : [];
      let j = i + 1;
      for (; j < lines.length && !/^\s*@\w/.test(lines[j]); j++) code.push(lines[j]);
      examples.push({ file, line: startLine + i, code: code.filter((l) => l.trim() !== "") });
      i = j - 1;
    }
  }
  return examples;
}

/** Index of the `//` that starts a comment on this line (outside strings and regular expressions are not used in examples), or -1. */
function commentStart(line: string): number {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === "`") {
      quote = c;
    } else if (c === "/" && line[i + 1] === "/") {
      return i;
    }
  }
  return -1;
}

/** Half a unit in the last digit of a number as written (0.00005 for "0.3730", 5e-9 for "3.27e-6", 0.5 for "12"). */
function tolerance(written: string): number {
  const match = /^-?\d*(?:\.(\d*))?(?:e([+-]?\d+))?$/i.exec(written);
  if (!match) return 0;
  const decimals = (match[1]?.length ?? 0) - Number(match[2] ?? 0);
  return 0.5 * 10 ** -decimals;
}

/** A number written in an expected value, remembering how it was written (so trailing zeros count). */
type WrittenNumber = Number & { readonly written: string };
const writtenNumber = (text: string): WrittenNumber => Object.assign(new Number(Number(text)), { written: text });

/**
 * The expected value's source with every number literal outside strings
 * wrapped as `__n("0.3730")`, so the check knows the digits written. A
 * minus sign belongs to the number after `[`, `(`, `,`, `:` or at the start.
 */
function tagNumbers(source: string): string {
  let out = "";
  let quote: string | null = null;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quote) {
      out += c;
      if (c === "\\") out += source[++i] ?? "";
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") {
      quote = c;
      out += c;
      continue;
    }
    const number = /^-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/i.exec(source.slice(i));
    const before = source.slice(0, i).trimEnd().slice(-1);
    if (number && !/[\w$.]/.test(source[i - 1] ?? "") && (number[0][0] !== "-" || before === "" || "[(,:".includes(before))) {
      out += `__n(${JSON.stringify(number[0])})`;
      i += number[0].length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

/** Why `actual` does not match `expected` (see the file comment), or null when it does. */
function mismatch(actual: unknown, expected: unknown, path = "result"): string | null {
  if (typeof expected === "number" || expected instanceof Number) {
    const value = Number(expected);
    const written = expected instanceof Number ? (expected as WrittenNumber).written : String(expected);
    if (typeof actual !== "number") return `${path}: expected a number, got ${JSON.stringify(actual)}`;
    if (Number.isNaN(value) ? !Number.isNaN(actual) : !(Math.abs(actual - value) <= tolerance(written) * (1 + 1e-12))) {
      return `${path}: expected ${written}, got ${actual}`;
    }
    return null;
  }
  if (typeof expected === "string") {
    if (typeof actual !== "string") return `${path}: expected a string, got ${JSON.stringify(actual)}`;
    const pattern = new RegExp(`^${expected.split("…").map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("[\\s\\S]*?")}$`);
    return pattern.test(actual) ? null : `${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`;
  }
  if (Array.isArray(expected)) {
    const list = ArrayBuffer.isView(actual) ? Array.from(actual as unknown as ArrayLike<unknown>) : actual;
    if (!Array.isArray(list)) return `${path}: expected an array, got ${JSON.stringify(actual)}`;
    if (list.length !== expected.length) return `${path}: expected ${expected.length} elements, got ${list.length} (${JSON.stringify(list)})`;
    for (let i = 0; i < expected.length; i++) {
      const problem = mismatch(list[i], expected[i], `${path}[${i}]`);
      if (problem) return problem;
    }
    return null;
  }
  if (typeof expected === "object" && expected !== null) {
    if (typeof actual !== "object" || actual === null) return `${path}: expected an object, got ${JSON.stringify(actual)}`;
    for (const [key, value] of Object.entries(expected)) {
      const problem = mismatch((actual as Record<string, unknown>)[key], value, `${path}.${key}`);
      if (problem) return problem;
    }
    return null;
  }
  return Object.is(actual, expected) ? null : `${path}: expected ${String(expected)}, got ${JSON.stringify(actual)}`;
}

/** The example as an async function body: assertion lines become checks; prose lines are dropped. */
function compileExample(example: Example): { body: string; assertions: number } {
  let assertions = 0;
  const body = example.code.map((line) => {
    const at = commentStart(line);
    if (at === -1) return line;
    const code = line.slice(0, at).trim();
    const value = line.slice(at + 2).trim();
    if (code === "") return "";
    assertions += 1;
    return `__check(${code.replace(/;$/, "")}, ${tagNumbers(value)}, ${JSON.stringify(line.trim())});`;
  });
  return { body: body.join("\n"), assertions };
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;

const files = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts")).sort();
const examples = files.flatMap((file) => findExamples(relative(SRC, join(SRC, file)), readFileSync(join(SRC, file), "utf8")));

describe("the doc-comment example runner", () => {
  it("matches numbers to the digits shown, strings with … as any text, objects on the keys shown", () => {
    const check = (actual: unknown, expectedSource: string) => mismatch(actual, new Function("__n", `return (${tagNumbers(expectedSource)});`)(writtenNumber));
    expect(check(0.37302, "0.3730")).toBeNull();
    expect(check(0.3736, "0.3730")).toBe("result: expected 0.3730, got 0.3736");
    expect(check(0.3729984836134872, "0.5040")).toBe("result: expected 0.5040, got 0.3729984836134872");
    expect(check(3.2741e-6, "3.27e-6")).toBeNull();
    expect(check(3.3e-6, "3.27e-6")).toMatch(/expected 3\.27e-6/);
    expect(check(20, "20")).toBeNull();
    expect(check(20.4, "20")).toBeNull();
    expect(check(21, "20")).not.toBeNull();
    expect(check({ lower: -0.0042, upper: 0.027 }, "{ lower: -0.004, upper: 0.027 }")).toBeNull();
    expect(check({ lower: 0.0042 }, "{ lower: -0.004 }")).toMatch(/expected -0\.004/);
    expect(check(Date.UTC(2024, 2, 15), "Date.UTC(2024, 2, 15)")).toBeNull();
    expect(check("(-8)", '"(-8)"')).toBeNull();
    expect(mismatch("WITH\nlead_cells AS (x) SELECT", "WITH\n… SELECT")).toBeNull();
    expect(mismatch("SELECT", "WITH …")).not.toBeNull();
    expect(mismatch({ a: 1, b: 2 }, { a: 1 })).toBeNull();
    expect(mismatch({ a: 1 }, { a: 1, count: 2 })).toBe("result.count: expected a number, got undefined");
    expect(mismatch(Float64Array.of(0.5, 2), [0.5, 2])).toBeNull();
    expect(mismatch([1, 2, 3], [1, 2])).toMatch(/expected 2 elements, got 3/);
  });

  it("finds the examples: one or more in most folders, each with at least one assertion", () => {
    expect(examples.length).toBeGreaterThanOrEqual(40);
    for (const example of examples) expect(compileExample(example).assertions, `${example.file}:${example.line}`).toBeGreaterThan(0);
  });
});

describe.each(examples.map((example) => [`${example.file}:${example.line}`, example] as const))("@example in %s", (_name, example) => {
  it("runs and shows what the code returns", async () => {
    const module = (await import(pathToFileURL(join(SRC, example.file)).href)) as Record<string, unknown>;
    const names = Object.keys(module);
    const problems: string[] = [];
    const check = (actual: unknown, expected: unknown, line: string) => {
      const problem = mismatch(actual, expected);
      if (problem) problems.push(`${line}\n    ${problem}`);
    };
    const { body } = compileExample(example);
    const run = new AsyncFunction("__check", "__n", ...names, body);
    await run(check, writtenNumber, ...names.map((name) => module[name]));
    expect(problems, `${example.file}:${example.line}\n${example.code.join("\n")}`).toEqual([]);
  });
});
