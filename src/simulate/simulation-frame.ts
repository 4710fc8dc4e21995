import type { SeededRandom } from "./random.js";
import { DAY_MS } from "./simulated-rows.js";

/** When leads are created, which companies they work for, and when the export is taken. */
export interface SimulationFrame {
  /** Creation instants (epoch ms), ascending; lead k is created at createdTimes[k]. */
  readonly createdTimes: number[];
  readonly companies: string[];
  /** Instant of the export (epoch ms): later outcomes and events are unknown. */
  readonly exportAt: number;
}

/**
 * Creation times uniform over `spanDays` from `startAt` on the hour, one
 * company per three leads, and the export `exportAfterDays` after the last
 * possible creation. Draws the creation times first, as every regime does.
 */
export function drawFrame(random: SeededRandom, leads: number, startAt: number, spanDays: number, exportAfterDays: number): SimulationFrame {
  const createdTimes = Array.from({ length: leads }, () => startAt + Math.floor(random.uniform(0, spanDays * 24)) * 3_600_000).sort((a, b) => a - b);
  const companies = Array.from({ length: Math.max(1, Math.round(leads / 3)) }, (_, k) => `company-${k + 1}`);
  return { createdTimes, companies, exportAt: startAt + (spanDays + exportAfterDays) * DAY_MS };
}
