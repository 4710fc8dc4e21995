import { readFile } from "node:fs/promises";
import { writeFileAtomic } from "../io/safe-output.js";
import { LeadliftError } from "../errors.js";
import { ModelSchema } from "./model-schema.js";
import type { ModelV1 } from "./types.js";

/**
 * Problems that make `value` not a valid model file, as `path: message`
 * lines (empty when valid). Validates against the same schema the JSON
 * Schema is generated from.
 */
export function validateModel(value: unknown): string[] {
  const result = ModelSchema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${issue.path.join(".") || "(model)"}: ${issue.message}`);
}

/**
 * Writes the model as pretty JSON after validating it, atomically (write to
 * a temporary file, fsync, then rename; the temporary file is removed on
 * failure or interruption) so a service watching the path never reads half
 * a model.
 * @throws LeadliftError "invalid-model" listing what is wrong.
 */
export async function exportModel(model: ModelV1, path: string): Promise<void> {
  const problems = validateModel(model);
  if (problems.length > 0) {
    throw new LeadliftError("invalid-model", `Refusing to write an invalid model to ${path}:\n  ${problems.slice(0, 10).join("\n  ")}`);
  }
  await writeFileAtomic(path, `${JSON.stringify(model, null, 2)}\n`);
}

/**
 * Reads and validates a model file.
 * @throws LeadliftError "invalid-model" / "unreadable-file".
 */
export async function readModel(path: string): Promise<ModelV1> {
  let json: unknown;
  try {
    const text = await readFile(path, "utf8");
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new LeadliftError("unreadable-file", `Cannot read model ${path}: ${(error as Error).message}`);
  }
  const problems = validateModel(json);
  if (problems.length > 0) {
    throw new LeadliftError("invalid-model", `${path} is not a valid leadlift model:\n  ${problems.slice(0, 10).join("\n  ")}`);
  }
  return json as ModelV1;
}
