/** Synthetic CRM exports with documented ground truth (sample data, known-answer tests, benchmarks). */
export { simulateCrm, DEFAULT_SIMULATE_OPTIONS, type SimulateOptions, type SimulatedCrm, type SimulationTruth } from "./simulate-crm.js";
export { writeSimulatedCrm } from "./write-simulated-crm.js";
export { SIMULATED_ACTIONS, BASE_CLOSE_RATE, PROFILE_EFFECTS } from "./ground-truth.js";
