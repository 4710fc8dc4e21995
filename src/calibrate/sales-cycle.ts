import { mean, median } from "simple-statistics";

const DAY_MS = 86_400_000;

/** How long won deals took to close, measured from the data. */
export interface SalesCycle {
  readonly medianDays: number;
  readonly meanDays: number;
  readonly wonDeals: number;
  /** From hand-off when the export has hand-off dates, else from lead creation. */
  readonly basis: "handoff-to-close" | "creation-to-close";
}

/** Won deal timing: when it was created, handed off and closed (epoch ms). */
export interface WonTiming {
  readonly createdAt: number | null;
  readonly handoffAt: number | null;
  readonly closedAt: number | null;
}

/**
 * Median and mean days from hand-off to close over won deals (from creation
 * when no deal has a hand-off date); null when no won deal has the dates.
 * Negative durations (closed before hand-off: data-entry errors) are left out.
 */
export function measureSalesCycle(won: readonly WonTiming[]): SalesCycle | null {
  const fromHandoff = won
    .filter((w) => w.handoffAt !== null && w.closedAt !== null)
    .map((w) => ((w.closedAt as number) - (w.handoffAt as number)) / DAY_MS)
    .filter((d) => d >= 0);
  const basis = fromHandoff.length > 0 ? "handoff-to-close" : "creation-to-close";
  const days =
    fromHandoff.length > 0
      ? fromHandoff
      : won
          .filter((w) => w.createdAt !== null && w.closedAt !== null)
          .map((w) => ((w.closedAt as number) - (w.createdAt as number)) / DAY_MS)
          .filter((d) => d >= 0);
  if (days.length === 0) return null;
  return { medianDays: median(days), meanDays: mean(days), wonDeals: days.length, basis };
}
