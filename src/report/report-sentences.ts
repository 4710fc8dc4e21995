import { day, dayRange, int, num, pct, pValue } from "./format.js";
import type { ReportData } from "./report-data.js";
import type { TimeRulesSummary } from "./time-rules-summary.js";

/**
 * Sentences both renderers print the same way (wording only: every figure
 * comes from the report data).
 */

/** The velocity rule, its evidence at training, and the same comparison on this data. */
export function velocityLine(v: ReportData["velocity"]): string {
  const rule = v.rule
    ? `The model adds ${v.rule.points} velocity points while a lead gains at least ${num(v.rule.minPointsPerDay, 2)} action points a day.`
    : "The model adds no velocity points.";
  const training = v.atTraining ? ` At training: ${v.atTraining.conclusion}` : " Training had too few SDR-ready leads to compare fast and slow ones.";
  const here = v.onData
    ? ` On this data, at the threshold of ${v.onData.atThreshold}, faster leads (at least ${num(v.onData.medianPointsPerDay, 2)} action points a day) closed at ${pct(v.onData.fast.closeRate)} and slower ones at ${pct(v.onData.slow.closeRate)}${
        v.onData.liftPoints === null ? "" : `; like for like (as long to act, similar score) that is ${points(v.onData.liftPoints)} apart (p = ${pValue(v.onData.pValue)})`
      }.`
    : " On this data, too few leads with a known outcome reached the threshold to compare fast and slow ones.";
  return `${rule}${training}${here}`;
}

/**
 * Brier and ECE of the close probability on this data, with the caveat the
 * figures need when these leads overlap the training period (the map was
 * fitted on them, so an ECE near 0 proves nothing) and the held-out figures
 * from training as the fair comparison.
 */
export function reliabilityLine(data: Pick<ReportData, "reliability" | "heldOutReliability" | "data">): string {
  const rel = data.reliability;
  if (!rel) return "The model has no close probability to check, or this data has only won or only lost leads.";
  const here = `On these ${int(rel.leads)} closed leads: Brier score ${num(rel.brier, 4)}, expected calibration error ${num(rel.ece, 4)} (lower is better for both).`;
  const overlap = data.data.trainingOverlap ?? 0;
  if (overlap <= 0) return here;
  const held = data.heldOutReliability;
  const fair = held
    ? ` On the ${int(held.leads)} leads held out at training, which it was not fitted on: Brier ${num(held.brier, 4)}, ECE ${num(held.ece, 4)}.`
    : " The model carries no held-out figures to compare with.";
  return `${here} ${pct(overlap)} of these leads were created during the model's training period, where the score → probability map was fitted, so these figures flatter it.${fair}`;
}

/** What the lift column and the points of the action table mean, for the model's mode. */
export function actionsNote(basis: ReportData["pointsBasis"]): string {
  const points =
    basis.mode === "lift"
      ? "Points are that lift, rounded."
      : basis.pointsScale === "pdo"
        ? "Points come from one logistic regression over all actions and profile values (others held fixed), scaled to points that double the odds."
        : `Points come from one logistic regression over all actions and profile values (others held fixed): the change in close probability for a lead at ${pct(basis.targetRate)}, the middle of the target band.`;
  return (
    "Lift: the difference in close rate between leads that had done the action and leads of the same age that had not (yet), among leads still with marketing, " +
    `pooled over lead ages, in percentage points with its 95% interval. ${points} p-values are two-sided, Holm-adjusted across all actions.`
  );
}

/** What the profile (FIT) table means. */
export function profileNote(basis: ReportData["pointsBasis"]): string {
  return (
    "FIT: each profile value's lift is its close rate minus that of its feature's most common value (the reference, 0 points), so a two-level feature is not counted twice. " +
    (basis.mode === "lift" ? "Points are that lift, rounded." : "Points come from the same regression as the actions.") +
    " Values of columns listed as behaviour count as PAIN."
  );
}

/**
 * What a success is, as the report's sentences say it: "won within the 30-day
 * sales cycle", or, on data without close dates, won whenever it came.
 */
export function wonWithin(salesCycleDays: number | null, noCloseDates: boolean): string {
  if (noCloseDates) return "won (at any time: this data has no close dates)";
  return salesCycleDays === null ? "won within the sales cycle" : `won within the ${Math.round(salesCycleDays)}-day sales cycle`;
}

/** What happened at the model's threshold on this data (replayed, first crossing); `won` from `wonWithin`. */
export function atThresholdLine(threshold: number | null, at: NonNullable<ReportData["atThreshold"]>, won: string): string {
  return (
    `At the model's threshold of ${threshold}: ${int(at.reached)} leads reached it; ${int(at.successes)} were ${won}, ${int(at.failures)} were not, ` +
    `and ${int(at.censored)} are still open or too recent to judge (left out). That is ${num(at.perDay, 2)} leads a day, and ${pct(at.wonCaptured)} of all won deals passed through it.`
  );
}

/** The FIT/PAIN quadrants of SDR-ready leads against the 5% "no" limit, and the profile-only share. */
export function quadrantsLine(q: NonNullable<ReportData["quadrants"]>, profileOnly: ReportData["profileOnly"]): string {
  const limit = (q.noShare ?? 0) > 0.05 ? ": over 5%, so the scoring needs adjusting" : " (within the 5% limit)";
  const alone = profileOnly ? ` ${pct(profileOnly.share)} of leads here would be SDR-ready on profile alone.` : "";
  return `${int(q.yes)} yes, ${int(q.maybe)} maybe, ${int(q.no)} no: ${pct(q.noShare)} of SDR-ready leads have both low FIT and low PAIN${limit}.${alone}`;
}

/** The data section's lines: leads and outcomes, dates, replay, overlap with training, row issues. */
export function dataLines(data: Pick<ReportData, "data" | "model">): string[] {
  const d = data.data;
  const issues = Object.entries(d.issueCounts);
  return [
    `${int(d.leads)} leads: ${int(d.won)} won and ${int(d.lost)} lost (closed), ${int(d.openExcluded)} open — open leads are left out of close rates and score statistics, and censored in the replay until their sales cycle has passed.`,
    `Leads created ${dayRange(d.dateRanges.created)}; events ${dayRange(d.dateRanges.events)}; deals closed ${dayRange(d.dateRanges.closed)}.`,
    `${int(d.replayed)} leads replayed over time${d.notReplayable ? `, ${int(d.notReplayable)} not (no creation date)` : ""}.`,
    d.trainingOverlap === null
      ? "Overlap with the training period unknown (no dates)."
      : `${pct(d.trainingOverlap)} of these leads were created during the model's training period (${dayRange(data.model.trainingPeriod)}).`,
    issues.length ? `Row issues: ${issues.map(([k, n]) => `${k} ${int(n)}`).join(", ")}.` : "No row issues.",
  ];
}

/** How the current and previous models are compared on this data. */
export function previousComparisonLine(windowDays: number): string {
  return `Both models replayed on this data with the same ${Math.round(windowDays)}-day sales cycle; close rate is won within the cycle after first reaching each model's own threshold.`;
}

const points = (n: number) => `${n} ${Math.abs(n) === 1 ? "point" : "points"}`;

/** Decay, inactivity, exit, FIT cap and maturity, one sentence each. */
export function timeRulesLines(t: TimeRulesSummary): string[] {
  const lines: string[] = [];
  const fading = t.decay.filter((d) => d.halfLifeDays !== null);
  if (t.decay.length === 0) lines.push("Decay: the model has no decay evidence; action points never fade.");
  else if (fading.length === 0) lines.push(`Decay: no action's points fade — for each of the ${t.decay.length} kept actions, leads that did it recently and longer before hand-off closed alike (table above).`);
  else lines.push(`Decay: points fade for ${fading.map((d) => `${d.action} (half-life ${num(d.halfLifeDays, 0)} days, ${d.source === "config" ? "set in config" : "learned"})`).join(", ")}; the other kept actions keep full points.`);
  lines.push(t.inactivity ? `Inactivity: ${t.inactivity.conclusion.replace(/\.$/, "")} (p = ${pValue(t.inactivity.pValue)}).` : "Inactivity: the model carries no inactivity evidence and applies no penalty.");
  lines.push(
    t.exitAfterDays === null
      ? "Exit: none — behaviour points do not expire after a gap in activity."
      : `Exit: after more than ${num(t.exitAfterDays, 0)} days without any activity, behaviour points earned before the gap stop counting.`,
  );
  if (t.fitCap) lines.push(`FIT cap: ${t.fitCap.cap === null ? "none." : `FIT counts at most ${t.fitCap.cap} points.`} ${t.fitCap.note}`);
  else lines.push("FIT cap: none (the model was not calibrated by replay).");
  if (t.maturity) {
    lines.push(
      `Too recent to judge: leads created in the last ${num(t.maturity.days, 0)} days of the data (from ${day(t.maturity.matureBefore)}) have not had time to close; the ${int(t.maturity.tooRecent)} such leads here are left out of the replayed close rates.`,
    );
  }
  return lines;
}
