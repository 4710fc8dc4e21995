import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ScoringError } from "leadlift-runtime";
import { renderMetrics, ServiceMetrics, type MetricsSnapshot } from "./metrics.js";
import { DEFAULT_MAX_BODY_BYTES, DEFAULT_MAX_MODEL_BYTES } from "./limits.js";
import { loadModelFile, type LoadedModel } from "./model-holder.js";
import { assertJsonContentType, parseScoreRequest, readJsonBody, RequestError } from "./read-request.js";
import { fileVersion, watchModelFile } from "./watch-model-file.js";

export interface ScoringServerOptions {
  readonly modelPath: string;
  /** Largest request body accepted, in bytes. Default 1 MiB. */
  readonly maxBodyBytes?: number;
  /** Most leads in one POST /score/batch. Default 1000. */
  readonly maxBatch?: number;
  /** How often the model file is checked for changes, in ms; 0 disables watching. Default 1000. */
  readonly watchIntervalMs?: number;
  /** Where reload results are reported. Default: nowhere. */
  readonly log?: (message: string) => void;
  /** Largest model file loaded, in bytes; a larger one is refused like a corrupt one. Default 128 MiB. */
  readonly maxModelBytes?: number;
  /** Milliseconds a client has to send the request headers (`server.headersTimeout`). Default 10,000. */
  readonly headersTimeoutMs?: number;
  /** Milliseconds a client has to send the whole request (`server.requestTimeout`). Default 30,000. */
  readonly requestTimeoutMs?: number;
  /**
   * Every serving process's metrics, for `/metrics`: a worker of
   * `leadlift serve --workers N` asks its siblings. Default: this process's own.
   */
  readonly gatherMetrics?: () => Promise<readonly MetricsSnapshot[]>;
}

/** The last reload's outcome: a failed one leaves the service serving an older model than the file. */
export interface ReloadState {
  readonly ok: boolean;
  /** When it was tried (epoch ms). */
  readonly at: number;
  readonly error: string | null;
}

export interface ScoringServer {
  readonly server: Server;
  readonly metrics: ServiceMetrics;
  /** The last reload's outcome (what /healthz reports). */
  readonly lastReload: () => ReloadState;
  /** This process's metrics as plain data (what `gatherMetrics` collects from each worker). */
  readonly metricsSnapshot: () => MetricsSnapshot;
  listen(port: number, host?: string): Promise<{ port: number }>;
  /** Re-reads the model file; a bad file is refused and the current model keeps serving. */
  reload(): Promise<{ ok: boolean; error?: string }>;
  /** Stops accepting connections, lets in-flight requests finish, stops watching. */
  close(): Promise<void>;
}

/**
 * The HTTP scoring service on `node:http`. Why no framework: the service has
 * five routes and a tiny hot path, the runtime it wraps has zero
 * dependencies, and body limits, error shapes and reload semantics are
 * easier to guarantee (and test) without a framework's defaults between.
 * @throws Error when the initial model file cannot be loaded.
 */
export async function createScoringServer(options: ScoringServerOptions): Promise<ScoringServer> {
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const maxBatch = options.maxBatch ?? 1000;
  const log = options.log ?? (() => {});
  const maxModelBytes = options.maxModelBytes ?? DEFAULT_MAX_MODEL_BYTES;
  const metrics = new ServiceMetrics();
  // Taken before the first read: a file replaced while it loads is seen as changed.
  const loadedVersion = await fileVersion(options.modelPath);
  let current: LoadedModel = await loadModelFile(options.modelPath, { maxBytes: maxModelBytes });
  let lastReload: ReloadState = { ok: true, at: current.loadedAt, error: null };
  let reloading: Promise<{ ok: boolean; error?: string }> | null = null;

  // Parsing and validating run in a worker thread: a large model does not stall requests while it loads.
  const reloadOnce = async (): Promise<{ ok: boolean; error?: string }> => {
    try {
      const next = await loadModelFile(options.modelPath, { maxBytes: maxModelBytes, inWorker: true });
      if (next.hash !== current.hash) {
        current = next;
        log(`model reloaded (${next.hash.slice(0, 12)})`);
      }
      metrics.reloadsOk += 1;
      lastReload = { ok: true, at: Date.now(), error: null };
      return { ok: true };
    } catch (error) {
      metrics.reloadsFailed += 1;
      const message = (error as Error).message;
      lastReload = { ok: false, at: Date.now(), error: message };
      log(`model reload refused, still serving ${current.hash.slice(0, 12)}: ${message}`);
      return { ok: false, error: message };
    }
  };
  const reload = async (): Promise<{ ok: boolean; error?: string }> => {
    while (reloading) await reloading;
    reloading = reloadOnce();
    try {
      return await reloading;
    } finally {
      reloading = null;
    }
  };

  const metricsSnapshot = () => metrics.snapshot(current.loadedAt, lastReload.ok);

  const scoreOne = (body: unknown, prefix: string) => {
    const request = parseScoreRequest(body, prefix);
    try {
      const result = current.scorer.score(request.lead, request.events, request.at);
      metrics.leadsScored += 1;
      return { lead_id: request.lead.lead_id ?? null, ...result, model: current.hash.slice(0, 12) };
    } catch (error) {
      if (error instanceof ScoringError) {
        const field = prefix ? `${prefix}.${error.path}` : error.path;
        throw new RequestError(400, error.code, field, prefix ? `${prefix}.${error.message}` : error.message);
      }
      throw error;
    }
  };

  const routes: Record<string, (request: IncomingMessage) => Promise<unknown>> = {
    "POST /score": async (request) => {
      assertJsonContentType(request);
      return scoreOne(await readJsonBody(request, maxBodyBytes), "");
    },
    "POST /score/batch": async (request) => {
      assertJsonContentType(request);
      const body = (await readJsonBody(request, maxBodyBytes)) as { leads?: unknown };
      if (typeof body !== "object" || body === null || !Array.isArray(body.leads)) {
        throw new RequestError(400, "invalid-request", "leads", "leads: expected an array of { lead, events, at } items.");
      }
      if (body.leads.length > maxBatch) {
        throw new RequestError(400, "batch-too-large", "leads", `leads: at most ${maxBatch} items per batch, got ${body.leads.length}.`);
      }
      return {
        results: body.leads.map((item: unknown, i: number) => {
          try {
            return scoreOne(item, `leads[${i}]`);
          } catch (error) {
            if (error instanceof RequestError) return { error: { code: error.code, message: error.message, field: error.field } };
            throw error;
          }
        }),
      };
    },
    "GET /model": async () => {
      const m = current.model;
      return {
        schemaVersion: m.schemaVersion,
        toolVersion: m.toolVersion,
        createdAt: m.createdAt,
        mode: m.mode,
        hash: current.hash,
        loadedAt: new Date(current.loadedAt).toISOString(),
        threshold: m.threshold,
        actions: m.actions.filter((a) => a.kept).map((a) => ({ action: a.action, points: a.points })),
        profile: m.profile.rules.filter((r) => r.kept).map((r) => ({ feature: r.feature, value: r.value, points: r.points })),
      };
    },
    "GET /healthz": async () =>
      lastReload.ok
        ? { status: "ok", model: current.hash.slice(0, 12) }
        : {
            status: "degraded",
            model: current.hash.slice(0, 12),
            reason: `the model file changed but could not be loaded (${lastReload.error}); still serving the model loaded at ${new Date(current.loadedAt).toISOString()}`,
            since: new Date(lastReload.at).toISOString(),
          },
  };

  const server = createServer(async (request: IncomingMessage, response: ServerResponse) => {
    const started = process.hrtime.bigint();
    const url = request.url ?? "/";
    const query = url.indexOf("?");
    const path = query < 0 ? url : url.slice(0, query);
    const key = `${request.method} ${path}`;
    let status = 200;
    let route = path;
    try {
      if (key === "GET /metrics") {
        const snapshots = options.gatherMetrics ? await options.gatherMetrics() : [metricsSnapshot()];
        response.writeHead(200, { "content-type": "text/plain; version=0.0.4" });
        response.end(renderMetrics(snapshots, Date.now()));
        return;
      }
      const handler = routes[key];
      if (!handler) {
        const known = Object.keys(routes).some((k) => k.endsWith(` ${path}`)) || path === "/metrics";
        route = known ? path : "unknown";
        throw known
          ? new RequestError(405, "method-not-allowed", null, `${request.method} is not allowed on ${path}.`)
          : new RequestError(404, "not-found", null, `No route ${path}. Routes: POST /score, POST /score/batch, GET /model, GET /healthz, GET /metrics.`);
      }
      sendJson(response, 200, await handler(request));
    } catch (error) {
      if (error instanceof RequestError) {
        status = error.status;
        sendJson(response, status, { error: { code: error.code, message: error.message, field: error.field } });
        if (status === 413 || status === 415) request.destroy();
      } else {
        status = 500;
        log(`internal error on ${key}: ${(error as Error).stack ?? error}`);
        sendJson(response, 500, { error: { code: "internal", message: "Internal error; see the service log.", field: null } });
      }
    } finally {
      metrics.observe(route, status, Number(process.hrtime.bigint() - started) / 1e9);
    }
  });

  server.headersTimeout = options.headersTimeoutMs ?? 10_000;
  server.requestTimeout = options.requestTimeoutMs ?? 30_000;
  server.keepAliveTimeout = 5_000;

  const watchInterval = options.watchIntervalMs ?? 1000;
  const stopWatching = watchInterval > 0 ? watchModelFile(options.modelPath, loadedVersion, watchInterval, () => void reload()) : () => {};

  return {
    server,
    metrics,
    reload,
    lastReload: () => lastReload,
    metricsSnapshot,
    listen(port, host = "127.0.0.1") {
      return new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve({ port: (server.address() as AddressInfo).port }));
      });
    },
    close() {
      stopWatching();
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.headersSent) return;
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}
