import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { LeadliftError } from "../errors.js";
import { validateModel } from "../model/export-model.js";
import type { ModelV1 } from "../model/types.js";
import { createScorer, type Scorer } from "leadlift-runtime";

import { DEFAULT_MAX_MODEL_BYTES } from "./limits.js";

export { DEFAULT_MAX_MODEL_BYTES } from "./limits.js";

/** The model fields the service uses: the training record, calibration and validation figures are left in the file. */
export type ServedModel = Omit<ModelV1, "training" | "calibration" | "validation" | "comparison">;

/** The model being served, swapped as a whole so a request never sees half of two models. */
export interface LoadedModel {
  readonly model: ServedModel;
  readonly scorer: Scorer;
  /** sha256 of the file's bytes, so clients can tell which model scored them. */
  readonly hash: string;
  readonly loadedAt: number;
}

/** What reading a model file yields before it is compiled: the served fields and the file's hash. */
export interface ParsedModelFile {
  readonly model: ServedModel;
  readonly hash: string;
}

/**
 * Reads, size-checks, parses and validates (full schema) a model file,
 * keeping only the fields the service uses. The slow part of a reload
 * (JSON.parse and the schema over tens of megabytes); `loadModelFile` runs
 * it in a worker thread so requests keep being served meanwhile.
 * @throws LeadliftError "model-too-large" / "invalid-model" / "unreadable-file".
 */
export async function parseModelFile(path: string, maxBytes: number = DEFAULT_MAX_MODEL_BYTES): Promise<ParsedModelFile> {
  let size: number;
  try {
    size = (await stat(path)).size;
  } catch (error) {
    throw new LeadliftError("unreadable-file", `Cannot read model ${path}: ${(error as Error).message}`);
  }
  if (size > maxBytes) {
    throw new LeadliftError("model-too-large", `${path} is ${size} bytes, over the ${maxBytes}-byte model limit (--max-model-bytes).`);
  }
  const bytes = await readFile(path);
  let json: unknown;
  try {
    json = JSON.parse(stripBom(bytes.toString("utf8")));
  } catch (error) {
    throw new LeadliftError("invalid-model", `${path} is not valid JSON: ${(error as Error).message}`);
  }
  const problems = validateModel(json);
  if (problems.length > 0) throw new LeadliftError("invalid-model", `${path} is not a valid leadlift model: ${problems.slice(0, 3).join("; ")}`);
  const { training: _training, calibration: _calibration, validation: _validation, comparison: _comparison, ...served } = json as ModelV1;
  return { model: served, hash: createHash("sha256").update(bytes).digest("hex") };
}

/** Options for `loadModelFile`. */
export interface LoadModelOptions {
  /** Largest file accepted, in bytes. Default `DEFAULT_MAX_MODEL_BYTES`. */
  readonly maxBytes?: number;
  /** Parse and validate in a worker thread, so the calling thread keeps serving. Default false. */
  readonly inWorker?: boolean;
}

/**
 * Reads, validates (full schema, then the runtime's own checks) and compiles
 * a model file. Throws with the reason when the file is not a model to trust.
 * @throws LeadliftError as `parseModelFile`; ScoringError when the runtime refuses it.
 */
export async function loadModelFile(path: string, options: LoadModelOptions = {}): Promise<LoadedModel> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_MODEL_BYTES;
  const parsed = options.inWorker ? await parseInWorker(path, maxBytes) : await parseModelFile(path, maxBytes);
  const scorer = createScorer(parsed.model);
  return { model: parsed.model, scorer, hash: parsed.hash, loadedAt: Date.now() };
}

/** Model text without a UTF-8 byte-order mark (some editors add one; JSON.parse refuses it). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The worker: loads this module (through tsx's loader when running from
 * TypeScript sources) and runs `parseModelFile`. Only the served fields come
 * back, by structured clone.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  try {
    if (workerData.tsxApi) (await import(workerData.tsxApi)).register();
    const { parseModelFile } = await import(workerData.moduleUrl);
    parentPort.postMessage({ ok: true, value: await parseModelFile(workerData.path, workerData.maxBytes) });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: error && error.message ? error.message : String(error) });
  }
})();
`;

/** The ES-module entry of tsx's loader API (`require.resolve` finds its CommonJS twin beside it). */
function tsxEsmApi(): string {
  const commonJs = createRequire(import.meta.url).resolve("tsx/esm/api");
  const esm = commonJs.replace(/\.cjs$/, ".mjs");
  return pathToFileURL(existsSync(esm) ? esm : commonJs).href;
}

function parseInWorker(path: string, maxBytes: number): Promise<ParsedModelFile> {
  const moduleUrl = import.meta.url;
  const tsxApi = moduleUrl.endsWith(".ts") ? tsxEsmApi() : null;
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { moduleUrl, tsxApi, path, maxBytes } });
    worker.once("message", (message: { ok: true; value: ParsedModelFile } | { ok: false; message: string }) => {
      void worker.terminate();
      if (message.ok) resolve(message.value);
      else reject(new LeadliftError("invalid-model", message.message));
    });
    worker.once("error", (error) => reject(new LeadliftError("invalid-model", `${path}: ${error.message}`)));
    worker.once("exit", (code) => {
      if (code !== 0) reject(new LeadliftError("invalid-model", `${path}: the model reader stopped (exit ${code}).`));
    });
  });
}
