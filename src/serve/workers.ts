import cluster, { type Worker } from "node:cluster";
import type { MetricsSnapshot } from "./metrics.js";

/** Worker restarts allowed within `RESTART_WINDOW_MS` before the service stops instead of looping. */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 60_000;
/** How long `/metrics` waits for the other workers' counters before answering with those that came. */
const GATHER_TIMEOUT_MS = 1000;

/** The messages between the primary and its workers (tagged, so that other IPC traffic is left alone). */
type WorkerMessage =
  | { readonly leadlift: "gather"; readonly id: number }
  | { readonly leadlift: "snapshot?"; readonly id: number }
  | { readonly leadlift: "snapshot"; readonly id: number; readonly snapshot: MetricsSnapshot }
  | { readonly leadlift: "gathered"; readonly id: number; readonly snapshots: readonly MetricsSnapshot[] };

function isWorkerMessage(message: unknown): message is WorkerMessage {
  return typeof message === "object" && message !== null && typeof (message as { leadlift?: unknown }).leadlift === "string";
}

/** Options for `runPrimary`. */
export interface PrimaryOptions {
  /** Worker processes to keep serving (≥ 2). */
  readonly workers: number;
  readonly log: (message: string) => void;
  /** Called once, when every first worker listens, with the shared port. */
  readonly onListening: (port: number) => void;
}

/**
 * The primary process of `leadlift serve --workers N`: it serves nothing
 * itself. It starts N workers, each running the same command line (its own
 * model, reload watch and server), and node:cluster shares the port
 * between them, handing connections out in turn. Why processes: on a
 * machine with several cores one Node process answers from one of them,
 * and a request's cost is mostly the HTTP stack and the kernel, not the
 * scorer. A worker that dies once serving is replaced (at most
 * `MAX_RESTARTS` a minute); one that dies before it listens (an unreadable
 * model, a port in use) stops the service, as a single process would.
 * SIGTERM/SIGINT are passed on: each worker finishes its in-flight
 * requests and exits. It also brokers `/metrics`, so that a scrape counts
 * every worker's requests, whichever worker answers it.
 * @returns the exit code once every worker has stopped: 0 after a signal, 1 when the service failed.
 */
export function runPrimary(options: PrimaryOptions): Promise<number> {
  const live = new Set<Worker>();
  const listened = new Set<number>();
  const restarts: number[] = [];
  let stopping = false;
  let failed = false;
  let announced = false;
  let resolveDone: (code: number) => void = () => {};
  const done = new Promise<number>((resolve) => (resolveDone = resolve));

  const start = () => live.add(cluster.fork());
  const stopAll = (reason: string) => {
    if (stopping) return;
    stopping = true;
    options.log(reason);
    for (const worker of live) worker.process.kill("SIGTERM");
    if (live.size === 0) finish();
  };
  const finish = () => {
    process.off("SIGTERM", onTerm);
    process.off("SIGINT", onInt);
    cluster.off("exit", onExit);
    cluster.off("listening", onWorkerListening);
    cluster.off("message", onMessage);
    resolveDone(failed ? 1 : 0);
  };
  const onTerm = () => stopAll("SIGTERM: the workers finish their in-flight requests");
  const onInt = () => stopAll("SIGINT: the workers finish their in-flight requests");

  const onWorkerListening = (worker: Worker, address: { port: number }) => {
    listened.add(worker.id);
    if (!announced && listened.size >= options.workers) {
      announced = true;
      options.onListening(address.port);
    }
  };
  const onExit = (worker: Worker, code: number | null, signal: string | null) => {
    live.delete(worker);
    const how = signal ? `on ${signal}` : `with code ${code}`;
    if (stopping) {
      if (code !== 0) failed = true;
      if (live.size === 0) finish();
      return;
    }
    if (!listened.has(worker.id)) {
      failed = true;
      stopAll(`worker ${worker.process.pid} exited ${how} before it listened; stopping the service`);
      return;
    }
    const now = Date.now();
    while (restarts.length > 0 && restarts[0] < now - RESTART_WINDOW_MS) restarts.shift();
    if (restarts.length >= MAX_RESTARTS) {
      failed = true;
      stopAll(`worker ${worker.process.pid} exited ${how}, the ${MAX_RESTARTS + 1}th worker to stop within a minute; stopping the service`);
      return;
    }
    restarts.push(now);
    options.log(`worker ${worker.process.pid} exited ${how}; starting a new one`);
    start();
  };

  let nextGather = 0;
  const pending = new Map<number, { snapshots: MetricsSnapshot[]; waiting: number; reply: () => void }>();
  const onMessage = (worker: Worker, message: unknown) => {
    if (!isWorkerMessage(message)) return;
    if (message.leadlift === "gather") {
      const serving = [...live].filter((w) => listened.has(w.id) && w.isConnected());
      const id = nextGather++;
      let timer: NodeJS.Timeout;
      const reply = () => {
        clearTimeout(timer);
        const gathered = pending.get(id);
        pending.delete(id);
        if (gathered && worker.isConnected()) worker.send({ leadlift: "gathered", id: message.id, snapshots: gathered.snapshots } satisfies WorkerMessage);
      };
      pending.set(id, { snapshots: [], waiting: serving.length, reply });
      timer = setTimeout(reply, GATHER_TIMEOUT_MS);
      for (const w of serving) w.send({ leadlift: "snapshot?", id } satisfies WorkerMessage);
    } else if (message.leadlift === "snapshot") {
      const gathering = pending.get(message.id);
      if (!gathering) return;
      gathering.snapshots.push(message.snapshot);
      if (--gathering.waiting === 0) gathering.reply();
    }
  };

  process.on("SIGTERM", onTerm);
  process.on("SIGINT", onInt);
  cluster.on("exit", onExit);
  cluster.on("listening", onWorkerListening);
  cluster.on("message", onMessage);
  for (let k = 0; k < options.workers; k++) start();
  return done;
}

/**
 * A worker's side of the metrics broker: answers the primary's requests
 * for this process's counters, and returns the `gatherMetrics` its server
 * uses to report every worker's. Falls back to its own counters alone when
 * the primary does not answer.
 */
export function connectWorkerMetrics(own: () => MetricsSnapshot): () => Promise<readonly MetricsSnapshot[]> {
  const waiting = new Map<number, (snapshots: readonly MetricsSnapshot[]) => void>();
  let nextId = 0;
  process.on("message", (message: unknown) => {
    if (!isWorkerMessage(message)) return;
    if (message.leadlift === "snapshot?") process.send?.({ leadlift: "snapshot", id: message.id, snapshot: own() } satisfies WorkerMessage);
    else if (message.leadlift === "gathered") waiting.get(message.id)?.(message.snapshots);
  });
  return () =>
    new Promise((resolve) => {
      const id = nextId++;
      const timer = setTimeout(() => answer([own()]), 2 * GATHER_TIMEOUT_MS);
      const answer = (snapshots: readonly MetricsSnapshot[]) => {
        clearTimeout(timer);
        waiting.delete(id);
        resolve(snapshots.length > 0 ? snapshots : [own()]);
      };
      waiting.set(id, answer);
      if (!process.send) answer([own()]);
      else process.send({ leadlift: "gather", id } satisfies WorkerMessage, undefined, undefined, (error: Error | null) => error && answer([own()]));
    });
}
