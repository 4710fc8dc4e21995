import { describe, expect, it } from "vitest";
import { assertSegments, createScorer, segmentOf } from "../../src/runtime/index.js";
import { handModel } from "../helpers/model-fixture.js";

const SEGMENTS = [{ name: "new" }, { name: "warm", from: 20 }, { name: "qualified", from: 50 }, { name: "sales-ready", from: 81 }];

describe("segments", () => {
  it.each([[-5, "new"], [19, "new"], [20, "warm"], [49, "warm"], [50, "qualified"], [80, "qualified"], [81, "sales-ready"]])("puts score %d in %s", (score, name) => {
    expect(segmentOf(assertSegments(SEGMENTS), score)).toBe(name);
  });

  it.each([
    [[], /expected a non-empty array/],
    [[{ name: "a" }, { name: "b" }], /segments\[1\]\.from: expected the band's lowest score/],
    [[{ name: "a" }, { name: "b", from: 20 }, { name: "c", from: 20 }], /segments\[2\]\.from: must be above the previous segment's 20, got 20 \(bands would overlap\)/],
    [[{ name: "a" }, { name: "a", from: 3 }], /segments\[1\]\.name: "a" is used twice/],
  ])("rejects %j with a message naming the segment", (segments, message) => {
    expect(() => assertSegments(segments)).toThrowError(message);
  });

  it("adds a segment to scores while the score and SDR-ready flag stay as they were", () => {
    const plain = createScorer(handModel()).score({ title: "VP Sales" }, [], "2025-01-01");
    const segmented = createScorer(handModel(), { segments: SEGMENTS }).score({ title: "VP Sales" }, [], "2025-01-01");
    expect(segmented).toEqual({ ...plain, segment: "new" });
  });
});
