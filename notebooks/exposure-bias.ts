/**
 * Exploration: crude vs exposure-stratified close rates of leads with and
 * without an action. A lead lost on day 80 had more time to read newsletters
 * than one handed off on day 3, so a neutral, time-driven action looks
 * harmful until leads are compared with leads that had as long to act.
 * Prints one table per action; not part of the product.
 */
import { stratifyByExposure } from "../src/features/exposure-strata.js";
import { buildTrainingPopulation, computeLift, loadCrm, parseConfig } from "../src/index.js";

const [leads = "data/sample/leads.csv", events = "data/sample/events.csv", outcomes = "data/sample/outcomes.csv", ...actions] = process.argv.slice(2);
const config = parseConfig({});
const crm = await loadCrm({ leads, events, outcomes }, config);
const population = buildTrainingPopulation(crm, config.training.observationWindowDays);
const strata = stratifyByExposure(population.exposureDays, config.training.exposureStrata);
const index = new Map(population.leads.map((lead, i) => [lead.leadId, i]));
const pct = (x: number | null) => (x === null ? "  n/a" : `${(x * 100).toFixed(1).padStart(5)}%`);

for (const action of actions.length > 0 ? actions : ["newsletter_read", "demo_request"]) {
  const did = new Uint8Array(population.leads.length);
  for (const e of crm.events) {
    const i = index.get(e.leadId);
    if (i !== undefined && e.action === action && e.occurredAt < population.cutoffAt[i]) did[i] = 1;
  }
  const lift = computeLift(population.won, did, strata.stratumOf, strata.count);
  console.log(`\n${action}: crude lift ${pct(lift.lift)} → exposure-adjusted ${pct(lift.adjustedLift)} (Mantel–Haenszel over ${strata.count} strata)`);
  console.log("stratum (days to act)   leads with / without   close with / without");
  for (let s = 0; s < strata.count; s++) {
    const members = population.leads.map((_, i) => i).filter((i) => strata.stratumOf[i] === s);
    const rate = (flag: number) => {
      const group = members.filter((i) => did[i] === flag);
      return { n: group.length, rate: group.length > 0 ? group.filter((i) => population.won[i]).length / group.length : null };
    };
    const [withIt, without] = [rate(1), rate(0)];
    const low = s === 0 ? 0 : strata.edgesDays[s - 1];
    const high = s < strata.edgesDays.length ? strata.edgesDays[s] : Infinity;
    const label = `${low.toFixed(0)}–${high === Infinity ? "…" : high.toFixed(0)}`;
    console.log(`${label.padEnd(24)}${String(withIt.n).padStart(6)} / ${String(without.n).padEnd(14)}${pct(withIt.rate)} / ${pct(without.rate)}`);
  }
}
