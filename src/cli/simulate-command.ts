import { Command } from "commander";
import { simulateCrm, writeSimulatedCrm } from "../simulate/index.js";
import { parseCount } from "./shared-options.js";

/** `leadlift simulate`: a synthetic CRM export with documented ground truth. */
export function simulateCommand(): Command {
  return new Command("simulate")
    .description("Write a synthetic CRM export (leads, events, outcomes, truth.json) with known ground truth.")
    .option("--leads <n>", "number of leads", parseCount, 3000)
    .option("--seed <n>", "random seed", parseCount, 42)
    .requiredOption("--out <dir>", "directory to write into")
    .action(async (flags) => {
      const crm = simulateCrm({ leads: flags.leads, seed: flags.seed });
      const { files } = await writeSimulatedCrm(crm, flags.out);
      console.log(`Simulated ${crm.leads.length} leads, ${crm.events.length} events (seed ${flags.seed}). Wrote ${files.join(", ")}.`);
    });
}
