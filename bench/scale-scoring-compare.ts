/**
 * The lead-by-lead comparison of the scoring section of `npm run bench:scale`
 * (bench/scale-scoring.ts): reads scores CSVs — `leadlift score`'s
 * (`lead_id,account_id,score,fit,pain,probability,sdr_ready,…`) or a query's
 * (`lead_id,score,fit,pain,probability,sdr_ready`) — and counts the leads
 * whose fields differ or that one side lacks. Numbers are compared with
 * `Object.is` after parsing the text (each engine writes the shortest text
 * that reads back to its double, so this is bit for bit); sdr_ready as text.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

/** One lead's score, probability, fit, pain (numbers; null when empty) and sdr_ready as written. */
export type ScoreFields = readonly [score: number | null, fit: number | null, pain: number | null, probability: number | null, sdrReady: string];

const FIELD_NAMES = ["score", "fit", "pain", "probability", "sdr_ready"] as const;
const CLI_HEADER = "lead_id,account_id,score,fit,pain,probability,sdr_ready";
const QUERY_HEADER = "lead_id,score,fit,pain,probability,sdr_ready";

const numberOrNull = (text: string) => (text === "" ? null : Number(text));

/** The lines of a scores CSV after its header, each split into lead id and fields; the header says which layout it is. */
async function* scoreLines(path: string): AsyncGenerator<[string, ScoreFields]> {
  let layout: "cli" | "query" | null = null;
  for await (const line of createInterface({ input: createReadStream(path, "utf8"), crlfDelay: Infinity })) {
    if (layout === null) {
      // leadlift score's first seven columns hold no quotes or commas (its reasons column may, and is not read).
      if (line.startsWith(`${CLI_HEADER},`)) layout = "cli";
      else if (line === QUERY_HEADER) layout = "query";
      else throw new Error(`${path}: expected the header ${JSON.stringify(QUERY_HEADER)} or leadlift score's, got ${JSON.stringify(line.slice(0, 120))}.`);
      continue;
    }
    const cells = layout === "cli" ? line.split(",", 7).filter((_, i) => i !== 1) : line.split(",");
    yield [cells[0], [numberOrNull(cells[1]), numberOrNull(cells[2]), numberOrNull(cells[3]), numberOrNull(cells[4]), cells[5]]];
  }
}

/** A scores CSV as lead id → fields, refusing a lead id written twice. */
export async function readScores(path: string, label: string): Promise<Map<string, ScoreFields>> {
  const scores = new Map<string, ScoreFields>();
  for await (const [leadId, fields] of scoreLines(path)) {
    if (scores.has(leadId)) throw new Error(`${label} (${path}) scores lead ${JSON.stringify(leadId)} twice.`);
    scores.set(leadId, fields);
  }
  return scores;
}

/** Options for `compareScores`. */
export interface CompareOptions {
  /** Round the compared file's probability to 4 decimals first, as `leadlift score` writes it (`Math.round(p * 10000) / 10000`). Default false. */
  readonly roundProbability?: boolean;
}

/** What `compareScores` found. */
export interface Comparison {
  /** Lead rows read from the compared file. */
  readonly compared: number;
  /** Leads with any field different, written twice, or missing on either side. */
  readonly mismatches: number;
  /** The first few mismatches, in words. */
  readonly examples: string[];
}

/** Compares the scores CSV at `path` with `reference`, lead by lead. */
export async function compareScores(reference: ReadonlyMap<string, ScoreFields>, path: string, options: CompareOptions = {}): Promise<Comparison> {
  const seen = new Set<string>();
  let compared = 0;
  let mismatches = 0;
  const examples: string[] = [];
  const note = (text: string) => {
    mismatches += 1;
    if (examples.length < 5) examples.push(text);
  };
  for await (const [leadId, fields] of scoreLines(path)) {
    compared += 1;
    const want = reference.get(leadId);
    if (seen.has(leadId)) {
      note(`${leadId}: written twice`);
      continue;
    }
    seen.add(leadId);
    if (!want) {
      note(`${leadId}: not in the reference`);
      continue;
    }
    const probability = fields[3];
    const got: ScoreFields = options.roundProbability && probability !== null ? [fields[0], fields[1], fields[2], Math.round(probability * 10000) / 10000, fields[4]] : fields;
    const differing = FIELD_NAMES.flatMap((name, i) => (Object.is(want[i], got[i]) ? [] : [`${name} ${want[i]} vs ${got[i]}`]));
    if (differing.length > 0) note(`${leadId}: ${differing.join(", ")} (reference vs compared)`);
  }
  for (const leadId of reference.keys()) if (!seen.has(leadId)) note(`${leadId}: in the reference, missing`);
  return { compared, mismatches, examples };
}
