import { spawn } from "node:child_process";
import { renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createScoringServer } from "../../src/serve/create-server.js";
import { handModel } from "../helpers/model-fixture.js";
import { writeTempFiles } from "../helpers/temp-files.js";

/** The CLI from its TypeScript source, as `npm run leadlift` runs it (the compiled bin is tested in test/packaging). */
const CLI = ["--import", "tsx", join(import.meta.dirname, "../../src/cli/main.ts")];
const request = { lead: { title: "VP Sales", email: "a@acme.com" }, events: [{ action: "demo_request", occurred_at: "2025-02-01T00:00:00Z" }], at: "2025-03-01T00:00:00Z" };

describe("leadlift serve (process)", () => {
  it("reloads the model file on its own when it changes", async () => {
    const { dir } = writeTempFiles({});
    const modelPath = join(dir, "model.json");
    writeFileSync(modelPath, JSON.stringify(handModel()));
    const service = await createScoringServer({ modelPath, watchIntervalMs: 50 });
    const { port } = await service.listen(0);
    try {
      const changed: any = handModel();
      changed.actions[0].points = 50;
      writeFileSync(`${modelPath}.tmp`, JSON.stringify(changed));
      renameSync(`${modelPath}.tmp`, modelPath);
      let score = 0;
      for (let attempt = 0; attempt < 100 && score !== 67; attempt++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const response = await fetch(`http://127.0.0.1:${port}/score`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(request) });
        score = ((await response.json()) as any).score;
      }
      expect(score).toBe(67);
    } finally {
      await service.close();
    }
  });

  it("keeps resident memory flat over many requests with distinct large titles (bounded caches)", async () => {
    const { dir } = writeTempFiles({});
    const modelPath = join(dir, "model.json");
    writeFileSync(modelPath, JSON.stringify(handModel()));
    const { child, port, log } = await startServe(modelPath);
    try {
      const rss = async () => Number(/^process_resident_memory_bytes (\d+)$/m.exec(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text())?.[1]);
      // 600 KB titles, each distinct: an unbounded title cache would keep all of them (about 240 MB for 400).
      const filler = "x".repeat(600 * 1024);
      const send = async (i: number) => {
        const body = JSON.stringify({ lead: { title: `${i} VP ${filler}`, email: "a@acme.com" }, events: [], at: "2025-03-01T00:00:00Z" });
        const response = await fetch(`http://127.0.0.1:${port}/score`, { method: "POST", headers: { "content-type": "application/json" }, body });
        expect(response.status).toBe(200);
        await response.arrayBuffer();
      };
      const sendMany = async (from: number, count: number) => {
        for (let i = from; i < from + count; i += 4) await Promise.all([0, 1, 2, 3].map((k) => send(i + k)));
      };
      await sendMany(0, 80);
      const warm = await rss();
      await sendMany(80, 400);
      const after = await rss();
      expect(after - warm, `RSS ${Math.round(warm / 1e6)} MB → ${Math.round(after / 1e6)} MB; log: ${log()}`).toBeLessThan(80 * 1024 * 1024);
    } finally {
      child.kill("SIGTERM");
    }
  }, 60_000);

  it("shuts down gracefully on SIGTERM with exit code 0", async () => {
    const { dir } = writeTempFiles({});
    const modelPath = join(dir, "model.json");
    writeFileSync(modelPath, JSON.stringify(handModel()));
    const { child, port, log } = await startServe(modelPath);
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(log()).toMatch(/SIGTERM: finishing in-flight requests/);
  });
});

/** Starts `leadlift serve` on a free port; resolves once it listens. */
async function startServe(modelPath: string) {
  const child = spawn(process.execPath, [...CLI, "serve", "--model", modelPath, "--port", "0"], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${log}`)), 20_000);
    child.stderr.on("data", (chunk) => {
      log += String(chunk);
      const match = /on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    });
  });
  return { child, port, log: () => log };
}
