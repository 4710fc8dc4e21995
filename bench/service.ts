/**
 * HTTP service: POST /score on loopback, with the server (`leadlift serve`)
 * and the load generator each in their own process, so neither steals the
 * other's event loop:
 * 50 connections as fast as the server answers, 10 s, three runs, then one
 * run with 10 connections; wrk from Debian's packages when installed (it needs
 * less CPU than a Node load generator, which matters on 2 cores), else the
 * autocannon CLI. Requests/s, p50 and p99 latency per run, and the server's
 * CPU time per request (from /proc: what a request costs the server, whatever
 * else holds the cores). Printed figures, not asserts.
 */
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const BODY = JSON.stringify({
  lead: { lead_id: "L1", title: "VP Sales", email: "ana@acme.com", company_size: "120" },
  events: [{ action: "demo_request", occurred_at: "2025-02-01T00:00:00Z" }, { action: "pricing_page_view", occurred_at: "2025-02-02T00:00:00Z" }],
  at: "2025-03-01T00:00:00Z",
});

interface LoadRun {
  readonly tool: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Errors and non-2xx answers together. */
  readonly failures: number;
  /** Server CPU time (user + system) per request, µs; null where /proc is not there. */
  serverCpuMicroseconds?: number | null;
}

/** CPU seconds (user + system) a process has used so far, from /proc/PID/stat; null where there is no /proc. */
function cpuSecondsOf(pid: number): number | null {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** CPU seconds of a process and its children (`serve --workers`' primary and workers); null where there is no /proc. */
function cpuSecondsOfTree(pid: number): number | null {
  const own = cpuSecondsOf(pid);
  if (own === null) return null;
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    // No children file: count the process alone.
  }
  return children.reduce((total, child) => total + (cpuSecondsOf(child) ?? 0), own);
}

/** Linux's USER_HZ, the unit of /proc's CPU times (100 on every mainstream architecture). */
const CLOCK_TICKS_PER_SECOND = 100;

/** `load` run while measuring the server's CPU time per request it answered. */
async function withServerCpu(pid: number, load: () => Promise<LoadRun>, seconds: number): Promise<LoadRun> {
  const before = cpuSecondsOfTree(pid);
  const result = await load();
  const after = cpuSecondsOfTree(pid);
  result.serverCpuMicroseconds = before === null || after === null ? null : ((after - before) / (result.requestsPerSecond * seconds)) * 1e6;
  return result;
}

/** Starts `leadlift serve` (from the TypeScript sources) on a free port with `workers` processes; resolves when it listens. */
function startServer(modelPath: string, workers: number): Promise<{ child: ChildProcess; port: number }> {
  const args = ["--import", "tsx", "src/cli/main.ts", "serve", "--model", modelPath, "--port", "0", "--workers", String(workers)];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
  return new Promise((resolve, reject) => {
    let log = "";
    const onData = (chunk: Buffer) => {
      log += chunk.toString("utf8");
      const match = /on http:\/\/127\.0\.0\.1:(\d+)/.exec(log);
      if (match) {
        child.stderr!.off("data", onData);
        child.stderr!.resume();
        resolve({ child, port: Number(match[1]) });
      }
    };
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`leadlift serve exited (${code}) before listening: ${log}`)));
  });
}

function run(command: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => (error ? reject(new Error(`${command}: ${error.message}\n${stderr}`)) : resolve(stdout)));
  });
}

function hasWrk(): boolean {
  return spawnSync("wrk", ["--version"], { stdio: "ignore" }).error === undefined;
}

/** wrk's duration text ("612.00us", "3.69ms", "1.20s") in milliseconds. */
function wrkMs(text: string): number {
  const match = /^([\d.]+)(us|ms|s)$/.exec(text);
  if (!match) throw new Error(`wrk: unexpected latency ${JSON.stringify(text)}`);
  const value = Number(match[1]);
  return match[2] === "us" ? value / 1000 : match[2] === "s" ? value * 1000 : value;
}

async function runWrk(url: string, connections: number, seconds: number, scriptPath: string): Promise<LoadRun> {
  const out = await run("wrk", ["-t1", `-c${connections}`, `-d${seconds}s`, "--latency", "-s", scriptPath, url]);
  const percentile = (p: string) => wrkMs(new RegExp(`^\\s*${p}%\\s+(\\S+)`, "m").exec(out)?.[1] ?? "");
  const failures = Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0) + Number(/Socket errors: .*?(\d+)/.exec(out)?.[1] ?? 0);
  return { tool: "wrk", requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]), p50Ms: percentile("50"), p99Ms: percentile("99"), failures };
}

const AUTOCANNON = createRequire(import.meta.url).resolve("autocannon/autocannon.js");

async function runAutocannon(url: string, connections: number, seconds: number): Promise<LoadRun> {
  const args = [AUTOCANNON, "-c", String(connections), "-d", String(seconds), "-m", "POST", "-H", "content-type=application/json", "-b", BODY, "--json"];
  const result = JSON.parse(await run(process.execPath, [...args, url]));
  return { tool: "autocannon", requestsPerSecond: result.requests.average, p50Ms: result.latency.p50, p99Ms: result.latency.p99, failures: result.errors + result.non2xx };
}

function runText(r: LoadRun): string {
  const cpu = r.serverCpuMicroseconds == null ? "" : `, server CPU ${r.serverCpuMicroseconds.toFixed(0)} µs/request`;
  // autocannon's latency histogram counts whole milliseconds.
  const ms = (value: number) => (r.tool === "autocannon" ? `${value.toFixed(0)} ms (whole ms)` : `${value.toFixed(2)} ms`);
  return `${Math.round(r.requestsPerSecond).toLocaleString("en-US")} requests/s, p50 ${ms(r.p50Ms)}, p99 ${ms(r.p99Ms)}${cpu}${r.failures ? `, ${r.failures} failed` : ""}`;
}

/**
 * The service bench, once per worker count: one process (the default), and
 * one worker per core (`--workers`, node:cluster), which is how a service on
 * a multi-core machine would run it.
 */
export async function runServiceBench(modelPath = "models/sample-model.json", seconds = 10, runs = 3, workerCounts = [1, Math.max(2, availableParallelism())]): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "leadlift-bench-service-"));
  const scriptPath = join(dir, "post.lua");
  writeFileSync(scriptPath, `wrk.method = "POST"\nwrk.headers["content-type"] = "application/json"\nwrk.body = ${JSON.stringify(BODY)}\n`);
  const [load1] = loadavg();
  console.log(
    `\n# HTTP service: POST /score on loopback, \`leadlift serve\` and the load generator in separate processes (${availableParallelism()}-core machine shared with other sessions; load average ${load1.toFixed(1)} when it started)`,
  );
  try {
    for (const workers of workerCounts) await benchWorkers(modelPath, workers, seconds, runs, scriptPath);
    console.log("Targets (issue #5): ≥ 10,000 requests/s, p99 < 5 ms at 50 connections. Each connection sends its next request as soon as the last is answered, so the server is saturated and latency is mostly queueing: about connections / throughput (Little's law).");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchWorkers(modelPath: string, workers: number, seconds: number, runs: number, scriptPath: string): Promise<void> {
  const { child, port } = await startServer(modelPath, workers);
  const url = `http://127.0.0.1:${port}/score`;
  const stopped = new Promise((resolve) => child.once("exit", resolve));
  try {
    const load = hasWrk() ? (connections: number, s: number) => runWrk(url, connections, s, scriptPath) : (connections: number, s: number) => runAutocannon(url, connections, s);
    await load(50, 3); // warm-up: JIT and connection set-up, not reported
    const label = workers === 1 ? "one process" : `--workers ${workers}`;
    const saturated: LoadRun[] = [];
    for (let r = 0; r < runs; r++) saturated.push(await withServerCpu(child.pid!, () => load(50, seconds), seconds));
    const median = (pick: (run: LoadRun) => number) => saturated.map(pick).sort((a, b) => a - b)[Math.floor(runs / 2)];
    const p99 = median((r) => r.p99Ms);
    console.log(`${label}, 50 connections, ${seconds} s × ${runs} runs (${saturated[0].tool}): ${saturated.map((r) => runText(r)).join("; ")}`);
    console.log(`  medians: ${runText({ ...saturated[0], requestsPerSecond: median((r) => r.requestsPerSecond), p50Ms: median((r) => r.p50Ms), p99Ms: p99, serverCpuMicroseconds: null, failures: 0 })}; p99 < 5 ms ${p99 < 5 ? "met" : "NOT met"}`);
    const fewer = await withServerCpu(child.pid!, () => load(10, seconds), seconds);
    console.log(`${label}, 10 connections, ${seconds} s (${fewer.tool}): ${runText(fewer)}`);
  } finally {
    child.kill("SIGTERM");
    await stopped;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runServiceBench();
