import cluster from "node:cluster";
import { Command, InvalidArgumentError } from "commander";
import type { MetricsSnapshot } from "../serve/metrics.js";
import { LeadliftError } from "../errors.js";
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_MODEL_BYTES } from "../serve/limits.js";
import { parseCount, parsePositive } from "./shared-options.js";

/**
 * `leadlift serve`: the HTTP scoring service (the library's
 * `createScoringServer`), with graceful shutdown on SIGTERM/SIGINT. With
 * `--workers N` the process becomes the primary of N worker processes that
 * run this same command line and share the port (`serve/workers.ts`).
 */
export function serveCommand(): Command {
  return new Command("serve")
    .description("Serve a model over HTTP: POST /score, POST /score/batch, GET /model, GET /healthz, GET /metrics.")
    .requiredOption("--model <file>", "model JSON (reloaded when the file changes; a bad file is refused)")
    .option("--port <port>", "port", parseCount, 8080)
    .option("--host <host>", "interface to listen on", "127.0.0.1")
    .option("--workers <n>", "processes serving the port (one per core uses every core; 1: this process alone)", parseWorkers, 1)
    .option("--max-body-bytes <bytes>", "largest request body in bytes", parsePositive, DEFAULT_MAX_BODY_BYTES)
    .option("--max-model-bytes <bytes>", "largest model file loaded, in bytes", parsePositive, DEFAULT_MAX_MODEL_BYTES)
    .action(async (flags) => {
      const worker = cluster.isWorker ? `worker ${process.pid}: ` : "";
      const log = (message: string) => console.error(`${new Date().toISOString()} ${worker}${message}`);
      if (flags.workers > 1 && cluster.isPrimary) {
        const { runPrimary } = await import("../serve/workers.js");
        const code = await runPrimary({
          workers: flags.workers,
          log,
          onListening: (port) => log(`leadlift serving ${flags.model} on http://${flags.host}:${port} with ${flags.workers} workers`),
        });
        if (code !== 0) throw new LeadliftError("service-failed", "The service stopped because a worker failed; the log above says which and why.");
        return;
      }
      try {
        await serveInThisProcess(flags, log);
      } finally {
        // A worker's channel to the primary would keep it running, after a failure too. (Not process.disconnect():
        // node:cluster exits a worker whose channel closes unexpectedly at once, with code 0, hiding a failure.)
        cluster.worker?.disconnect();
      }
    });
}

/** One server in this process (alone, or as one of the primary's workers) until SIGTERM/SIGINT. */
async function serveInThisProcess(
  flags: { model: string; port: number; host: string; maxBodyBytes: number; maxModelBytes: number },
  log: (message: string) => void,
): Promise<void> {
  const [{ createScoringServer }, { connectWorkerMetrics }] = await Promise.all([import("../index.js"), import("../serve/workers.js")]);
  // The primary asks for this worker's counters only once it listens, after the server exists.
  const holder: { service?: { metricsSnapshot(): MetricsSnapshot } } = {};
  const gatherMetrics = cluster.isWorker ? connectWorkerMetrics(() => holder.service!.metricsSnapshot()) : undefined;
  const service = await createScoringServer({ modelPath: flags.model, maxBodyBytes: flags.maxBodyBytes, maxModelBytes: flags.maxModelBytes, log, gatherMetrics });
  holder.service = service;
  const { port } = await service.listen(flags.port, flags.host);
  if (!cluster.isWorker) log(`leadlift serving ${flags.model} on http://${flags.host}:${port}`);
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log(`${signal}: finishing in-flight requests`);
      void service.close().then(resolve);
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
  });
}

/** Workers above this are refused: a typo (`--workers 800`) would fork hundreds of processes. */
const MAX_WORKERS = 64;

function parseWorkers(text: string): number {
  const n = parseCount(text);
  if (n < 1 || n > MAX_WORKERS) throw new InvalidArgumentError(`expected 1 to ${MAX_WORKERS} processes, got ${JSON.stringify(text)}.`);
  return n;
}
