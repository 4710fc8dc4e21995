import { DECIMAL_SEPARATORS, type DecimalSeparator } from "../config/input-options.js";

export { DECIMAL_SEPARATORS, type DecimalSeparator };

/** `879,5`, `1.234,5`, `1.234.567`: numbers written with a decimal comma (and dot or space groups). */
const COMMA_DECIMAL = /^[+-]?(?:\d{1,3}(?:[. ]\d{3})+|\d+)(?:,\d+)?$/;
/** `879.5`, `1,234.5`, `1234`: numbers written with a decimal point (and comma groups). */
const POINT_DECIMAL = /^[+-]?(?:\d{1,3}(?:[, ]\d{3})+|\d+)(?:\.\d+)?$/;

/**
 * A numeric cell rewritten with a decimal point and no grouping (`879,5` →
 * `879.5`, `1.234` → `1234` with `decimal: ","`), the form the runtime and
 * SQL read; other text is returned unchanged.
 * @example normaliseNumber("1.234,5", ",") // "1234.5"
 */
export function normaliseNumber(text: string, decimal: DecimalSeparator): string {
  if (decimal === "." || !COMMA_DECIMAL.test(text)) return text;
  return text.replace(/[. ]/g, "").replace(",", ".");
}

/**
 * Whether `text` can only be a number written with the other decimal
 * separator than `decimal` (so reading it with `decimal` would misread it:
 * `879,5` as 8795 under "."). Ambiguous text (`1.234`) is not flagged.
 */
export function isOtherDecimal(text: string, decimal: DecimalSeparator): boolean {
  return decimal === "." ? COMMA_DECIMAL.test(text) && !POINT_DECIMAL.test(text) : POINT_DECIMAL.test(text) && !COMMA_DECIMAL.test(text);
}

/** Whether `text` reads as a number with `decimal`. */
export function isNumberText(text: string, decimal: DecimalSeparator): boolean {
  return decimal === "." ? POINT_DECIMAL.test(text) : COMMA_DECIMAL.test(text);
}
