import { mulberry32 } from "./temp-files.js";

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const iso = (ms: number) => new Date(ms).toISOString();

/** An action with a known effect on close probability. */
export interface KnownAction {
  readonly action: string;
  readonly category: string;
  /** Share of leads who do it (independently of everything else). */
  readonly rate: number;
  /** True lift: added close probability (additive model, so the univariate lift is exactly this). */
  readonly lift: number;
}

export interface KnownLiftOptions {
  readonly leads: number;
  readonly seed: number;
  readonly baseRate: number;
  readonly actions: readonly KnownAction[];
  /** Leads created last, left open; each did every action (so counting them as lost would bias lifts). */
  readonly openLeads?: number;
  /** Rate per day of a neutral action done until the cut-off (exposure-bias trap); 0 for none. */
  readonly neutralPerDay?: number;
  /** Days from creation to cut-off, for won and for lost leads. */
  readonly wonExposureDays?: readonly [number, number];
  readonly lostExposureDays?: readonly [number, number];
}

/**
 * A CRM export as CSV text where the true lift of each action is known
 * exactly: actions occur independently, and P(won) = base + Σ lift·did.
 * Won leads are handed off at their cut-off and then get `sales_call`
 * events (post-hand-off activity that must never earn points); lost leads
 * close at their cut-off. Independent of the project's simulator on purpose.
 */
export function knownLiftCrm(options: KnownLiftOptions) {
  const random = mulberry32(options.seed);
  const uniform = (range: readonly [number, number]) => range[0] + random() * (range[1] - range[0]);
  const leads = ["lead_id,created_at,email"];
  const events = ["lead_id,action,occurred_at,category"];
  const outcomes = ["lead_id,status,closed_at,handoff_at"];
  const wonRange = options.wonExposureDays ?? [5, 40];
  const lostRange = options.lostExposureDays ?? [5, 40];
  for (let i = 0; i < options.leads; i++) {
    const id = `K${i}`;
    const createdAt = T0 + Math.floor(random() * 300) * DAY;
    leads.push(`${id},${iso(createdAt)},p${i}@${random() < 0.5 ? "gmail.com" : "firm.com"}`);
    const did = options.actions.map((a) => random() < a.rate);
    const probability = options.baseRate + options.actions.reduce((sum, a, k) => sum + (did[k] ? a.lift : 0), 0);
    const won = random() < probability;
    const exposure = uniform(won ? wonRange : lostRange) * DAY;
    const cutoffAt = createdAt + exposure;
    options.actions.forEach((a, k) => {
      if (did[k]) events.push(`${id},${a.action},${iso(createdAt + random() * exposure * 0.99)},${a.category}`);
    });
    if (options.neutralPerDay) {
      for (let t = createdAt + sampleExponential(random, options.neutralPerDay) * DAY; t < cutoffAt; t += sampleExponential(random, options.neutralPerDay) * DAY) {
        events.push(`${id},newsletter_read,${iso(t)},content`);
      }
    }
    if (won) {
      events.push(`${id},sales_call,${iso(cutoffAt + DAY)},sales`);
      outcomes.push(`${id},won,${iso(cutoffAt + 20 * DAY)},${iso(cutoffAt)}`);
    } else {
      outcomes.push(`${id},lost,${iso(cutoffAt)},`);
    }
  }
  for (let j = 0; j < (options.openLeads ?? 0); j++) {
    const id = `OPEN${j}`;
    const createdAt = T0 + 310 * DAY;
    leads.push(`${id},${iso(createdAt)},o${j}@firm.com`);
    for (const a of options.actions) events.push(`${id},${a.action},${iso(createdAt + DAY)},${a.category}`);
    outcomes.push(`${id},open,,`);
  }
  return { leads: `${leads.join("\n")}\n`, events: `${events.join("\n")}\n`, outcomes: `${outcomes.join("\n")}\n` };
}

function sampleExponential(random: () => number, rate: number): number {
  return -Math.log(1 - random()) / rate;
}
