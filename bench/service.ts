/**
 * HTTP service: POST /score on loopback for 10 s under autocannon
 * (in-process server, 50 connections). Printed figures, not asserts.
 */
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { createScoringServer } from "../src/index.js";

export async function runServiceBench(modelPath = "models/sample-model.json", seconds = 10): Promise<void> {
  const service = await createScoringServer({ modelPath, watchIntervalMs: 0 });
  const { port } = await service.listen(0, "127.0.0.1");
  const body = JSON.stringify({
    lead: { lead_id: "L1", title: "VP Sales", email: "ana@acme.com", company_size: "120" },
    events: [{ action: "demo_request", occurred_at: "2025-02-01T00:00:00Z" }, { action: "pricing_page_view", occurred_at: "2025-02-02T00:00:00Z" }],
    at: "2025-03-01T00:00:00Z",
  });
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/score`,
    method: "POST",
    headers: { "content-type": "application/json" },
    body,
    connections: 50,
    duration: seconds,
  });
  await service.close();
  console.log(`\n# HTTP service, POST /score on loopback (${seconds} s, 50 connections, server and load generator share this 2-core machine)`);
  console.log(`requests/s: ${Math.round(result.requests.average).toLocaleString("en-US")}; latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; errors ${result.errors}, non-2xx ${result.non2xx}`);
  console.log("Targets (issue #5): ≥ 10,000 requests/s, p99 < 5 ms.");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runServiceBench();
