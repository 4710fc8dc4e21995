/** Synthetic CRM exports with documented ground truth (sample data, known-answer tests, benchmarks). */
export {
  simulateCrm, DEFAULT_SIMULATE_OPTIONS, SIMULATION_REGIMES,
  type SimulateOptions, type SimulatedCrm, type ClassicSimulatedCrm, type RegimeSimulatedCrm, type SimulationRegime,
} from "./simulate-crm.js";
export type { SimulationTruth } from "./simulate-classic.js";
export type { RegimeTruth, RegimeActionTruth } from "./simulate-regime.js";
export type { SimLeadRow, SimEventRow, SimOutcomeRow } from "./simulated-rows.js";
export { writeSimulatedCrm } from "./write-simulated-crm.js";
export { SIMULATED_ACTIONS, BASE_CLOSE_RATE, PROFILE_EFFECTS } from "./ground-truth.js";
export { REGIME_ACTIONS, REGIME_PROFILE_EFFECTS, REGIME_UNSUBSCRIBE_MULTIPLIER, CONTINUOUS_REGIMES, type ContinuousRegime, type RegimeAction } from "./regime-truth.js";
