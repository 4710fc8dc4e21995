/*
 * The values the config's "input" section accepts, here rather than in io/
 * so that the config schema imports nothing from the readers (io reads the
 * config, not the other way round).
 */

/** Text encodings the readers decode (`input.encoding`). */
export const INPUT_ENCODINGS = ["utf-8", "latin1", "utf-16le", "utf-16be"] as const;
export type InputEncoding = (typeof INPUT_ENCODINGS)[number];

/** Date layouts besides ISO 8601 (`input.dateFormat`). */
export const DATE_FORMATS = ["iso", "MM/DD/YYYY", "DD/MM/YYYY"] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** Decimal separators of numbers in profile columns (`input.decimal`). */
export const DECIMAL_SEPARATORS = [".", ","] as const;
export type DecimalSeparator = (typeof DECIMAL_SEPARATORS)[number];
