import { availableParallelism } from "node:os";
import type { LeadliftConfig } from "../config/config-schema.js";
import type { IssueListener } from "../io/issue-log.js";
import { loadEventStream, type LoadedEvents } from "../io/load-events.js";
import { openRowStream, type OpenRowStreamOptions } from "../io/stream-rows.js";
import { DuckDbClient } from "./duckdb-client.js";
import { DuckDbTrainingEngine } from "./duckdb-engine.js";
import { loadEventsInDuckDb, writeEventTables } from "./duckdb-events.js";
import { registerEngine } from "./engine-registry.js";

/**
 * Loads an events file for the DuckDB engine: DuckDB reads Parquet itself
 * (see `loadEventsInDuckDb`); CSV and JSON Lines — or Parquet whose cells
 * DuckDB cannot read exactly as leadlift's reader does — are read by
 * leadlift's reader and handed to DuckDB. Either way the export's store is
 * registered with its engine, which training then uses.
 * @throws LeadliftError "engine-unavailable" without @duckdb/node-api; the reader's errors for bad files.
 */
export async function loadEventsWithDuckDb(
  path: string,
  config: LeadliftConfig,
  leadIds: readonly string[],
  rejectedLeadIds: ReadonlyMap<string, number>,
  leadsFile: string,
  read: OpenRowStreamOptions,
  onIssue?: IssueListener,
): Promise<LoadedEvents> {
  const client = DuckDbClient.open({ memoryLimit: config.duckdb.memoryLimit, threads: config.duckdb.threads ?? availableParallelism() });
  try {
    const stream = await openRowStream(path, read);
    let loaded = /\.parquet$/i.test(path) ? loadEventsInDuckDb(client, path, stream.file, config, leadIds, rejectedLeadIds, leadsFile, onIssue) : null;
    if (loaded === null) {
      const opened = /\.parquet$/i.test(path) ? await openRowStream(path, read) : stream;
      loaded = await loadEventStream(opened, config, leadIds, rejectedLeadIds, leadsFile, onIssue);
      writeEventTables(client, loaded.store);
    }
    registerEngine(loaded.store, new DuckDbTrainingEngine(client, loaded.store));
    return loaded;
  } catch (error) {
    client.close();
    throw error;
  }
}
