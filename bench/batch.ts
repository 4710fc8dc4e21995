/**
 * Batch scoring at scale (issue #5): `leadlift score` on generated exports of
 * 100k leads / 2M events, 100k leads / 20M events and 1M leads / 20M events,
 * run as the real CLI in a child process; prints wall time, throughput and
 * peak RSS. The middle run has the first run's leads and ten times its
 * events: with events streamed, its memory should stay where the first run's
 * is. The two 100k runs cap V8's heap (--max-old-space-size) so that peak RSS
 * shows what the run needs, not how lazily V8 collects garbage when it may
 * grow. Also prints what handing every event to the runtime costs against
 * handing it only the model's kept actions. Printed figures, not asserts.
 */
import { spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { LeadStates } from "../src/batch/lead-states.js";
import type { EventRecord, LeadRecord } from "../src/io/records.js";
import type { ModelV1 } from "../src/index.js";
import { createScorer } from "leadlift-runtime";
import { mulberry32 } from "../src/stats/mulberry32.js";

const DAY = 86_400_000;
const YEAR_START = Date.UTC(2024, 0, 1);
const SCORE_AT = "2025-01-01T00:00:00Z";
const TITLES = ["VP Sales", "Engineer", "Head of Marketing", "Student", "CTO", "Analyst", "Director of Ops"];
const COUNTRIES = ["US", "DE", "FR", "GB", "IN", "BR"];


/** Writes lines produced by `line(i)` for i < count, in large chunks (a dedicated generator: the simulator is far too slow for 20M rows). */
async function writeLines(path: string, header: string, count: number, line: (i: number) => string): Promise<void> {
  const out = createWriteStream(path, "utf8");
  let buffer = `${header}\n`;
  for (let i = 0; i < count; i++) {
    buffer += `${line(i)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, "drain");
      buffer = "";
    }
  }
  out.end(buffer);
  await once(out, "finish");
}

const leadId = (i: number) => `L${String(i).padStart(7, "0")}`;

/** A leads CSV shaped like data/sample/leads.csv; one lead in ten has its own `as_of`. */
async function writeLeads(path: string, leads: number): Promise<void> {
  const random = mulberry32(leads);
  await writeLines(path, "lead_id,created_at,account_id,email,title,company,country,company_size,as_of", leads, (i) => {
    const account = Math.floor(random() * leads * 0.3);
    const asOf = i % 10 === 0 ? new Date(YEAR_START + Math.floor(random() * 366) * DAY).toISOString() : "";
    return `${leadId(i)},${new Date(YEAR_START + Math.floor(random() * 300 * DAY)).toISOString()},ACC-${account},p${i}@${random() < 0.3 ? "gmail.com" : `company-${account}.example.com`},${TITLES[Math.floor(random() * TITLES.length)]},company-${account},${COUNTRIES[Math.floor(random() * COUNTRIES.length)]},${1 + Math.floor(random() * 2000)},${asOf}`;
  });
}

/** An events CSV in random order: each event of a random lead, a random action of the model (kept or not), a random time in 2024. */
async function writeEvents(path: string, events: number, leads: number, actions: readonly string[]): Promise<void> {
  const random = mulberry32(events + leads);
  await writeLines(path, "lead_id,action,occurred_at,category", events, () => {
    const at = YEAR_START + Math.floor(random() * 366 * DAY);
    return `${leadId(Math.floor(random() * leads))},${actions[Math.floor(random() * actions.length)]},${new Date(at).toISOString().slice(0, 19)}Z,web`;
  });
}

interface RunFigures {
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly summary: string;
  readonly outputRows: number;
}

/** Runs `leadlift score` as users do (tsx, one process) and reads its peak RSS as it exits. */
async function runScoreCli(leadsPath: string, eventsPath: string, outPath: string, heapCapMb: number | null): Promise<RunFigures> {
  const reportPeak = 'data:text/javascript,process.on("exit",()=>process.stderr.write("peak-rss-kb "+process.resourceUsage().maxRSS+"\\n"))';
  const args = [...(heapCapMb === null ? [] : [`--max-old-space-size=${heapCapMb}`]), "--import", "tsx", "--import", reportPeak, "src/cli/main.ts", "score", "--model", "models/sample-model.json", "--leads", leadsPath, "--events", eventsPath, "--out", outPath, "--at", SCORE_AT];
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const [code] = (await once(child, "close")) as [number];
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (code !== 0) throw new Error(`leadlift score exited ${code}:\n${stderr}`);
  const peak = /peak-rss-kb (\d+)/.exec(stderr);
  return { seconds, peakRssMb: peak ? Number(peak[1]) / 1024 : Number.NaN, summary: stdout.trim().split("\n").pop() ?? "", outputRows: countLines(outPath) - 1 };
}

function countLines(path: string): number {
  const text = readFileSync(path);
  let lines = 0;
  for (let i = 0; i < text.length; i++) if (text[i] === 10) lines += 1;
  return lines;
}

const number = (value: number) => Math.round(value).toLocaleString("en-US");
const megabytes = (path: string) => `${(statSync(path).size / 1e6).toFixed(0)} MB`;

/**
 * In-process: the same events through `LeadStates` twice — every event (what
 * `leadlift score` does, so inactivity and exit rules see all activity) and
 * only events of kept actions — to show what the first costs.
 */
function measureEveryEventCost(model: ModelV1, leadCount: number, eventCount: number): string {
  const random = mulberry32(3);
  const actions = model.actions.map((a) => a.action);
  const kept = new Set(model.actions.filter((a) => a.kept).map((a) => a.action));
  const leads: LeadRecord[] = Array.from({ length: leadCount }, (_, i) => ({ leadId: leadId(i), createdAt: YEAR_START, accountId: null, asOf: null, profile: { title: "Engineer" }, row: i + 2 }));
  const events: EventRecord[] = Array.from({ length: eventCount }, () => ({
    leadId: leadId(Math.floor(random() * leadCount)),
    action: actions[Math.floor(random() * actions.length)],
    occurredAt: YEAR_START + Math.floor(random() * 366 * DAY),
    category: null,
  }));
  const time = (filter: (e: EventRecord) => boolean) => {
    const states = new LeadStates(createScorer(model), leads, Date.parse(SCORE_AT));
    const started = process.hrtime.bigint();
    for (const event of events) if (filter(event)) states.apply(event, "events.csv", 0);
    for (let i = 0; i < leads.length; i++) states.takeRow(i, "leads.csv");
    return Number(process.hrtime.bigint() - started) / 1e9;
  };
  time(() => true);
  const every = time(() => true);
  const keptOnly = time((e) => kept.has(e.action));
  return `every event ${every.toFixed(2)} s vs kept actions only (${kept.size} of ${actions.length}) ${keptOnly.toFixed(2)} s for ${number(eventCount)} events of ${number(leadCount)} leads, applied and scored`;
}

export async function runBatchBench(sizes: ReadonlyArray<{ leads: number; events: number; heapCapMb: number | null }> = [
  { leads: 100_000, events: 2_000_000, heapCapMb: 384 },
  { leads: 100_000, events: 20_000_000, heapCapMb: 384 },
  { leads: 1_000_000, events: 20_000_000, heapCapMb: null },
]): Promise<void> {
  const model = JSON.parse(readFileSync("models/sample-model.json", "utf8")) as ModelV1;
  const actions = model.actions.map((a) => a.action);
  console.log("\n# Batch: leadlift score on generated CSV exports (events in random order; each size takes up to a few minutes)");
  console.log("| leads | events | events file | V8 heap cap | wall time | leads/s | events/s | peak RSS |");
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|");
  const summaries: string[] = [];
  for (const size of sizes) {
    const dir = mkdtempSync(join(tmpdir(), "leadlift-batch-bench-"));
    try {
      const leadsPath = join(dir, "leads.csv");
      const eventsPath = join(dir, "events.csv");
      await writeLeads(leadsPath, size.leads);
      await writeEvents(eventsPath, size.events, size.leads, actions);
      const figures = await runScoreCli(leadsPath, eventsPath, join(dir, "scores.csv"), size.heapCapMb);
      if (figures.outputRows !== size.leads) throw new Error(`Expected ${size.leads} output rows, got ${figures.outputRows}.`);
      console.log(`| ${number(size.leads)} | ${number(size.events)} | ${megabytes(eventsPath)} | ${size.heapCapMb === null ? "default" : `${size.heapCapMb} MB`} | ${figures.seconds.toFixed(1)} s | ${number(size.leads / figures.seconds)} | ${number(size.events / figures.seconds)} | ${figures.peakRssMb.toFixed(0)} MB |`);
      summaries.push(`${number(size.leads)} / ${number(size.events)}: ${figures.summary}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log("The capped runs show memory bounded in the events; the cap also makes V8 collect garbage more often, so their times are slower than uncapped.");
  for (const summary of summaries) console.log(summary);
  console.log(`Cost of handing every event to the runtime: ${measureEveryEventCost(model, 100_000, 2_000_000)}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runBatchBench();
