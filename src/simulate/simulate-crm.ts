import { LeadliftError } from "../errors.js";
import { CONTINUOUS_REGIMES, REGIME_DEFAULTS, type ContinuousRegime } from "./regime-truth.js";
import { simulateClassic, type ClassicExport } from "./simulate-classic.js";
import { simulateRegime, type RegimeExport } from "./simulate-regime.js";

/** The worlds the simulator can generate (see docs/simulator.md). */
export const SIMULATION_REGIMES = ["classic", ...CONTINUOUS_REGIMES] as const;
export type SimulationRegime = (typeof SIMULATION_REGIMES)[number];

export interface SimulateOptions {
  /** Number of leads. Default 3000. */
  readonly leads: number;
  /** Random seed. Default 42. */
  readonly seed: number;
  /** First creation instant (ISO). Default 2024-01-01T00:00:00Z. */
  readonly startAt: string;
  /** Creation dates spread over this many days. Default 540 in "classic", 365 in "exposure" and "trigger". */
  readonly spanDays: number;
  /** Days after the last creation date at which the export is taken; later outcomes and events are not yet known. Default 30. */
  readonly exportAfterDays: number;
  /** Which world: "classic" (default; the bundled sample), "exposure" (lost leads linger) or "trigger" (strong actions trigger the hand-off). */
  readonly regime: SimulationRegime;
  /** "exposure" and "trigger" only: share of leads won, 0–1 exclusive (the base term is solved to reach it). Default 0.06. */
  readonly baseCloseRate: number;
  /**
   * "exposure" and "trigger" only: share of leads that arrive in-market and request a demo or
   * contact sales within days (0–1 exclusive of 1). Default 0 in "exposure", 0.1 in "trigger".
   */
  readonly inMarketShare: number;
  /**
   * "exposure" only: share of the marketing-time hazards at which lost leads keep acting while they
   * linger after deciding (0–1; 1 is the stress case of undiminished activity). Default 0.3.
   */
  readonly lingerActivity: number;
}

/**
 * The defaults of the classic regime (the bundled sample). "exposure" and
 * "trigger" replace spanDays (365) and inMarketShare (REGIME_DEFAULTS) when not given.
 */
export const DEFAULT_SIMULATE_OPTIONS: SimulateOptions = {
  leads: 3000,
  seed: 42,
  startAt: "2024-01-01T00:00:00Z",
  spanDays: 540,
  exportAfterDays: 30,
  regime: "classic",
  baseCloseRate: REGIME_DEFAULTS.baseCloseRate,
  inMarketShare: 0,
  lingerActivity: REGIME_DEFAULTS.lingerActivity,
};

/** A classic-regime export with its truth. */
export type ClassicSimulatedCrm = ClassicExport & { readonly regime: "classic" };
/** An "exposure" or "trigger" export with its truth. */
export type RegimeSimulatedCrm = RegimeExport & { readonly regime: ContinuousRegime };
/**
 * A simulated export: the rows of leads.csv, events.csv and outcomes.csv,
 * the documented truth (truth.json), and every lead's true close
 * probability by lead id, in lead order (truth-leads.csv).
 */
export type SimulatedCrm = ClassicSimulatedCrm | RegimeSimulatedCrm;

/**
 * A synthetic CRM export in leadlift's data contract with known ground
 * truth (see docs/simulator.md). "classic": causal actions raise close
 * probability additively and independently, so their true univariate lift
 * is known exactly; plus the traps a scorer must survive — a follower
 * action, vanity signals, a neutral action whose frequency grows with
 * exposure time, post-hand-off sales activity, and open leads.
 * "exposure" and "trigger": continuous-time worlds at a low base rate where
 * lost leads linger with marketing, or where strong actions trigger the
 * hand-off. Same options, same bytes.
 * @throws LeadliftError for a non-positive lead count, a bad start date,
 *   an unknown regime, or a regime-only option given with "classic".
 * @example simulateCrm({ leads: 100, regime: "trigger" }).truth.regime // "trigger"
 */
export function simulateCrm(options?: Partial<SimulateOptions> & { readonly regime?: "classic" }): ClassicSimulatedCrm;
export function simulateCrm(options: Partial<SimulateOptions> & { readonly regime: ContinuousRegime }): RegimeSimulatedCrm;
export function simulateCrm(options?: Partial<SimulateOptions>): SimulatedCrm;
export function simulateCrm(given: Partial<SimulateOptions> = {}): SimulatedCrm {
  // An option given as undefined (e.g. an absent CLI flag) takes its default.
  const options = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) as Partial<SimulateOptions>;
  const regime = options.regime ?? DEFAULT_SIMULATE_OPTIONS.regime;
  if (!(SIMULATION_REGIMES as readonly string[]).includes(regime)) {
    throw new LeadliftError("bad-option", `Option "regime" must be one of ${SIMULATION_REGIMES.join(", ")}. Got ${JSON.stringify(regime)}.`);
  }
  const spanDays = options.spanDays ?? (regime === "classic" ? DEFAULT_SIMULATE_OPTIONS.spanDays : REGIME_DEFAULTS.spanDays);
  const o = { ...DEFAULT_SIMULATE_OPTIONS, ...options, regime, spanDays };
  if (!Number.isInteger(o.leads) || o.leads <= 0) {
    throw new LeadliftError("bad-option", `Option "leads" must be a whole number above 0. Got ${JSON.stringify(o.leads)}.`);
  }
  const startAt = Date.parse(o.startAt);
  if (Number.isNaN(startAt)) throw new LeadliftError("bad-option", `Option "startAt" must be an ISO date. Got ${JSON.stringify(o.startAt)}.`);
  for (const key of ["spanDays", "exportAfterDays"] as const) {
    if (!Number.isFinite(o[key]) || o[key] < 0 || (key === "spanDays" && o[key] === 0)) {
      throw new LeadliftError("bad-option", `Option "${key}" must be a number of days ${key === "spanDays" ? "above" : "of at least"} 0. Got ${JSON.stringify(o[key])}.`);
    }
  }
  if (regime === "classic") {
    for (const key of ["baseCloseRate", "inMarketShare", "lingerActivity"] as const) {
      if (options[key] !== undefined) {
        throw new LeadliftError("bad-option", `Option "${key}" applies to the ${CONTINUOUS_REGIMES.map((r) => JSON.stringify(r)).join(" and ")} regimes only; the classic world is fixed. Got ${JSON.stringify(options[key])} with regime "classic".`);
      }
    }
    return { regime, ...simulateClassic({ leads: o.leads, seed: o.seed, startAt, spanDays: o.spanDays, exportAfterDays: o.exportAfterDays }) };
  }
  if (!(o.baseCloseRate > 0 && o.baseCloseRate < 1)) {
    throw new LeadliftError("bad-option", `Option "baseCloseRate" must be a share between 0 and 1 (exclusive). Got ${JSON.stringify(o.baseCloseRate)}.`);
  }
  const inMarketShare = options.inMarketShare ?? REGIME_DEFAULTS.inMarketShare[regime];
  if (!(inMarketShare >= 0 && inMarketShare < 1)) {
    throw new LeadliftError("bad-option", `Option "inMarketShare" must be a share in [0, 1). Got ${JSON.stringify(inMarketShare)}.`);
  }
  if (!(o.lingerActivity >= 0 && o.lingerActivity <= 1)) {
    throw new LeadliftError("bad-option", `Option "lingerActivity" must be a share in [0, 1]. Got ${JSON.stringify(o.lingerActivity)}.`);
  }
  if (regime === "trigger" && options.lingerActivity !== undefined) {
    throw new LeadliftError("bad-option", `Option "lingerActivity" applies to the "exposure" regime only. Got ${JSON.stringify(options.lingerActivity)} with regime "trigger".`);
  }
  return {
    regime,
    ...simulateRegime({
      regime, leads: o.leads, seed: o.seed, startAt, spanDays: o.spanDays, exportAfterDays: o.exportAfterDays, baseCloseRate: o.baseCloseRate, inMarketShare, lingerActivity: o.lingerActivity,
    }),
  };
}
