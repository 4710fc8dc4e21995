import { Command, InvalidArgumentError } from "commander";
import { SIMULATION_REGIMES, type SimulationRegime } from "../simulate/simulate-crm.js";
import { parseCount, parsePositive } from "./shared-options.js";

/** `leadlift simulate`: a synthetic CRM export with documented ground truth (the library's `simulateCrm` and `writeSimulatedCrm`). */
export function simulateCommand(): Command {
  return new Command("simulate")
    .description("Write a synthetic CRM export (leads, events, outcomes, truth.json, truth-leads.csv) with known ground truth.")
    .option("--leads <n>", "number of leads", parseCount, 3000)
    .option("--seed <n>", "random seed", parseCount, 42)
    .option("--regime <name>", `world to simulate: ${SIMULATION_REGIMES.join(", ")} (default classic)`, parseRegime)
    .option("--base-close-rate <share>", "exposure and trigger only: share of leads won, e.g. 0.06 (default 0.06)", parseShare)
    .option("--in-market-share <share>", "exposure and trigger only: share of leads that request a demo or contact sales within days (default 0 exposure, 0.1 trigger)", parseInMarketShare)
    .option("--linger-activity <share>", "exposure only: share of their hazards at which lingering lost leads keep acting (default 0.3; 1 = stress case)", parseActivity)
    .option("--span-days <days>", "creation dates spread over this many days (default 540 classic, 365 otherwise)", parsePositive)
    .option("--start-at <iso>", "first creation instant (default 2024-01-01T00:00:00Z)")
    .requiredOption("--out <dir>", "directory to write into")
    .action(async (flags) => {
      const { simulateCrm, writeSimulatedCrm } = await import("../index.js");
      const crm = simulateCrm({
        leads: flags.leads,
        seed: flags.seed,
        regime: flags.regime,
        baseCloseRate: flags.baseCloseRate,
        inMarketShare: flags.inMarketShare,
        lingerActivity: flags.lingerActivity,
        spanDays: flags.spanDays,
        startAt: flags.startAt,
      });
      const { files } = await writeSimulatedCrm(crm, flags.out);
      console.log(`Simulated ${crm.leads.length} leads, ${crm.events.length} events (regime ${crm.regime}, seed ${flags.seed}). Wrote ${files.join(", ")}.`);
    });
}

function parseRegime(text: string): SimulationRegime {
  if (!(SIMULATION_REGIMES as readonly string[]).includes(text)) {
    throw new InvalidArgumentError(`expected one of ${SIMULATION_REGIMES.join(", ")}, got ${JSON.stringify(text)}.`);
  }
  return text as SimulationRegime;
}

function parseShare(text: string): number {
  const value = Number(text);
  if (!(value > 0 && value < 1)) throw new InvalidArgumentError(`expected a share between 0 and 1 like 0.06, got ${JSON.stringify(text)}.`);
  return value;
}

function parseInMarketShare(text: string): number {
  const value = Number(text);
  if (!(value >= 0 && value < 1)) throw new InvalidArgumentError(`expected a share from 0 up to (not including) 1 like 0.1, got ${JSON.stringify(text)}.`);
  return value;
}

function parseActivity(text: string): number {
  const value = Number(text);
  if (!(value >= 0 && value <= 1)) throw new InvalidArgumentError(`expected a share from 0 to 1 like 0.3, got ${JSON.stringify(text)}.`);
  return value;
}
