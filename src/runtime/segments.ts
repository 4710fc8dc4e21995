import { ScoringError } from "./scoring-error.js";

/** A named score band; a segment runs from its `from` up to the next segment's `from`. */
export interface Segment {
  readonly name: string;
  /** Lowest score in the band; omitted on the first segment (everything below the second). */
  readonly from?: number;
}

/**
 * The segments, checked: at least one, unique names, `from` strictly
 * increasing, only the first may omit it. Bands defined by their lower
 * edges alone cannot overlap or leave gaps.
 * @throws ScoringError naming the segment at fault.
 */
export function assertSegments(value: unknown): Segment[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new ScoringError("invalid-segments", "segments", `segments: expected a non-empty array like [{ "name": "new" }, { "name": "warm", "from": 20 }], got ${JSON.stringify(value)}.`);
  }
  const names = new Set<string>();
  value.forEach((segment, i) => {
    const path = `segments[${i}]`;
    if (typeof segment !== "object" || segment === null || typeof segment.name !== "string" || segment.name === "") {
      throw new ScoringError("invalid-segments", `${path}.name`, `${path}.name: expected a non-empty string, got ${JSON.stringify(segment?.name)}.`);
    }
    if (names.has(segment.name)) throw new ScoringError("invalid-segments", `${path}.name`, `${path}.name: ${JSON.stringify(segment.name)} is used twice.`);
    names.add(segment.name);
    if (i > 0) {
      if (typeof segment.from !== "number" || !Number.isFinite(segment.from)) {
        throw new ScoringError("invalid-segments", `${path}.from`, `${path}.from: expected the band's lowest score, got ${JSON.stringify(segment.from)}.`);
      }
      const previous = value[i - 1].from;
      if (typeof previous === "number" && segment.from <= previous) {
        throw new ScoringError("invalid-segments", `${path}.from`, `${path}.from: must be above the previous segment's ${previous}, got ${segment.from} (bands would overlap).`);
      }
    }
  });
  return value as Segment[];
}

/** Name of the segment `score` falls in. */
export function segmentOf(segments: readonly Segment[], score: number): string {
  let name = segments[0].name;
  for (let i = 1; i < segments.length; i++) if (score >= (segments[i].from as number)) name = segments[i].name;
  return name;
}
