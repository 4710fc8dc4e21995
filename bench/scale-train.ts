/**
 * One training run of `npm run bench:scale`, in its own process so its
 * peak memory is its own: loads the export with the given engine, trains
 * and calibrates (`trainAndCalibrate`, as `leadlift train` does), and
 * prints one JSON line — load and training seconds, peak RSS, the model's
 * threshold and kept actions.
 * Usage: tsx bench/scale-train.ts LEADS EVENTS OUTCOMES ENGINE
 */
import { closeCrm, loadCrm, parseConfig, trainAndCalibrate } from "../src/index.js";

const [leads, events, outcomes, engine] = process.argv.slice(2);
const config = parseConfig({ engine });
const t0 = performance.now();
const crm = await loadCrm({ leads, events, outcomes }, config);
const t1 = performance.now();
const { model } = trainAndCalibrate(crm, config, { now: new Date(), toolVersion: "bench" });
const t2 = performance.now();
closeCrm(crm, { keepEvents: false });
console.log(
  JSON.stringify({
    events: crm.events.length,
    loadSeconds: (t1 - t0) / 1000,
    trainSeconds: (t2 - t1) / 1000,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    threshold: model.threshold.score,
    kept: model.actions.filter((a) => a.kept).map((a) => `${a.action} ${a.points}`),
  }),
);
