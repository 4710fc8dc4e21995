/** Why an indicator earns no points: part of the model contract. Codes are stable; `dropReason` carries the readable text. */
export const DROP_CODES = ["reference", "degenerate", "too-few-leads", "vanity", "below-min-lift", "not-significant", "over-cap"] as const;
export type DropCode = (typeof DROP_CODES)[number];
