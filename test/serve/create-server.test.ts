import { rmSync, writeFileSync, renameSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScorer } from "../../src/runtime/index.js";
import { createScoringServer, type ScoringServer } from "../../src/serve/create-server.js";
import { handModel } from "../helpers/model-fixture.js";
import { writeTempFiles } from "../helpers/temp-files.js";

const LEAD = { lead_id: "L1", title: "VP Sales", email: "ana@acme.com" };
const EVENTS = [{ action: "demo_request", occurred_at: "2025-02-01T00:00:00Z" }];
const AT = "2025-03-01T00:00:00Z";

describe("leadlift serve", () => {
  const { dir } = writeTempFiles({});
  const modelPath = join(dir, "model.json");
  let service: ScoringServer;
  let base: string;
  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });
  const swapModel = (text: string) => {
    writeFileSync(`${modelPath}.tmp`, text);
    renameSync(`${modelPath}.tmp`, modelPath);
  };

  beforeAll(async () => {
    writeFileSync(modelPath, JSON.stringify(handModel()));
    service = await createScoringServer({ modelPath, maxBodyBytes: 4096, maxBatch: 3, watchIntervalMs: 0 });
    const { port } = await service.listen(0);
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => service.close());

  it("scores one lead exactly as the runtime scorer does", async () => {
    const response = await post("/score", { lead: LEAD, events: EVENTS, at: AT });
    expect(response.status).toBe(200);
    const body = (await response.json()) as any;
    const expected = createScorer(handModel()).score(LEAD, EVENTS, AT);
    expect(body).toMatchObject({ lead_id: "L1", score: expected.score, fit: expected.fit, pain: expected.pain, sdrReady: expected.sdrReady, probability: expected.probability });
    expect(body.reasons).toEqual(expected.reasons);
  });

  it("scores a batch in order, with an error item for the bad lead only", async () => {
    const response = await post("/score/batch", { leads: [{ lead: LEAD, events: EVENTS, at: AT }, { lead: LEAD, events: "nope" }, { lead: {}, at: AT }] });
    expect(response.status).toBe(200);
    const { results } = (await response.json()) as any;
    expect(results).toHaveLength(3);
    expect(results[0].score).toBe(37);
    expect(results[1].error).toMatchObject({ code: "invalid-request", field: "leads[1].events" });
    expect(results[2].score).toBe(0);
  });

  it.each([
    ["malformed JSON", "{lead:", 400, "malformed-json", null],
    ["a missing lead", { events: [] }, 400, "invalid-request", "lead"],
    ["events that are not an array", { lead: LEAD, events: {} }, 400, "invalid-request", "events"],
    ["an action that is not a string", { lead: LEAD, events: [{ action: 3 }] }, 400, "invalid-request", "events[0].action"],
    ["an unreadable event date", { lead: LEAD, events: [{ action: "demo_request", occurred_at: "soon" }], at: AT }, 400, "bad-instant", "events[0].occurred_at"],
    ["an unreadable scoring moment", { lead: LEAD, at: "31/02/2024" }, 400, "bad-instant", "at"],
    ["an oversized body", { lead: { note: "x".repeat(5000) } }, 413, "body-too-large", null],
  ])("answers %s with a JSON error naming the field", async (_name, body, status, code, field) => {
    const response = await post("/score", body);
    expect(response.status).toBe(status);
    expect(((await response.json()) as any).error).toMatchObject({ code, field });
  });

  it.each([
    ["text/plain", "text/plain"],
    ["a form", "application/x-www-form-urlencoded"],
    ["JSON in another charset", "application/json; charset=iso-8859-1"],
    ["no content type", null],
  ])("answers %s with 415 before reading the body", async (_name, type) => {
    for (const path of ["/score", "/score/batch"]) {
      const response = await fetch(`${base}${path}`, { method: "POST", headers: type === null ? {} : { "content-type": type }, body: type === null ? new Blob([JSON.stringify({ lead: LEAD })]) : JSON.stringify({ lead: LEAD }) });
      expect(response.status).toBe(415);
      expect(((await response.json()) as any).error).toMatchObject({ code: "unsupported-media-type", message: expect.stringMatching(/^Content-Type must be application\/json \(UTF-8\), got /) });
    }
  });

  it.each([["application/json; charset=UTF-8"], ["application/vnd.leadlift+json"]])("accepts a JSON body declared as %s", async (type) => {
    const response = await fetch(`${base}/score`, { method: "POST", headers: { "content-type": type }, body: JSON.stringify({ lead: LEAD, events: EVENTS, at: AT }) });
    expect(response.status).toBe(200);
  });

  it("refuses a batch over the limit", async () => {
    const response = await post("/score/batch", { leads: [1, 2, 3, 4] });
    expect(response.status).toBe(400);
    expect(((await response.json()) as any).error.message).toMatch(/at most 3 items per batch, got 4/);
  });

  it("answers unknown routes with 404 and wrong methods with 405", async () => {
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    expect((await fetch(`${base}/score`)).status).toBe(405);
  });

  it("describes the model, reports health and exposes Prometheus metrics", async () => {
    const model = (await (await fetch(`${base}/model`)).json()) as any;
    expect(model).toMatchObject({ schemaVersion: 1, mode: "lift", threshold: { score: 30 } });
    expect(model.actions).toContainEqual({ action: "demo_request", points: 20 });
    expect((await (await fetch(`${base}/healthz`)).json()) as any).toMatchObject({ status: "ok" });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(/leadlift_requests_total\{route="\/score",status="200"\} \d+/);
    expect(metrics).toMatch(/leadlift_requests_total\{route="\/score",status="400"\} \d+/);
    expect(metrics).toMatch(/leadlift_request_duration_seconds_bucket\{le="\+Inf"\} \d+/);
  });

  it("keeps serving the old model when the file is swapped for a corrupt one, and takes a valid new one", async () => {
    swapModel("{ not json");
    expect((await service.reload()).ok).toBe(false);
    const degraded = (await (await fetch(`${base}/healthz`)).json()) as any;
    expect(degraded).toMatchObject({ status: "degraded", reason: expect.stringMatching(/^the model file changed but could not be loaded \(.*model\.json is not valid JSON: .*\); still serving the model loaded at /) });
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/^leadlift_model_stale 1$/m);
    expect(((await (await post("/score", { lead: LEAD, events: EVENTS, at: AT })).json()) as any).score).toBe(37);
    const invalid: any = handModel();
    invalid.actions[0].points = "lots";
    swapModel(JSON.stringify(invalid));
    expect((await service.reload()).error).toMatch(/not a valid leadlift model/);
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/leadlift_model_reloads_total\{result="failed"\} 2/);
    const changed: any = handModel();
    changed.actions[0].points = 40;
    swapModel(JSON.stringify(changed));
    expect((await service.reload()).ok).toBe(true);
    expect(((await (await post("/score", { lead: LEAD, events: EVENTS, at: AT })).json()) as any).score).toBe(57);
    expect((await (await fetch(`${base}/healthz`)).json()) as any).toMatchObject({ status: "ok" });
    expect(await (await fetch(`${base}/metrics`)).text()).toMatch(/^leadlift_model_stale 0$/m);
  });

  it("reports degraded health while the model file is gone, and ok once it is back", async () => {
    const text = JSON.stringify(handModel());
    rmSync(modelPath);
    expect((await service.reload()).ok).toBe(false);
    const body = (await (await fetch(`${base}/healthz`)).json()) as any;
    expect(body).toMatchObject({ status: "degraded", reason: expect.stringMatching(/Cannot read model .*model\.json: ENOENT/) });
    expect(((await (await post("/score", { lead: LEAD, events: EVENTS, at: AT })).json()) as any).score).toBeTypeOf("number");
    swapModel(text);
    expect((await service.reload()).ok).toBe(true);
    expect((await (await fetch(`${base}/healthz`)).json()) as any).toMatchObject({ status: "ok" });
  });

  it("loads a model saved with a UTF-8 byte-order mark", async () => {
    swapModel(`\uFEFF${JSON.stringify(handModel())}`);
    expect(await service.reload()).toEqual({ ok: true });
  });
});

describe("leadlift serve model-size limit", () => {
  it("refuses at start, and on reload reports degraded health naming the limit", async () => {
    const { dir } = writeTempFiles({});
    const modelPath = join(dir, "model.json");
    const text = JSON.stringify(handModel());
    writeFileSync(modelPath, text);
    await expect(createScoringServer({ modelPath, maxModelBytes: 100, watchIntervalMs: 0 })).rejects.toThrowError(
      new RegExp(`model\\.json is ${Buffer.byteLength(text)} bytes, over the 100-byte model limit \\(--max-model-bytes\\)\\.`),
    );
    const service = await createScoringServer({ modelPath, maxModelBytes: Buffer.byteLength(text) + 10, watchIntervalMs: 0 });
    try {
      writeFileSync(modelPath, JSON.stringify(handModel(), null, 2));
      expect((await service.reload()).error).toMatch(/over the \d+-byte model limit/);
      expect(service.lastReload()).toMatchObject({ ok: false });
    } finally {
      await service.close();
    }
  });

  it("sets header and request timeouts", async () => {
    const { dir } = writeTempFiles({});
    const modelPath = join(dir, "model.json");
    writeFileSync(modelPath, JSON.stringify(handModel()));
    const service = await createScoringServer({ modelPath, watchIntervalMs: 0, headersTimeoutMs: 2000, requestTimeoutMs: 5000 });
    expect([service.server.headersTimeout, service.server.requestTimeout]).toEqual([2000, 5000]);
    await service.close();
    const defaults = await createScoringServer({ modelPath, watchIntervalMs: 0 });
    expect([defaults.server.headersTimeout, defaults.server.requestTimeout]).toEqual([10_000, 30_000]);
    await defaults.close();
  });
});
