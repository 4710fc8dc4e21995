import { createRequire } from "node:module";
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { extname, join, resolve } from "node:path";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { LeadliftError } from "../errors.js";

/**
 * A query result by column: numbers as Float64Array (NULL is NaN) — or
 * Int32Array for the columns asked for as `int32` (NULL is 0; use them for
 * columns that cannot be NULL) — and text as arrays of strings (NULL is null).
 */
export type ResultColumns = Record<string, Float64Array | Int32Array | Array<string | null>>;

/** A column to append: typed numbers, or text. */
export type AppendColumn = { readonly type: "INTEGER"; readonly values: Int32Array } | { readonly type: "DOUBLE"; readonly values: Float64Array } | { readonly type: "VARCHAR"; readonly values: ReadonlyArray<string | null> };

/** Options for opening DuckDB. */
export interface DuckDbOptions {
  /** DuckDB's memory limit (e.g. "1.5GB"); beyond it, it spills to a temporary folder. */
  readonly memoryLimit: string;
  /** Worker threads DuckDB may use. */
  readonly threads: number;
}

/**
 * DuckDB for the training engine, callable synchronously: the training run
 * is synchronous code, and `@duckdb/node-api` only answers with promises,
 * so DuckDB lives in a worker thread and each call blocks on an `Atomics`
 * signal until the worker has answered (results cross as transferred typed
 * arrays, not copies). The database is a temporary file — its tables are
 * compressed and paged by DuckDB's buffer manager within `memoryLimit` —
 * removed by `close()`. `@duckdb/node-api` is an optional peer dependency,
 * loaded only here.
 */
export class DuckDbClient {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly signal = new Int32Array(new SharedArrayBuffer(4));
  private readonly folder: string;
  private closed = false;
  private links = 0;

  private constructor(modulePath: string, options: DuckDbOptions) {
    removeFoldersOfEndedRuns(tmpdir());
    returnFreedDuckDbMemoryPromptly();
    this.folder = mkdtempSync(join(tmpdir(), `${FOLDER_PREFIX}${process.pid}-`));
    openFolders.add(this.folder);
    if (openFolders.size === 1 && !exitHandlerInstalled) {
      exitHandlerInstalled = true;
      // A run that ends without close() (an error, process.exit) still leaves no temporary database behind.
      process.once("exit", () => {
        for (const folder of openFolders) rmSync(folder, { recursive: true, force: true });
      });
    }
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { modulePath, port: port2, signal: this.signal, database: join(this.folder, "training.duckdb"), temp: join(this.folder, "spill"), options },
      transferList: [port2],
    });
    this.worker.unref();
    try {
      this.call({ op: "open" });
    } catch (error) {
      this.close();
      const reason = error instanceof LeadliftError ? error.message.replace(/^DuckDB: /, "") : String(error);
      throw error instanceof LeadliftError && error.code === "engine-failed" && reason.startsWith(LOAD_FAILED)
        ? new LeadliftError("engine-unavailable", `The DuckDB engine could not load @duckdb/node-api (${reason.slice(LOAD_FAILED.length)}). Reinstall it next to leadlift for this platform (npm install @duckdb/node-api), or set "engine": "in-process".`)
        : error;
    }
  }

  /**
   * Opens DuckDB in a worker thread.
   * @param modulePath the `@duckdb/node-api` entry to load (default: `resolveDuckDbModule()`).
   * @throws LeadliftError "engine-unavailable" when `@duckdb/node-api` is not installed or cannot be loaded (e.g. its binary is for another platform).
   */
  static open(options: DuckDbOptions, modulePath: string = resolveDuckDbModule()): DuckDbClient {
    return new DuckDbClient(modulePath, options);
  }

  /**
   * A path DuckDB's file readers read as exactly the file at `path`: the
   * path itself, or — when it holds characters those readers expand as a
   * glob pattern (`*`, `?`, `[`, `{`), so `events [2024].parquet` would read
   * `events 2.parquet` — a link to it in the temporary folder.
   * @throws Error when the link cannot be made (the caller then reads the file another way).
   */
  literalPath(path: string): string {
    if (!/[*?[\]{}]/.test(path)) return path;
    this.links += 1;
    const link = join(this.folder, `input-${this.links}${extname(path).replace(/[^.\w]/g, "")}`);
    symlinkSync(resolve(path), link);
    return link;
  }

  /** Runs statements that return nothing worth reading. */
  run(sql: string): void {
    this.call({ op: "run", sql });
  }

  /** Runs a query and returns its columns (see `ResultColumns`). */
  query(sql: string, int32: readonly string[] = []): ResultColumns {
    return this.call({ op: "query", sql, int32 }) as ResultColumns;
  }

  /**
   * Creates (or replaces) `table` with `columns`, appended chunk by chunk (no
   * SQL text per value). Typed arrays are handed to the worker, not copied:
   * they are empty (detached) afterwards.
   */
  createTable(table: string, columns: Record<string, AppendColumn>): void {
    const transfer = Object.values(columns).flatMap((c) => (c.type === "VARCHAR" ? [] : [c.values.buffer as ArrayBuffer]));
    this.call({ op: "table", table, columns }, transfer);
  }

  /** Stops the worker and removes the temporary database. Safe to call twice. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.call({ op: "close" });
    } finally {
      void this.worker.terminate();
      rmSync(this.folder, { recursive: true, force: true });
      openFolders.delete(this.folder);
    }
  }

  private call(message: Record<string, unknown>, transfer: ArrayBuffer[] = []): unknown {
    if (this.closed && message.op !== "close") throw new LeadliftError("engine-closed", "The DuckDB engine of this export was closed.");
    Atomics.store(this.signal, 0, 0);
    this.port.postMessage(message, transfer);
    for (;;) {
      Atomics.wait(this.signal, 0, 0, 60_000);
      const reply = receiveMessageOnPort(this.port);
      if (!reply) continue;
      const { error, result } = reply.message as { error?: string; result?: unknown };
      if (error !== undefined) throw new LeadliftError("engine-failed", `DuckDB: ${error}`);
      return result;
    }
  }
}

/**
 * The path of `@duckdb/node-api`'s entry, resolved from leadlift's own folder.
 * @param resolve how a module id is resolved (default: Node's, next to leadlift).
 * @throws LeadliftError "engine-unavailable" saying how to install it when it cannot be resolved.
 */
export function resolveDuckDbModule(resolve: (id: string) => string = createRequire(import.meta.url).resolve): string {
  try {
    return resolve("@duckdb/node-api");
  } catch {
    throw new LeadliftError(
      "engine-unavailable",
      'The DuckDB engine needs the @duckdb/node-api package, which is not installed. Install it next to leadlift (npm install @duckdb/node-api), or set "engine": "in-process".',
    );
  }
}

/**
 * DuckDB's allocator on Linux (jemalloc, linked into the library) keeps the
 * pages its queries free for about ten seconds before returning them to
 * the system; training's queries free hundreds of MB at a time, so the
 * process kept memory DuckDB no longer used — about 150 MB after loading
 * 10M events (paired runs of `bench/scale-train.ts`-style loads, 200k leads).
 * Returning them at once (a decay of 0 ms) cost time instead: every page a
 * query freed was returned and faulted in again by the next allocation
 * (twice the page faults; building the events table of 2M events took
 * about 1.4x as long, paired runs). Pages freed for a second are reused;
 * jemalloc's background thread (`allocator_background_threads`, set when
 * the worker opens DuckDB) returns older ones without waiting for the next
 * allocation, so memory between queries stays close to a decay of 0 ms.
 * jemalloc reads this variable from the process environment when the
 * library loads in the worker, so it is set here, in the main thread,
 * before the worker starts; a value the user set is kept.
 */
function returnFreedDuckDbMemoryPromptly(): void {
  process.env.DUCKDB_JE_MALLOC_CONF ??= "dirty_decay_ms:1000,muzzy_decay_ms:0";
}

/** How the worker's reply starts when `@duckdb/node-api` could not be loaded. */
const LOAD_FAILED = "cannot load @duckdb/node-api: ";

/** Temporary database folders are named after the process that made them: leadlift-duckdb-<pid>-<random>. */
const FOLDER_PREFIX = "leadlift-duckdb-";

/**
 * Removes the temporary database folders of runs that were killed (SIGKILL,
 * Ctrl-C during training: the exit handler does not run then, and a signal
 * handler could not either while training blocks the event loop), so a large
 * spilled database does not stay in the temp folder: a folder whose process
 * no longer exists is removed when the next client opens.
 */
export function removeFoldersOfEndedRuns(folder: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const match = /^leadlift-duckdb-(\d+)-/.exec(name);
    if (!match || processIsAlive(Number(match[1]))) continue;
    rmSync(join(folder, name), { recursive: true, force: true });
  }
}

/** Whether a process with this id exists (signal 0 only checks; EPERM: it exists, owned by another user). */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Temporary database folders of clients not closed yet. */
const openFolders = new Set<string>();
let exitHandlerInstalled = false;

/**
 * The worker: CommonJS run with `eval`, so it needs no file of its own (the
 * same text runs from the TypeScript sources and the compiled package).
 */
const WORKER_SOURCE = String.raw`
const { workerData } = require("node:worker_threads");
const { port, signal, database, temp, options } = workerData;
// DuckDB's results and data chunks are freed only when the worker's garbage collector finalizes their
// JavaScript wrappers, and it does not see their native size, so a handed-over result could stay in
// memory for many queries. The worker collects after every large result or table instead (see RELEASE_ROWS).
require("node:v8").setFlagsFromString("--expose-gc");
const collectGarbage = require("node:vm").runInNewContext("gc");
const RELEASE_ROWS = 100000;
// Loaded when asked to open (not at the top, where a failure would end the worker with the caller still waiting).
let duckdb = null;
let instance = null;
let connection = null;

function reply(message, transfer) {
  port.postMessage(message, transfer || []);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
}

// A chunk's INTEGER or DOUBLE values as the typed array the column is read into, when none is NULL (null otherwise:
// the caller then reads value by value). @duckdb/node-api keeps them in its vectors' "items" and "validity" fields (its
// own getItem reads them); they are not declared public, so anything else — another version's layout — takes the
// value-by-value path, which gives the same numbers. Copying them at once is about 3x faster to read 10M events back.
function itemsWithoutNulls(vector, target, count) {
  const items = vector.items;
  const validity = vector.validity;
  if (!validity || validity.data !== null || !items || items.length !== count) return null;
  if (target instanceof Float64Array && items instanceof Float64Array) return items;
  if (target instanceof Int32Array && items instanceof Int32Array) return items;
  return null;
}

function readColumns(result, int32) {
  const names = result.columnNames();
  const rows = result.rowCount;
  const columns = names.map((name, c) => {
    const type = result.columnType(c).typeId;
    if (type === duckdb.DuckDBTypeId.VARCHAR) return new Array(rows);
    if (int32.includes(name)) return new Int32Array(rows);
    return new Float64Array(rows);
  });
  let offset = 0;
  for (let k = 0; k < result.chunkCount; k++) {
    const chunk = result.getChunk(k);
    const count = chunk.rowCount;
    for (let c = 0; c < names.length; c++) {
      const vector = chunk.getColumnVector(c);
      const target = columns[c];
      const items = itemsWithoutNulls(vector, target, count);
      if (items !== null) {
        target.set(items, offset);
      } else if (Array.isArray(target)) {
        for (let r = 0; r < count; r++) target[offset + r] = vector.getItem(r);
      } else if (target instanceof Int32Array) {
        for (let r = 0; r < count; r++) target[offset + r] = Number(vector.getItem(r) ?? 0);
      } else {
        for (let r = 0; r < count; r++) {
          const value = vector.getItem(r);
          target[offset + r] = value === null ? NaN : typeof value === "boolean" ? (value ? 1 : 0) : Number(value);
        }
      }
    }
    offset += count;
  }
  const out = {};
  names.forEach((name, c) => (out[name] = columns[c]));
  return { out, transfer: columns.filter((c) => !Array.isArray(c)).map((c) => c.buffer) };
}

async function createTable(table, columns) {
  const names = Object.keys(columns);
  const quote = (name) => '"' + name.replaceAll('"', '""') + '"';
  await connection.run("CREATE OR REPLACE TABLE " + quote(table) + " (" + names.map((n) => quote(n) + " " + columns[n].type).join(", ") + ")");
  const appender = await connection.createAppender(table);
  const types = names.map((n) => (columns[n].type === "INTEGER" ? duckdb.INTEGER : columns[n].type === "DOUBLE" ? duckdb.DOUBLE : duckdb.VARCHAR));
  const length = names.length === 0 ? 0 : columns[names[0]].values.length;
  const size = 2048;
  for (let from = 0; from < length; from += size) {
    const count = Math.min(size, length - from);
    const chunk = duckdb.DuckDBDataChunk.create(types, count);
    for (let c = 0; c < names.length; c++) {
      const values = columns[names[c]].values;
      const vector = chunk.getColumnVector(c);
      const isDouble = columns[names[c]].type === "DOUBLE";
      for (let r = 0; r < count; r++) {
        const value = values[from + r];
        vector.setItem(r, value === null || (isDouble && Number.isNaN(value)) ? null : value);
      }
      vector.flush();
    }
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
  return length;
}

port.on("message", async (message) => {
  try {
    if (message.op === "open") {
      try {
        duckdb = require(workerData.modulePath);
      } catch (error) {
        throw new Error(${JSON.stringify(LOAD_FAILED)} + String(error && error.message ? error.message.split("\n")[0] : error));
      }
      instance = await duckdb.DuckDBInstance.create(database, {
        memory_limit: options.memoryLimit,
        threads: String(options.threads),
        temp_directory: temp,
        // jemalloc's thread returning freed pages after DUCKDB_JE_MALLOC_CONF's decay (see returnFreedDuckDbMemoryPromptly).
        allocator_background_threads: "true",
      });
      connection = await instance.connect();
      reply({ result: null });
    } else if (message.op === "run") {
      await connection.run(message.sql);
      reply({ result: null });
    } else if (message.op === "query") {
      let result = await connection.run(message.sql);
      const rows = result.rowCount;
      const { out, transfer } = readColumns(result, message.int32);
      result = null;
      if (rows >= RELEASE_ROWS) collectGarbage();
      reply({ result: out }, transfer);
    } else if (message.op === "table") {
      const rows = await createTable(message.table, message.columns);
      if (rows >= RELEASE_ROWS) collectGarbage();
      reply({ result: null });
    } else if (message.op === "close") {
      if (connection) connection.closeSync();
      if (instance) instance.closeSync();
      reply({ result: null });
      port.close();
    }
  } catch (error) {
    reply({ error: String(error && error.message ? error.message : error) });
  }
});
`;
