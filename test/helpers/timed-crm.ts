import { mulberry32 } from "./temp-files.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();

/** One simulated lead: when things happened (days after creation) and its chance of winning. */
export interface TimedLead {
  /** Days from creation to the cut-off (hand-off for won leads, close for lost ones). */
  readonly exposureDays: number;
  readonly events: ReadonlyArray<{ readonly action: string; readonly day: number }>;
  readonly probability: number;
  readonly title?: string;
}

/**
 * A CRM export as CSV text from a per-lead scenario, for known-answer tests
 * of effects that depend on *when* things happen (decay, inactivity,
 * velocity), which the additive known-lift generator cannot express. Won
 * leads are handed off at their cut-off and close 10 days later; lost leads
 * close at their cut-off. Creation dates spread over 400 days, and the data
 * end a year after the last creation, so no lead is too recent to judge.
 */
export function timedCrm(leads: number, seed: number, scenario: (random: () => number) => TimedLead) {
  const random = mulberry32(seed);
  const leadRows = ["lead_id,created_at,title"];
  const eventRows = ["lead_id,action,occurred_at"];
  const outcomeRows = ["lead_id,status,closed_at,handoff_at"];
  for (let i = 0; i < leads; i++) {
    const id = `T${i}`;
    const createdAt = T0 + Math.floor(random() * 400) * DAY;
    const lead = scenario(random);
    leadRows.push(`${id},${iso(createdAt)},${lead.title ?? "Engineer"}`);
    for (const e of lead.events) if (e.day < lead.exposureDays) eventRows.push(`${id},${e.action},${iso(createdAt + e.day * DAY)}`);
    const cutoffAt = createdAt + lead.exposureDays * DAY;
    if (random() < lead.probability) outcomeRows.push(`${id},won,${iso(cutoffAt + 10 * DAY)},${iso(cutoffAt)}`);
    else outcomeRows.push(`${id},lost,${iso(cutoffAt)},`);
  }
  leadRows.push(`END,${iso(T0 + 765 * DAY)},Engineer`);
  outcomeRows.push(`END,lost,${iso(T0 + 766 * DAY)},`);
  return { leads: `${leadRows.join("\n")}\n`, events: `${eventRows.join("\n")}\n`, outcomes: `${outcomeRows.join("\n")}\n` };
}

/** Uniform number in [low, high). */
export function uniformIn(random: () => number, low: number, high: number): number {
  return low + random() * (high - low);
}
