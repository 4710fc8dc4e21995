/**
 * A SHA-256 of everything the runtime scorer returns on a fixed set of
 * inputs, for checking that a speed change left its outputs bit-identical:
 * run it against the runtime source of two checkouts and compare the hashes.
 *
 *   npx tsx bench/runtime-output-hash.ts [checkout directory, default .]
 *
 * The inputs: this benchmark's leads (ISO-text and epoch-ms dates) under the
 * bundled model with and without every time rule; and seeded random models
 * (actions with positive, negative and zero points, kept or not, names like
 * "constructor"; random half-lives, exit, inactivity, velocity, FIT cap,
 * calibration, threshold, segments) scoring seeded random leads whose dates
 * are ISO text in many layouts, invalid text, numbers, Dates and junk. Each
 * lead is scored with score(lead, events, at) and through
 * initialState/applyEvent/scoreAt; thrown errors are recorded by their code,
 * path and message. Numbers are written with String() (shortest round-trip
 * text, so distinct doubles never collide) and -0 as "-0".
 * Prints one hash per part and one over all.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { EventInput, LeadInput, ScoringModel } from "leadlift-runtime";
import { mulberry32 } from "../src/stats/mulberry32.js";
import { makeBenchLeads, withEveryTimeRule } from "./runtime.js";

type Runtime = typeof import("leadlift-runtime");

/** Text for any value, with every double written exactly and -0 kept. */
function exactText(value: unknown): string {
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (value === null || value === undefined || typeof value !== "object") return JSON.stringify(value) ?? String(value);
  if (Array.isArray(value)) return `[${value.map(exactText).join(",")}]`;
  if (value instanceof Error) {
    const { code, path } = value as Error & { code?: string; path?: string };
    return `!${value.name}:${code}:${path}:${value.message}`;
  }
  return `{${Object.keys(value)
    .map((key) => `${JSON.stringify(key)}:${exactText((value as Record<string, unknown>)[key])}`)
    .join(",")}}`;
}

function attempt(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return error;
  }
}

/** Every output of scoring each lead: score() and the streaming path. */
function scoreAll(runtime: Runtime, model: unknown, leads: ReadonlyArray<{ lead: LeadInput; events: EventInput[]; at: unknown }>, segments?: unknown): string[] {
  const built = attempt(() => runtime.createScorer(model, segments ? { segments: segments as never } : {}));
  if (built instanceof Error) {
    if (process.env.SHOW_MODEL_ERRORS) console.log(String(built));
    return [exactText(built)];
  }
  const scorer = built as ReturnType<Runtime["createScorer"]>;
  return leads.map(({ lead, events, at }) => {
    const direct = attempt(() => scorer.score(lead, events, at as string));
    const streamed = attempt(() => {
      let state = scorer.initialState(lead);
      for (const event of events) state = scorer.applyEvent(state, event);
      return [state, scorer.scoreAt(state, at as string)];
    });
    return exactText([direct, streamed]);
  });
}

const pad = (value: number, width: number) => String(Math.abs(value)).padStart(width, "0");

/** A date in one of many layouts, or something that is not one. */
function randomDate(random: () => number, around: number): unknown {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const ms = Math.round(around + (random() - 0.5) * 400 * 86_400_000) + (random() < 0.3 ? 0 : Math.floor(random() * 1000));
  const iso = new Date(ms).toISOString();
  const kind = random();
  if (kind < 0.35) return iso;
  if (kind < 0.5) return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  if (kind < 0.55) return iso.slice(0, 10);
  if (kind < 0.62) {
    const minutes = pick([0, 60, -300, 330, 840, -720]);
    const local = new Date(ms + minutes * 60_000).toISOString().slice(0, 23);
    return `${local}${minutes < 0 ? "-" : "+"}${pad(Math.trunc(minutes / 60), 2)}${pick([":", ""])}${pad(minutes % 60, 2)}`;
  }
  if (kind < 0.7) return ms;
  if (kind < 0.74) return new Date(ms);
  if (kind < 0.8) return pick([`${iso.slice(0, 19)}.5Z`, `${iso.slice(0, 16)}Z`, ` ${iso}`, `${iso.slice(0, 19)}.123456789+01:00`, iso.toLowerCase()]);
  if (kind < 0.83) return pick(["2024-02-30", "2023-02-29T00:00:00Z", "2024-13-01", "24:00", "", "yesterday", "2024-01-01T24:00:00Z", "2024-1-01"]);
  if (kind < 0.85) return pick([null, undefined, NaN, Infinity, {}, [], true, new Date(NaN)]);
  return iso;
}

function randomModel(random: () => number, sample: ScoringModel): { model: ScoringModel; actions: string[] } {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const names = ["demo_request", "pricing_page_view", "unsubscribe", "webinar", "a", "ab", "ba", "constructor", "__proto__", "toString", "Demo_Request", "x".repeat(40), "trial_signup", "email_open"];
  const actions = names.filter(() => random() < 0.7).map((action) => ({ action, points: pick([0, 1, 3, 5, 12, 39, -1, -9, -40, 1_000_000]), kept: random() < 0.85 }));
  // One model in ten names an action twice (the schema does not forbid it).
  if (actions.length > 0 && random() < 0.1) actions.push({ ...pick(actions), points: pick([2, -2, 7]) });
  const halfLifeDays: Record<string, number> = {};
  // No half-life for "__proto__": assertModel refuses that key in halfLifeDays (it reads it as not a kept action).
  for (const { action, kept } of actions) if (kept && action !== "__proto__" && random() < 0.5) Object.defineProperty(halfLifeDays, action, { value: pick([0.5, 3, 10, 20, 90]), enumerable: true, writable: true, configurable: true });
  const model: ScoringModel = {
    ...sample,
    actions,
    threshold: { score: random() < 0.1 ? null : pick([0, 10, 30, 55.5]) },
    probability: random() < 0.3 ? null : sample.probability,
    decay: random() < 0.2 ? null : { halfLifeDays, exitAfterDays: random() < 0.4 ? null : pick([1, 30, 120]), inactivity: random() < 0.4 ? null : { days: pick([1, 7, 30]), points: pick([-4, -20, 3]) } },
    velocity: random() < 0.4 ? null : { minPointsPerDay: pick([0.1, 0.5, 2]), points: pick([5, -3]) },
    profile: { ...sample.profile, fitCap: random() < 0.5 ? null : pick([0, 6, 20]) },
  };
  return { model, actions: [...names, "unknown_action"] };
}

function randomLeads(random: () => number, actions: readonly string[], count: number) {
  const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  return Array.from({ length: count }, (_, i) => {
    const around = Date.UTC(2025, 0, 1) + Math.floor(random() * 300) * 86_400_000;
    const events = Array.from({ length: pick([0, 1, 2, 5, 20, 40, 80]) }, () => {
      const date = randomDate(random, around);
      return random() < 0.9 ? { action: pick(actions), occurred_at: date } : { action: random() < 0.8 ? pick(actions) : (pick([1, null, undefined]) as never), occurredAt: date };
    }) as EventInput[];
    const lead: Record<string, unknown> = {
      email: pick([`p${i}@acme.com`, `p${i}@gmail.com`, " P@GMAIL.COM ", "", null, "nobody"]),
      title: pick(["Engineer", "VP Sales", " CEO ", "Head of Growth", "", null, 42, "intern"]),
      company_size: pick(["10", "1,200", " 51 ", "", "n/a", 5000, null]),
      country: pick(["US", "BR", " DE", "", null, "XX"]),
    };
    if (random() < 0.85) lead[random() < 0.8 ? "created_at" : "createdAt"] = randomDate(random, around - 30 * 86_400_000);
    return { lead: lead as LeadInput, events, at: random() < 0.97 ? randomDate(random, around + 60 * 86_400_000) : "nope" };
  });
}

export async function hashRuntimeOutputs(checkout: string): Promise<Record<string, string>> {
  const runtime = (await import(pathToFileURL(resolve(checkout, "src/runtime/index.ts")).href)) as Runtime;
  const sample = JSON.parse(readFileSync(new URL("../models/sample-model.json", import.meta.url), "utf8")) as ScoringModel;
  const timed = withEveryTimeRule(sample);
  const names = sample.actions.map((a) => a.action);
  const iso = makeBenchLeads(names, 10_000, true);
  const epoch = makeBenchLeads(names, 10_000, false);
  const parts: Record<string, string[]> = {
    "bench ISO, every time rule": scoreAll(runtime, timed, iso),
    "bench epoch, every time rule": scoreAll(runtime, timed, epoch),
    "bench epoch, bundled model": scoreAll(runtime, sample, epoch),
    "bench ISO, segments": scoreAll(runtime, timed, iso.slice(0, 2000), [{ name: "cold" }, { name: "warm", from: 20 }, { name: "hot", from: 45.5 }]),
  };
  const random = mulberry32(1_400);
  const randomOutputs: string[] = [];
  for (let m = 0; m < 300; m++) {
    const { model, actions } = randomModel(random, sample);
    randomOutputs.push(...scoreAll(runtime, model, randomLeads(random, actions, 60)));
  }
  parts["random models and leads"] = randomOutputs;
  const texts: string[] = [];
  for (let i = 0; i < 200_000; i++) texts.push(exactText(randomDate(random, Date.UTC(2000 + (i % 50), 0, 1))));
  parts["parseInstant on random texts"] = texts.map((text) => exactText(runtime.parseInstant(JSON.parse(text.startsWith('"') ? text : '""') as string)));
  const hashes: Record<string, string> = {};
  const all = createHash("sha256");
  for (const [name, outputs] of Object.entries(parts)) {
    const hash = createHash("sha256");
    for (const output of outputs) {
      hash.update(output).update("\n");
      all.update(output).update("\n");
    }
    hashes[`${name} (${outputs.length.toLocaleString("en-US")} outputs)`] = hash.digest("hex");
  }
  hashes.all = all.digest("hex");
  return hashes;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const checkout = process.argv[2] ?? ".";
  console.log(`# Runtime scorer outputs of ${resolve(checkout)}/src/runtime`);
  for (const [name, hash] of Object.entries(await hashRuntimeOutputs(checkout))) console.log(`${hash}  ${name}`);
}
