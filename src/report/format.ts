/** Formatting shared by the report renderers (percentages exist only here). */

const NA = "n/a";
type Maybe = number | null | undefined;

/** A 0–1 rate as a percentage: 0.1302 → "13.0%". */
export const pct = (value: Maybe, digits = 1): string => (value === null || value === undefined ? NA : `${(value * 100).toFixed(digits)}%`);

/** An interval of 0–1 rates: "11.0–15.4%". */
export const pctRange = (lower: Maybe, upper: Maybe, digits = 1): string =>
  lower === null || lower === undefined || upper === null || upper === undefined ? NA : `${(lower * 100).toFixed(digits)}–${(upper * 100).toFixed(digits)}%`;

/** A difference of 0–1 rates in percentage points, signed: 0.306 → "+30.6 pp". */
export const pp = (value: Maybe, digits = 1): string =>
  value === null || value === undefined ? NA : `${value > 0 ? "+" : ""}${(value * 100).toFixed(digits)} pp`;

/** An interval of rate differences in signed percentage points: "+23.8 to +37.4". */
export const ppRange = (lower: Maybe, upper: Maybe, digits = 1): string => {
  if (lower === null || lower === undefined || upper === null || upper === undefined) return NA;
  const one = (v: number) => `${v > 0 ? "+" : ""}${(v * 100).toFixed(digits)}`;
  return `${one(lower)} to ${one(upper)}`;
};

/** A plain number with fixed digits. */
export const num = (value: Maybe, digits = 3): string => (value === null || value === undefined ? NA : value.toFixed(digits));

/** A count with thousands separators: 5327 → "5,327". */
export const int = (value: Maybe): string => (value === null || value === undefined ? NA : Math.round(value).toLocaleString("en-US"));

/** A p-value: three decimals, or "<0.001". */
export const pValue = (value: Maybe): string => (value === null || value === undefined ? NA : value < 0.001 ? "<0.001" : value.toFixed(3));

/** Integer points with their sign: "+31", "-7", "0". */
export const signed = (points: number): string => (points > 0 ? `+${points}` : String(points));

/** The date part of an ISO instant: "2025-01-11". */
export const day = (iso: string | null | undefined): string => (iso ? iso.slice(0, 10) : NA);

/** A span of ISO instants as dates: "2024-03-01 to 2025-06-23". */
export const dayRange = (range: { from: string; to: string } | null): string => (range ? `${day(range.from)} to ${day(range.to)}` : NA);

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}

/**
 * The capacity check in words, the same in every renderer: SDR-ready leads
 * a day and per 48 hours at the threshold, against the team's capacity.
 */
export function capacitySentence(cap: {
  readonly perDay: number;
  readonly per48Hours: number;
  readonly capacityPerDay: number | null;
  readonly withinCapacity: boolean | null;
  readonly fittingThreshold: { readonly threshold: number; readonly perDay: number } | null;
}): string {
  const flow = `${num(cap.perDay, 2)} SDR-ready leads a day, ${num(cap.per48Hours, 1)} in 48 hours`;
  if (cap.capacityPerDay === null) return `${flow} (no team capacity given: pass --sdr-capacity).`;
  if (cap.withinCapacity) return `${flow}, within the team's ${cap.capacityPerDay} a day.`;
  const fits = cap.fittingThreshold ? `; a threshold of ${cap.fittingThreshold.threshold} fits (${num(cap.fittingThreshold.perDay, 2)} a day)` : "";
  return `${flow}, more than the team's ${cap.capacityPerDay} a day${fits}.`;
}
