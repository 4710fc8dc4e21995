import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { LeadliftError } from "../errors.js";
import { validateModel } from "../model/export-model.js";
import type { ModelV1 } from "../model/types.js";
import { createScorer, type Scorer } from "../runtime/index.js";

/** The model being served, swapped as a whole so a request never sees half of two models. */
export interface LoadedModel {
  readonly model: ModelV1;
  readonly scorer: Scorer;
  /** sha256 of the file's bytes, so clients can tell which model scored them. */
  readonly hash: string;
  readonly loadedAt: number;
}

/**
 * Reads, validates (full schema, then the runtime's own checks) and compiles
 * a model file. Throws with the reason when the file is not a model to trust.
 */
export async function loadModelFile(path: string): Promise<LoadedModel> {
  const bytes = await readFile(path);
  let json: unknown;
  try {
    json = JSON.parse(stripBom(bytes.toString("utf8")));
  } catch (error) {
    throw new LeadliftError("invalid-model", `${path} is not valid JSON: ${(error as Error).message}`);
  }
  const problems = validateModel(json);
  if (problems.length > 0) throw new LeadliftError("invalid-model", `${path} is not a valid leadlift model: ${problems.slice(0, 3).join("; ")}`);
  const scorer = createScorer(json);
  return { model: scorer.model, scorer, hash: createHash("sha256").update(bytes).digest("hex"), loadedAt: Date.now() };
}

/** Model text without a UTF-8 byte-order mark (some editors add one; JSON.parse refuses it). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
