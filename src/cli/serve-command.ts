import { Command } from "commander";
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_MODEL_BYTES } from "../serve/limits.js";
import { parseCount, parsePositive } from "./shared-options.js";

/** `leadlift serve`: the HTTP scoring service (the library's `createScoringServer`), with graceful shutdown on SIGTERM/SIGINT. */
export function serveCommand(): Command {
  return new Command("serve")
    .description("Serve a model over HTTP: POST /score, POST /score/batch, GET /model, GET /healthz, GET /metrics.")
    .requiredOption("--model <file>", "model JSON (reloaded when the file changes; a bad file is refused)")
    .option("--port <port>", "port", parseCount, 8080)
    .option("--host <host>", "interface to listen on", "127.0.0.1")
    .option("--max-body-bytes <bytes>", "largest request body in bytes", parsePositive, DEFAULT_MAX_BODY_BYTES)
    .option("--max-model-bytes <bytes>", "largest model file loaded, in bytes", parsePositive, DEFAULT_MAX_MODEL_BYTES)
    .action(async (flags) => {
      const { createScoringServer } = await import("../index.js");
      const log = (message: string) => console.error(`${new Date().toISOString()} ${message}`);
      const service = await createScoringServer({ modelPath: flags.model, maxBodyBytes: flags.maxBodyBytes, maxModelBytes: flags.maxModelBytes, log });
      const { port } = await service.listen(flags.port, flags.host);
      log(`leadlift serving ${flags.model} on http://${flags.host}:${port}`);
      await new Promise<void>((resolve) => {
        const stop = (signal: string) => {
          log(`${signal}: finishing in-flight requests`);
          void service.close().then(resolve);
        };
        process.once("SIGTERM", () => stop("SIGTERM"));
        process.once("SIGINT", () => stop("SIGINT"));
      });
    });
}
