/** Formatting shared by the report renderers (percentages exist only here). */
export const pct = (value: number | null | undefined, digits = 1): string =>
  value === null || value === undefined ? "n/a" : `${(value * 100).toFixed(digits)}%`;

export const num = (value: number | null | undefined, digits = 3): string =>
  value === null || value === undefined ? "n/a" : value.toFixed(digits);

export const pValue = (value: number | null | undefined): string =>
  value === null || value === undefined ? "n/a" : value < 0.001 ? value.toExponential(1) : value.toFixed(3);

export const signed = (points: number): string => (points > 0 ? `+${points}` : String(points));

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string);
}
