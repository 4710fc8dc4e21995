import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { MODEL_SCHEMA_PATH, modelSchemaText } from "../../scripts/write-schema.js";
import { handModel } from "../helpers/model-fixture.js";

const schema = JSON.parse(readFileSync(MODEL_SCHEMA_PATH, "utf8"));
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

describe("model.schema.json", () => {
  it("is the schema generated from the zod model definition (run `npm run schema` after changing it)", () => {
    expect(readFileSync(MODEL_SCHEMA_PATH, "utf8")).toBe(modelSchemaText());
  });

  it("accepts the bundled example model and the hand-written fixture (checked by Ajv, an independent validator)", () => {
    const example = JSON.parse(readFileSync(join(import.meta.dirname, "../../models/sample-model.json"), "utf8"));
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(handModel()), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each([
    ["a fractional point", (m: any) => (m.actions[0].points = 1.5)],
    ["an unknown mode", (m: any) => (m.mode = "magic")],
    ["a probability above 1", (m: any) => (m.probability.probabilities[1] = 1.2)],
    ["an extra top-level key", (m: any) => (m.extra = true)],
  ])("rejects %s", (_name, corrupt) => {
    const model: any = handModel();
    corrupt(model);
    expect(validate(model)).toBe(false);
  });
});
