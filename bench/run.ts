/** `npm run bench`: every benchmark, printing figures (never asserting times). */
import { runBatchBench } from "./batch.js";
import { runLogisticBench } from "./logistic.js";
import { runRuntimeBench } from "./runtime.js";
import { runRuntimeSizeBench } from "./runtime-size.js";
import { runReloadBench } from "./reload.js";
import { runServiceBench } from "./service.js";
import { runStartupBench } from "./startup.js";
import { runTrainingBench } from "./training.js";

await runRuntimeSizeBench();
await runStartupBench();
await runRuntimeBench();
await runTrainingBench();
await runLogisticBench();
await runServiceBench();
await runReloadBench();
await runBatchBench();
