import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { modelJsonSchema } from "../src/model/model-schema.js";

/** Path of the published JSON Schema, beside the zod definition it is generated from (src/model/). */
export const MODEL_SCHEMA_PATH = fileURLToPath(new URL("../src/model/model.schema.json", import.meta.url));

/** The JSON Schema file's exact text (so a test can check the committed copy is current). */
export function modelSchemaText(): string {
  return `${JSON.stringify(modelJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(MODEL_SCHEMA_PATH, modelSchemaText(), "utf8");
  console.log(`wrote ${MODEL_SCHEMA_PATH}`);
}
