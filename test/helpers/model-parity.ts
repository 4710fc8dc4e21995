import { expect } from "vitest";

/**
 * Asserts two models are the same model: every field equal, numbers to a
 * relative `tolerance` (engines add a variance's squares in another order),
 * while points, kept decisions and the threshold are compared exactly.
 * `createdAt` is ignored.
 */
export function expectSameModel(actual: unknown, expected: unknown, tolerance = 1e-9): void {
  const differences: string[] = [];
  const walk = (x: unknown, y: unknown, path: string) => {
    if (typeof x === "number" && typeof y === "number") {
      if (Object.is(x, y)) return;
      const exact = /\.(points|kept|score|threshold|leadsAtOrAbove|wonAtOrAbove|reached|successes|failures|censored)$/.test(path);
      const relative = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
      if (exact || !(relative <= tolerance)) differences.push(`${path}: ${x} vs ${y}`);
      return;
    }
    if (x === null || y === null || typeof x !== "object" || typeof y !== "object") {
      if (!Object.is(x, y)) differences.push(`${path}: ${JSON.stringify(x)} vs ${JSON.stringify(y)}`);
      return;
    }
    const keys = new Set([...Object.keys(x), ...Object.keys(y)]);
    for (const key of keys) if (key !== "createdAt") walk((x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key], `${path}.${key}`);
  };
  walk(JSON.parse(JSON.stringify(actual)), JSON.parse(JSON.stringify(expected)), "model");
  expect(differences).toEqual([]);
}
