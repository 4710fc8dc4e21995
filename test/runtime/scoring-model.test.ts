import { describe, expect, expectTypeOf, it } from "vitest";
import type { ModelV1 } from "../../src/model/types.js";
import { assertModel, type ScoringModel } from "../../src/runtime/index.js";
import { handModel } from "../helpers/model-fixture.js";

describe("ScoringModel (the runtime's own model type)", () => {
  it("is satisfied by every model the zod schema accepts (checked by the compiler in npm test)", () => {
    expectTypeOf<ModelV1>().toExtend<ScoringModel>();
    expectTypeOf<ModelV1["profile"]["features"][number]["transform"]>().toExtend<ScoringModel["profile"]["features"][number]["transform"]>();
    expectTypeOf<NonNullable<ModelV1["decay"]>>().toExtend<NonNullable<ScoringModel["decay"]>>();
    // The check has teeth: a model without what the scorer reads is not a ScoringModel.
    expectTypeOf<Omit<ModelV1, "threshold">>().not.toExtend<ScoringModel>();
    expectTypeOf<{ kind: "leadlift-model"; schemaVersion: 1; actions: Array<{ action: string; points: string; kept: boolean }> }>().not.toExtend<ScoringModel>();
  });

  it("is what assertModel returns for a full model, without copying it", () => {
    const model = handModel();
    const scoring: ScoringModel = assertModel(model);
    expect(scoring).toBe(model);
  });
});
