/**
 * Runtime scorer throughput on one core: leads with 20 events each, scored
 * by createScorer(model).score.
 * - The target case: dates as ISO 8601 text, the way HTTP (JSON) and CSV
 *   deliver them (the lead's created_at, every event's occurred_at and the
 *   moment `at`), and a model with every time rule on: decay, inactivity,
 *   exit, velocity and a FIT cap. The bench counts how many leads each rule
 *   changes, so the rules are shown to bite rather than assumed to.
 * - The same leads and model with epoch-millisecond dates, and parseInstant
 *   alone over the same date texts: together they split the target case's
 *   cost into reading dates and applying the rules.
 * - For comparison, the easy case the old benchmark measured: epoch
 *   milliseconds and the bundled model, which has no time rules.
 * Says whether the target (at least 1M scores per CPU-second in the target
 * case) is met. Printed figures, not asserts.
 */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { createScorer, parseInstant, type EventInput, type LeadInput, type LeadScore, type Scorer, type ScoringModel } from "leadlift-runtime";

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const EVENTS_PER_LEAD = 20;
/** Issue 14's target for the runtime scorer: scores per CPU-second with ISO-text dates and every time rule on. */
const TARGET_SCORES_PER_SECOND = 1_000_000;

/** The bundled model with every time rule switched on (the same variant test/serve/parity.test.ts checks). */
export function withEveryTimeRule(model: ScoringModel): ScoringModel {
  return {
    ...model,
    decay: { halfLifeDays: { demo_request: 20, pricing_page_view: 10 }, exitAfterDays: 120, inactivity: { days: 30, points: -4 } },
    velocity: { minPointsPerDay: 0.5, points: 5 },
    profile: { ...model.profile, fitCap: 6 },
  };
}

interface BenchLead {
  readonly lead: LeadInput;
  readonly events: EventInput[];
  readonly at: string | number;
}

/**
 * Seeded-by-index leads: created over 100 days, 20 events each a few hours to
 * days apart; one lead in 8 has a 130-day silence inside its history (the
 * exit rule drops what came before), the moment is 0–59 days after the last
 * event (so inactivity and decay bite for some), and one lead in 60 is scored
 * a day before its last events (those are not counted). Dates are ISO text, three in
 * four as `toISOString` writes them (JSON clients) and one in four as
 * `YYYY-MM-DD HH:MM:SS` (CSV exports), and the leads come out of JSON.parse,
 * as a service's request bodies do; or epoch milliseconds with `asText` false.
 */
export function makeBenchLeads(actions: readonly string[], leadCount: number, asText: boolean): BenchLead[] {
  const base = Date.UTC(2025, 0, 1);
  const text = (ms: number, k: number) => {
    const iso = new Date(ms).toISOString();
    return k % 4 === 3 ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : iso;
  };
  const leads = Array.from({ length: leadCount }, (_, i): BenchLead => {
    const createdAt = base + (i % 100) * DAY_MS + (i % 24) * HOUR_MS;
    const times: number[] = [];
    let t = createdAt;
    for (let k = 0; k < EVENTS_PER_LEAD; k++) {
      t += ((i * 7 + k * 13) % 71) * HOUR_MS + ((i + k) % 60) * 1000 + 17;
      if (i % 8 === 0 && k === 10) t += 130 * DAY_MS;
      times.push(t);
    }
    const at = times[EVENTS_PER_LEAD - 1] + (i % 60) * DAY_MS + HOUR_MS - (i % 20 === 0 ? 30 * HOUR_MS : 0);
    const lead = {
      lead_id: `L${i}`,
      email: `p${i}@${i % 3 ? "acme.com" : "gmail.com"}`,
      title: i % 5 ? "Engineer" : "VP Sales",
      company_size: String(10 + (i % 900)),
      country: "US",
      created_at: asText ? text(createdAt, i) : createdAt,
    };
    const events = times.map((occurredAt, k): EventInput => {
      const action = actions[(i + k) % actions.length];
      return asText ? { action, occurred_at: text(occurredAt, i + k) } : { action, occurred_at: occurredAt };
    });
    return { lead, events, at: asText ? text(at, i) : at };
  });
  return asText ? (JSON.parse(JSON.stringify(leads)) as BenchLead[]) : leads;
}

interface Throughput {
  /** Scores per second of wall time. */
  readonly perSecond: number;
  /** Scores per second of this process's CPU time (user + system): what the scorer costs, whatever else holds the cores. */
  readonly perCpuSecond: number;
  readonly checksum: number;
}

/** Throughput over `rounds` passes, after one untimed pass (JIT warm-up). */
function measure(scorer: Scorer, leads: readonly BenchLead[], rounds: number): Throughput {
  for (const { lead, events, at } of leads) scorer.score(lead, events, at);
  let checksum = 0;
  const started = process.hrtime.bigint();
  const cpuStarted = process.cpuUsage();
  for (let r = 0; r < rounds; r++) for (const { lead, events, at } of leads) checksum += scorer.score(lead, events, at).score;
  const cpu = process.cpuUsage(cpuStarted);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const scores = rounds * leads.length;
  return { perSecond: scores / seconds, perCpuSecond: scores / ((cpu.user + cpu.system) / 1e6), checksum: Math.round(checksum * 10) / 10 };
}

/**
 * parseInstant alone over every date text of the leads (created_at, at and
 * each occurred_at), in the same passes as `measure`: CPU microseconds per
 * lead and nanoseconds per date.
 */
function measureParsing(leads: readonly BenchLead[], rounds: number): { microsPerLead: number; nanosPerDate: number } {
  const texts = leads.flatMap(({ lead, events, at }) => [lead.created_at, at, ...events.map((e) => e.occurred_at)]).filter((t): t is string => typeof t === "string");
  const parseAll = () => {
    let sum = 0;
    for (const text of texts) sum += parseInstant(text) ?? NaN;
    return sum;
  };
  parseAll();
  let checksum = 0;
  const cpuStarted = process.cpuUsage();
  for (let r = 0; r < rounds; r++) checksum += parseAll();
  const cpu = process.cpuUsage(cpuStarted);
  if (!Number.isFinite(checksum)) throw new Error("bench/runtime: a bench date text did not parse");
  const micros = cpu.user + cpu.system;
  return { microsPerLead: micros / (rounds * leads.length), nanosPerDate: (1000 * micros) / (rounds * texts.length) };
}

/** Whether the target is met in the target case, and whether it would be without date parsing (epoch-ms dates). */
function targetVerdict(isoPerSecond: number, epochPerSecond: number): string {
  const figure = (perSecond: number) => `${Math.round(perSecond).toLocaleString("en-US")}/s`;
  const isoMet = isoPerSecond >= TARGET_SCORES_PER_SECOND;
  const epochMet = epochPerSecond >= TARGET_SCORES_PER_SECOND;
  const why = isoMet
    ? ""
    : epochMet
      ? `; with epoch-ms dates it is met (${figure(epochPerSecond)}), so reading the date texts is what misses it`
      : `; not even with epoch-ms dates (${figure(epochPerSecond)}), so the rules and the rest of scoring miss it before any date is parsed`;
  return `Target ≥ ${TARGET_SCORES_PER_SECOND.toLocaleString("en-US")} scores per CPU-second, ISO-text dates, every time rule on: ${isoMet ? "met" : "NOT met"} (${figure(isoPerSecond)})${why}`;
}

function throughputText(t: Throughput): string {
  const format = (perSecond: number) => `${Math.round(perSecond).toLocaleString("en-US")}/s (${(1e6 / perSecond).toFixed(2)} µs per lead)`;
  return `${format(t.perCpuSecond)} of CPU time, ${format(t.perSecond)} of wall time; checksum ${t.checksum}`;
}

/** How many leads each time rule changes: reasons it adds, and leads whose score moves when one rule is switched off. */
function ruleBites(model: ScoringModel, leads: readonly BenchLead[]): string {
  const scoreAll = (m: ScoringModel): LeadScore[] => {
    const scorer = createScorer(m);
    return leads.map(({ lead, events, at }) => scorer.score(lead, events, at));
  };
  const all = scoreAll(model);
  const moved = (m: ScoringModel) => scoreAll(m).filter((s, i) => s.score !== all[i].score).length;
  const decay = model.decay!;
  const counts = {
    decay: moved({ ...model, decay: { ...decay, halfLifeDays: {} } }),
    exit: moved({ ...model, decay: { ...decay, exitAfterDays: null } }),
    inactivity: all.filter((s) => s.reasons.some((r) => r.kind === "inactivity")).length,
    velocity: all.filter((s) => s.reasons.some((r) => r.kind === "velocity")).length,
    "FIT cap": all.filter((s) => s.reasons.some((r) => r.kind === "fit-cap")).length,
  };
  return Object.entries(counts).map(([rule, n]) => `${rule} ${n}`).join(", ");
}

export async function runRuntimeBench(modelPath = "models/sample-model.json"): Promise<void> {
  const sample = JSON.parse(readFileSync(modelPath, "utf8")) as ScoringModel;
  const timed = withEveryTimeRule(sample);
  const actions = sample.actions.map((a) => a.action);
  const leadCount = 10_000;
  const rounds = 20;
  const isoLeads = makeBenchLeads(actions, leadCount, true);
  const epochLeads = makeBenchLeads(actions, leadCount, false);
  const [load1] = loadavg();
  console.log(
    `\n# Runtime scorer: score(lead, events, at), one thread, ${EVENTS_PER_LEAD} events per lead, ${leadCount.toLocaleString("en-US")} leads × ${rounds} rounds after a warm-up pass (load average ${load1.toFixed(1)} on this 2-core machine; CPU time leaves out the time other processes hold the cores)`,
  );
  const target = measure(createScorer(timed), isoLeads, rounds);
  console.log(`ISO-text dates (created_at, occurred_at, at), every time rule on: ${throughputText(target)}`);
  console.log(`  leads each rule changes, of ${leadCount.toLocaleString("en-US")}: ${ruleBites(timed, isoLeads)}`);
  const epochTimed = measure(createScorer(timed), epochLeads, rounds);
  console.log(`the same leads and rules with epoch-ms dates (nothing to parse): ${throughputText(epochTimed)}`);
  const parsing = measureParsing(isoLeads, rounds);
  const datesPerLead = EVENTS_PER_LEAD + 2;
  console.log(
    `parseInstant alone on the same ${datesPerLead} date texts per lead: ${parsing.microsPerLead.toFixed(2)} µs per lead of CPU time (${parsing.nanosPerDate.toFixed(0)} ns per date); ISO text costs the scorer ${(1e6 / target.perCpuSecond - 1e6 / epochTimed.perCpuSecond).toFixed(2)} µs per lead over epoch ms`,
  );
  console.log(targetVerdict(target.perCpuSecond, epochTimed.perCpuSecond));
  const easy = measure(createScorer(sample), epochLeads, rounds);
  console.log(`epoch-ms dates, bundled model (no time rules; what this benchmark measured before): ${throughputText(easy)}`);

  const scorer = createScorer(timed);
  const events = isoLeads.flatMap((l) => l.events);
  let state = scorer.initialState(isoLeads[0].lead);
  const applyStarted = process.cpuUsage();
  for (let r = 0; r < 5; r++) for (const event of events) state = scorer.applyEvent(state, event);
  const applyCpu = process.cpuUsage(applyStarted);
  console.log(
    `applyEvent (streaming state, ISO-text occurred_at, every time rule on): ${Math.round((5 * events.length) / ((applyCpu.user + applyCpu.system) / 1e6)).toLocaleString("en-US")} events per CPU-second (final state: ${state.episodes.length} episode(s), ${Object.keys(state.episodes.at(-1)?.actions ?? {}).length} actions)`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runRuntimeBench();
