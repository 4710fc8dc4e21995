import { wonWithin } from "./report-sentences.js";
/** Where a close rate sits against the target band. */
export type BandStatus = "in-band" | "below-band" | "above-band";

/** The report's verdict: where the threshold stands, and what the team should do. */
export interface Verdict {
  /** On this data: in, below or above the band; "no-threshold" when the model has none; "not-checked" when too few leads decide it. */
  readonly status: BandStatus | "no-threshold" | "not-checked";
  /** The model's own out-of-time check (threshold chosen on earlier leads, applied to the latest). */
  readonly outOfTime: BandStatus | "not-checked";
  /** What to do, in one short imperative phrase ("keep the threshold at 11"). */
  readonly action: string;
  /** One paragraph in plain words. */
  readonly text: string;
}

/** What the verdict is built from (all figures computed elsewhere). */
export interface VerdictInput {
  readonly threshold: number | null;
  /** Why the model has no threshold (when it has none). */
  readonly noThresholdReason: string;
  readonly band: { readonly min: number; readonly max: number };
  /** Sales-cycle window of the replay, in days. */
  readonly windowDays: number | null;
  /** The data has no close dates: a win counts whenever it came (no window applied). */
  readonly noCloseDates?: boolean;
  /** The model's threshold replayed on this data. */
  readonly onData: { readonly decided: number; readonly won: number; readonly closeRate: number | null; readonly lower: number | null; readonly upper: number | null } | null;
  /** Fewest decided leads for a close rate to be judged (calibration.minDecidedLeads). */
  readonly minDecided: number;
  /** The in-band threshold most likely to stay in the band on this data (null when none lands in the band). */
  readonly bestOnData: { readonly threshold: number; readonly closeRate: number } | null;
  readonly outOfTime: {
    readonly closeRate: number | null;
    readonly threshold: number | null;
    readonly trainLeads: number;
    readonly holdoutLeads: number;
    /** Held-out leads that reached the threshold with a decided outcome, and how many of them were won. */
    readonly decided: number;
    readonly won: number;
  } | null;
  /** How `onData` was measured: by replaying scores over time, or on scores at the cut-off (no creation dates). */
  readonly method: "replay" | "static";
  /** Share of this export's leads created within the model's training period (null: unknown). */
  readonly trainingOverlap: number | null;
  readonly scorePsi: number | null;
  /** SDR-ready leads a day against the team's capacity (null: no capacity given). */
  readonly capacity: { readonly perDay: number; readonly capacityPerDay: number } | null;
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)}%`;
const count = (n: number) => n.toLocaleString("en-US");

/** Where `rate` sits against `band`. */
export function bandStatus(rate: number, band: { readonly min: number; readonly max: number }): BandStatus {
  return rate < band.min ? "below-band" : rate > band.max ? "above-band" : "in-band";
}

/**
 * The verdict paragraph: is the threshold in the target band on this data
 * and out-of-time, and what should the team do. Plain words — "won within
 * the N-day sales cycle", "likely between" for the Wilson 95% interval — with
 * the figures that back each claim, and the caveats that change the
 * reading: data the model was trained on, too few leads, a shifted score
 * distribution (PSI above 0.25), more leads than SDRs can call.
 */
export function composeVerdict(input: VerdictInput): Verdict {
  const { band, threshold } = input;
  const target = `the ${percent(band.min)}–${percent(band.max)} target`;
  const won = wonWithin(input.windowDays, input.noCloseDates ?? false);
  const outOfTime = input.outOfTime?.closeRate != null ? bandStatus(input.outOfTime.closeRate, band) : "not-checked";
  const sentences: string[] = [];

  let status: Verdict["status"];
  if (threshold === null) {
    status = "no-threshold";
    sentences.push(`The model has no SDR-ready threshold. ${input.noThresholdReason.trim()}`);
  } else {
    const d = input.onData;
    if (!d || d.closeRate === null || d.decided < input.minDecided) {
      status = "not-checked";
      sentences.push(
        input.method === "static"
          ? `Only ${count(d?.decided ?? 0)} closed leads in this data score ${threshold} points or more at their cut-off (${input.minDecided} are needed to judge a close rate), so the threshold cannot be judged on this data.`
          : `Only ${count(d?.decided ?? 0)} leads in this data reached the SDR-ready threshold of ${threshold} points with an outcome already known (${input.minDecided} are needed to judge a close rate), so the threshold cannot be judged on this data.`,
      );
    } else if (input.method === "static") {
      status = bandStatus(d.closeRate, band);
      const where = status === "in-band" ? "inside" : status === "below-band" ? "below" : "above";
      const range = d.lower !== null && d.upper !== null ? ` (likely between ${percent(d.lower)} and ${percent(d.upper)})` : "";
      sentences.push(
        `This data has no creation dates, so scores cannot be replayed over time; judged on scores at each lead's cut-off instead, ${count(d.won)} of the ${count(d.decided)} closed leads scoring ${threshold} points or more were won: ${percent(d.closeRate)}${range}, ${where} ${target}.`,
      );
    } else {
      status = bandStatus(d.closeRate, band);
      const where = status === "in-band" ? "inside" : status === "below-band" ? "below" : "above";
      const range = d.lower !== null && d.upper !== null ? ` (likely between ${percent(d.lower)} and ${percent(d.upper)})` : "";
      sentences.push(
        `On this data, ${count(d.won)} of the ${count(d.decided)} leads that reached the SDR-ready threshold of ${threshold} points were ${won}: ${percent(d.closeRate)}${range}, ${where} ${target}.`,
      );
      if (status === "in-band" && d.lower !== null && d.upper !== null && (d.lower < band.min || d.upper > band.max)) {
        sentences.push(`With ${count(d.decided)} leads that range still reaches outside the target, so one period alone does not settle it.`);
      }
    }
  }

  const oot = input.outOfTime;
  if (oot && oot.closeRate !== null) {
    const held = outOfTime === "in-band";
    const lead = held ? (status === "in-band" ? "Out of time it held as well" : "Out of time it held") : status === outOfTime ? "Out of time it missed as well" : "Out of time it missed";
    const where = held ? "" : `, ${outOfTime === "below-band" ? "below" : "above"} the target`;
    sentences.push(
      `${lead}: chosen the same way on the model's earlier ${count(oot.trainLeads)} training leads${oot.threshold !== null ? ` (at ${oot.threshold} points)` : ""}, the threshold gave ${percent(oot.closeRate)} ` +
        `(${count(oot.won)} of the ${count(oot.decided)} later leads that reached it with a known outcome, out of ${count(oot.holdoutLeads)} held out)${where}.`,
    );
  } else {
    sentences.push("The model carries no out-of-time check, so there is no test on leads it was not trained on.");
  }
  if (input.trainingOverlap !== null && input.trainingOverlap > 0) {
    sentences.push(
      input.trainingOverlap >= 0.999
        ? "This data is the model's own training period, so the figures on it flatter the model; the out-of-time figure is the fair test."
        : `${percent(input.trainingOverlap)} of the leads here were created during the model's training period, so the figures on this data partly flatter the model.`,
    );
  }

  const action = actionOf(input, status, outOfTime);
  sentences.push(`${action.charAt(0).toUpperCase()}${action.slice(1)}.`);
  return { status, outOfTime, action, text: sentences.join(" ") };
}

function actionOf(input: VerdictInput, status: Verdict["status"], outOfTime: Verdict["outOfTime"]): string {
  const { threshold, bestOnData } = input;
  const shifted = input.scorePsi !== null && input.scorePsi > 0.25;
  const shift = shifted ? `the score distribution has shifted a lot since training (stability index ${input.scorePsi!.toFixed(2)})` : "";
  const over = input.capacity && input.capacity.perDay > input.capacity.capacityPerDay
    ? `; note that it sends ${input.capacity.perDay.toFixed(1)} leads a day, more than the ${input.capacity.capacityPerDay} SDRs can take`
    : "";
  const move = (verb: string) =>
    bestOnData && bestOnData.threshold !== threshold
      ? `${verb} the threshold to ${bestOnData.threshold} points (${percent(bestOnData.closeRate)} on this data) or retrain on recent leads`
      : "retrain on recent leads";
  switch (status) {
    case "no-threshold":
      return bestOnData
        ? `retrain on recent leads: on this data a threshold of ${bestOnData.threshold} points would close at ${percent(bestOnData.closeRate)}`
        : "retrain with more history, or widen the target band";
    case "not-checked":
      return shifted ? `retrain on recent leads: ${shift}` : `keep the threshold${threshold === null ? "" : ` at ${threshold}`} and run this report again once more leads have closed`;
    case "below-band":
      return `${move("raise")}: SDRs are getting leads that close too rarely${shifted ? `, and ${shift}` : ""}${over}`;
    case "above-band":
      return `${move("lower")} if SDRs have room: good leads wait too long before sales calls them${shifted ? `, and ${shift}` : ""}${over}`;
    case "in-band":
      if (shifted) return `keep the threshold at ${threshold} for now but retrain soon: ${shift}${over}`;
      if (outOfTime !== "in-band" && outOfTime !== "not-checked") return `keep the threshold at ${threshold} and watch next month's report: it held on this data but missed the target out of time${over}`;
      return `keep the threshold at ${threshold} and run this report again on next month's leads${over}`;
  }
}
