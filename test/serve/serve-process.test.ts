import { spawn, type ChildProcess } from "node:child_process";
import { request as httpRequest } from "node:http";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
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
    const modelPath = handModelFile();
    const service = await createScoringServer({ modelPath, watchIntervalMs: 50 });
    const { port } = await service.listen(0);
    try {
      const changed: any = handModel();
      changed.actions[0].points = 50;
      writeFileSync(`${modelPath}.tmp`, JSON.stringify(changed));
      renameSync(`${modelPath}.tmp`, modelPath);
      let score = 0;
      for (const deadline = Date.now() + 20_000; Date.now() < deadline && score !== 67; ) {
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
    const modelPath = handModelFile();
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
    const modelPath = handModelFile();
    const { child, port, log } = await startServe(modelPath);
    const response = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(response.status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(log()).toMatch(/SIGTERM: finishing in-flight requests/);
  });

  describe("--workers", () => {
    /** POST /score on a connection of its own (no keep-alive), so node:cluster hands each to the next worker in turn. */
    const scoreOnNewConnection = (port: number) =>
      new Promise<{ status: number; body: any }>((resolve, reject) => {
        const body = JSON.stringify(request);
        const req = httpRequest({ host: "127.0.0.1", port, path: "/score", method: "POST", agent: false, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
          let text = "";
          res.on("data", (chunk) => (text += chunk));
          res.on("end", () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        });
        req.on("error", reject);
        req.end(body);
      });
    const counted = (metrics: string, pattern: RegExp) => Number(pattern.exec(metrics)?.[1]);
    const exitOf = (child: ChildProcess) => new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

    it("serves from several processes and counts every worker's requests in /metrics, whichever worker answers", async () => {
      const modelPath = handModelFile();
      const { child, port, log } = await startServe(modelPath, ["--workers", "2"]);
      try {
        expect(log()).toMatch(/ with 2 workers\n/);
        const answers = [];
        for (let i = 0; i < 9; i++) answers.push(await scoreOnNewConnection(port));
        expect(answers.map((a) => a.status)).toEqual(new Array(9).fill(200));
        expect(new Set(answers.map((a) => a.body.score)).size).toBe(1);
        // Each worker took some of the 9 (round-robin), so one process alone would count at most 5.
        for (let scrape = 0; scrape < 3; scrape++) {
          const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { connection: "close" } })).text();
          expect(counted(metrics, /^leadlift_requests_total\{route="\/score",status="200"\} (\d+)$/m)).toBe(9);
          expect(counted(metrics, /^leadlift_leads_scored_total (\d+)$/m)).toBe(9);
          expect(counted(metrics, /^leadlift_workers (\d+)$/m)).toBe(2);
        }
        const exited = exitOf(child);
        child.kill("SIGTERM");
        expect(await exited).toBe(0);
        expect(log().match(/worker \d+: SIGTERM: finishing in-flight requests/g)).toHaveLength(2);
      } finally {
        child.kill("SIGKILL");
      }
    }, 60_000);

    it("replaces a worker that dies while serving, and keeps answering", async () => {
      const modelPath = handModelFile();
      const { child, port, log } = await startServe(modelPath, ["--workers", "2"]);
      try {
        const workers = (await workerPids(child.pid!));
        expect(workers).toHaveLength(2);
        process.kill(workers[0], "SIGKILL");
        for (let attempt = 0; attempt < 100 && !/starting a new one/.test(log()); attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
        expect(log()).toContain(`worker ${workers[0]} exited on SIGKILL; starting a new one`);
        for (let attempt = 0; attempt < 100 && (await workerPids(child.pid!)).length < 2; attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
        expect((await workerPids(child.pid!)).filter((pid) => pid !== workers[0])).toHaveLength(2);
        for (let i = 0; i < 4; i++) expect((await scoreOnNewConnection(port)).status).toBe(200);
      } finally {
        child.kill("SIGKILL");
      }
    }, 60_000);

    it("stops with exit code 1, naming the failure, when the workers cannot load the model", async () => {
      const { dir } = writeTempFiles({});
      const modelPath = join(dir, "model.json");
      writeFileSync(modelPath, "{ not json");
      const child = spawn(process.execPath, [...CLI, "serve", "--model", modelPath, "--port", "0", "--workers", "2"], { stdio: ["ignore", "ignore", "pipe"] });
      let log = "";
      child.stderr.on("data", (chunk) => (log += String(chunk)));
      expect(await exitOf(child)).toBe(1);
      expect(log).toMatch(/model\.json is not valid JSON/);
      expect(log).toMatch(/worker \d+ exited with code 1 before it listened; stopping the service/);
      expect(log).toMatch(/leadlift: The service stopped because a worker failed/);
    }, 60_000);

    it("refuses --workers 0 and absurd counts as a usage error", async () => {
      for (const count of ["0", "65", "two"]) {
        const child = spawn(process.execPath, [...CLI, "serve", "--model", "m.json", "--workers", count], { stdio: ["ignore", "ignore", "pipe"] });
        let log = "";
        child.stderr.on("data", (chunk) => (log += String(chunk)));
        expect(await exitOf(child)).toBe(2);
        expect(log).toMatch(/--workers/);
      }
    }, 60_000);
  });
});

/** The hand-made test model, written to a model.json of its own. */
function handModelFile(): string {
  return writeTempFiles({ "model.json": JSON.stringify(handModel()) })["model.json"];
}

/** The process ids of a process's children (a `serve --workers` primary's workers), from /proc. */
async function workerPids(parent: number): Promise<number[]> {
  const text = readFileSync(`/proc/${parent}/task/${parent}/children`, "utf8").trim();
  return text === "" ? [] : text.split(/\s+/).map(Number);
}

/** Starts `leadlift serve` on a free port; resolves once it listens. */
async function startServe(modelPath: string, extra: readonly string[] = []) {
  const child = spawn(process.execPath, [...CLI, "serve", "--model", modelPath, "--port", "0", ...extra], { stdio: ["ignore", "ignore", "pipe"] });
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
