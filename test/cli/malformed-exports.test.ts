/**
 * A corpus of malformed exports, each run through the CLI as a user would
 * run it. For every case: the exit code; no stack trace; the message names
 * the file and the row and/or column at fault; and, for runs that complete,
 * every file's rows are accounted for (used + skipped + rejected = the rows
 * the file holds, counted here independently of the reader).
 */
import { readdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { loadConfig } from "../../src/config/load-config.js";
import { loadCrm } from "../../src/io/load-crm.js";
import { simulateCrm, writeSimulatedCrm } from "../../src/simulate/index.js";
import { fixtureFiles, fixtureCrm, toCsv } from "../batch/crm-fixture.js";
import { handModel } from "../helpers/model-fixture.js";
import { writeTempFiles } from "../helpers/temp-files.js";

type Files = Record<string, string | Buffer>;

interface Case {
  readonly name: string;
  /** Files of the export, changed from the clean one. */
  readonly files: (clean: Readonly<Record<string, string>>) => Files;
  /** CLI arguments; FILE:name stands for the path of a file of the case. */
  readonly args: readonly string[];
  readonly exit: 0 | 1 | 2;
  /** What stderr must say (file, row and/or column named). */
  readonly message?: RegExp;
  /** Extra checks on the case's folder after the run. */
  readonly after?: (dir: string, output: { out: string; err: string }) => void;
}

const TRAIN = ["train", "--leads", "FILE:leads.csv", "--events", "FILE:events.csv", "--outcomes", "FILE:outcomes.csv", "--out", "FILE:model.json"];
const SCORE = ["score", "--model", "FILE:model.json", "--leads", "FILE:leads.csv", "--events", "FILE:events.csv", "--out", "FILE:scores.csv", "--at", "2025-07-01T00:00:00Z"];

/** Replaces the cells of `column` in a CSV text by `edit(cell, rowIndex)` (rowIndex 0 = first data row); the texts here have no quotes. */
function editColumn(text: string, column: string, edit: (cell: string, row: number) => string): string {
  const lines = text.split("\n");
  const index = lines[0].split(",").indexOf(column);
  if (index < 0) throw new Error(`no column ${column}`);
  return lines.map((line, i) => {
    if (i === 0 || line === "") return line;
    const cells = line.split(",");
    cells[index] = edit(cells[index], i - 1);
    return cells.join(",");
  }).join("\n");
}

/** Replaces line `lineNumber` (1 = header) by `edit(line)`. */
function editLine(text: string, lineNumber: number, edit: (line: string) => string): string {
  const lines = text.split("\n");
  lines[lineNumber - 1] = edit(lines[lineNumber - 1]);
  return lines.join("\n");
}

const mmddyyyy = (iso: string) => (iso ? `${iso.slice(5, 7)}/${iso.slice(8, 10)}/${iso.slice(0, 4)}${iso.length > 10 ? ` ${iso.slice(11, 16)}` : ""}` : iso);
const ddmmyyyy = (iso: string) => (iso ? `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}${iso.length > 10 ? ` ${iso.slice(11, 16)}` : ""}` : iso);
const config = (value: unknown) => JSON.stringify(value);
const jsonLines = (csv: string) => {
  const [header, ...lines] = csv.trimEnd().split("\n");
  const names = header.split(",");
  return lines.map((line) => JSON.stringify(Object.fromEntries(line.split(",").map((cell, c) => [names[c], cell === "" ? null : cell])))).join("\n") + "\n";
};

const CASES: Case[] = [
  // The one reader: quotes, line ends, cell counts.
  { name: "a stray quote in events.csv row 101 (the reported repro)", files: (c) => ({ "events.csv": editLine(c["events.csv"], 101, (l) => l.replace(",", ',"')) }), args: TRAIN, exit: 1, message: /^leadlift: events\.csv row 101, column "action": a quoted field opens here and never closes/ },
  { name: "a stray quote in leads.csv", files: (c) => ({ "leads.csv": editLine(c["leads.csv"], 7, (l) => l.replace(",", ',"')) }), args: TRAIN, exit: 1, message: /^leadlift: leads\.csv row 7, column "created_at": a quoted field opens here and never closes/ },
  { name: "a stray quote on the last events row, when scoring", files: (c) => ({ "events.csv": c["events.csv"].trimEnd().replace(/,([^,\n]*)$/, ',"$1') + "\n" }), args: SCORE, exit: 1, message: /^leadlift: events\.csv row \d+, column "category": a quoted field opens here and never closes/ },
  { name: "a lone CR inside an events cell, then a bad date: row numbers stay right (train)", files: (c) => ({ "events.csv": editLine(editLine(c["events.csv"], 50, (l) => l.replace(",", "\r,")), 60, (l) => l.replace(/,20\d\d-[^,]*/, ",soon")) }), args: TRAIN, exit: 0, message: /events\.csv row 60, column "occurred_at": expected an ISO date, got "soon"/ },
  { name: "a lone CR inside an events cell, then a bad date: the same row numbers when scoring", files: (c) => ({ "events.csv": editLine(editLine(c["events.csv"], 50, (l) => l.replace(",", "\r,")), 60, (l) => l.replace(/,20\d\d-[^,]*/, ",soon")) }), args: [...SCORE, "--issues", "FILE:issues.csv"], exit: 0, after: (dir) => expect(readFileSync(join(dir, "issues.csv"), "utf8")).toMatch(/events\.csv row 60, column ""occurred_at"": expected an ISO date, got ""soon""/) },
  { name: "an events row with an extra cell", files: (c) => ({ "events.csv": editLine(c["events.csv"], 30, (l) => `${l},surplus`) }), args: TRAIN, exit: 0, message: /events\.csv row 30: expected 4 cells as in the header, got 5 \(1 extra: "surplus"\)/ },
  { name: "a leads row with a missing cell", files: (c) => ({ "leads.csv": editLine(c["leads.csv"], 12, (l) => l.slice(0, l.lastIndexOf(","))) }), args: TRAIN, exit: 0, message: /leads\.csv row 12: expected 8 cells as in the header, got 7 \(1 missing\)/ },
  { name: "a blank line inside events.csv", files: (c) => ({ "events.csv": editLine(c["events.csv"], 40, (l) => `\n${l}`) }), args: TRAIN, exit: 0, message: /events\.csv row 40: blank line\./ },
  { name: "rows split with a semicolon under a comma header", files: (c) => ({ "events.csv": editColumn(c["events.csv"], "lead_id", (cell) => cell).split("\n").map((l, i) => (i === 0 ? l : l.replaceAll(",", ";"))).join("\n") }), args: TRAIN, exit: 1, message: /^leadlift: events\.csv: \d+ of \d+ rows could not be read\. First: events\.csv row 2: expected 4 cells as in the header, got 1 .*Check the delimiter/ },
  { name: "an empty events file", files: () => ({ "events.csv": "" }), args: TRAIN, exit: 1, message: /^leadlift: events\.csv is empty: expected a header row with column names\./ },
  // JSON Lines through the same reader.
  { name: "one broken JSON Lines line in events (train)", files: (c) => ({ "events.jsonl": editLine(jsonLines(c["events.csv"]), 7, (l) => l.slice(0, 20)) }), args: TRAIN.map((a) => (a === "FILE:events.csv" ? "FILE:events.jsonl" : a)), exit: 0, message: /events\.jsonl row 7: expected one JSON object per line, got invalid JSON/ },
  { name: "one broken JSON Lines line in events (score)", files: (c) => ({ "events.jsonl": editLine(jsonLines(c["events.csv"]), 9, () => "{oops") }), args: SCORE.map((a) => (a === "FILE:events.csv" ? "FILE:events.jsonl" : a)), exit: 0, message: /events\.jsonl row 9: expected one JSON object per line, got invalid JSON/ },
  { name: "a JSON Lines line that is an array", files: (c) => ({ "events.jsonl": editLine(jsonLines(c["events.csv"]), 3, () => "[1,2]") }), args: TRAIN.map((a) => (a === "FILE:events.csv" ? "FILE:events.jsonl" : a)), exit: 0, message: /events\.jsonl row 3: expected a JSON object, got \[1,2\]/ },
  { name: "a CSV export saved as .jsonl", files: (c) => ({ "events.jsonl": c["events.csv"] }), args: TRAIN.map((a) => (a === "FILE:events.csv" ? "FILE:events.jsonl" : a)), exit: 1, message: /^leadlift: events\.jsonl: \d+ of \d+ rows could not be read\. First: events\.jsonl row 1: .*Is it really JSON Lines/ },
  // Encodings.
  { name: "a UTF-16 leads file (detected)", files: (c) => ({ "leads.csv": Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(c["leads.csv"], "utf16le")]) }), args: TRAIN, exit: 0 },
  { name: "a Latin-1 leads file", files: (c) => ({ "leads.csv": Buffer.from(editLine(c["leads.csv"], 5, (l) => l.replace(/,GB|,US|,DE|,FR|,CA|,[A-Z]{2}/, ",Österreich")), "latin1") }), args: TRAIN, exit: 1, message: /^leadlift: leads\.csv row 5 is not valid UTF-8 \(byte 0xD6 at file offset \d+\).*"input": \{ "encoding": "latin1" \}/ },
  { name: "a Latin-1 leads file with input.encoding latin1", files: (c) => ({ "leads.csv": Buffer.from(editLine(c["leads.csv"], 5, (l) => l.replace(/,[A-Z]{2},/, ",Österreich,")), "latin1"), "config.json": config({ input: { encoding: "latin1" } }) }), args: [...TRAIN, "--config", "FILE:config.json"], exit: 0 },
  // Dates.
  { name: "created_at in MM/DD/YYYY everywhere", files: (c) => ({ "leads.csv": editColumn(c["leads.csv"], "created_at", mmddyyyy) }), args: [...TRAIN, "--issues", "FILE:issues.csv"], exit: 1, message: /^leadlift: leads\.csv column "created_at": 1200 of 1200 rows could not be read \(first at row 2: "01\/01\/2024 18:00"\); expected an ISO date\. Set "input": \{ "dateFormat": "MM\/DD\/YYYY" \} in the config\./, after: (dir) => expect(readFileSync(join(dir, "issues.csv"), "utf8").trimEnd().split("\n")).toHaveLength(1201) },
  { name: "created_at in MM/DD/YYYY with input.dateFormat set", files: (c) => ({ "leads.csv": editColumn(c["leads.csv"], "created_at", mmddyyyy), "config.json": config({ input: { dateFormat: "MM/DD/YYYY" } }) }), args: [...TRAIN, "--config", "FILE:config.json"], exit: 0 },
  { name: "occurred_at unreadable in every row", files: (c) => ({ "events.csv": editColumn(c["events.csv"], "occurred_at", () => "last week") }), args: TRAIN, exit: 1, message: /^leadlift: events\.csv column "occurred_at": \d+ of \d+ rows could not be read \(first at row 2: "last week"\); expected an ISO date\. Export ISO 8601 dates/ },
  { name: "occurred_at in DD.MM.YYYY HH:MM everywhere", files: (c) => ({ "events.csv": editColumn(c["events.csv"], "occurred_at", ddmmyyyy) }), args: SCORE, exit: 1, message: /^leadlift: events\.csv column "occurred_at": \d+ of \d+ rows could not be read \(first at row 2: "\d\d\.\d\d\.\d{4} \d\d:\d\d"\); expected an ISO date\. Set "input": \{ "dateFormat": "DD\/MM\/YYYY" \}/ },
  { name: "occurred_at in DD.MM.YYYY with input.dateFormat set (score)", files: (c) => ({ "events.csv": editColumn(c["events.csv"], "occurred_at", ddmmyyyy), "config.json": config({ input: { dateFormat: "DD/MM/YYYY" } }) }), args: [...SCORE, "--config", "FILE:config.json"], exit: 0 },
  { name: "one impossible created_at", files: (c) => ({ "leads.csv": editColumn(c["leads.csv"], "created_at", (cell, row) => (row === 40 ? "31/02/2024" : cell)) }), args: TRAIN, exit: 0, message: /leads\.csv row 42, column "created_at": expected an ISO date, got "31\/02\/2024"/ },
  { name: "won rows without closed_at", files: (c) => ({ "outcomes.csv": c["outcomes.csv"].split("\n").map((l) => (l.includes(",won,") ? l.replace(/,won,[^,]*,/, ",won,,") : l)).join("\n") }), args: TRAIN, exit: 1, message: /^leadlift: outcomes\.csv column "closed_at": empty in \d+ of \d+ won rows \(first at row \d+\); expected the close date of each won lead/ },
  { name: "closed_at unreadable in every decided row", files: (c) => ({ "outcomes.csv": editColumn(c["outcomes.csv"], "closed_at", (cell) => (cell ? "Q3" : cell)) }), args: TRAIN, exit: 1, message: /^leadlift: outcomes\.csv column "closed_at": \d+ of \d+ rows could not be read \(first at row 2: "Q3"\)/ },
  { name: "status values the config does not map", files: (c) => ({ "outcomes.csv": editColumn(c["outcomes.csv"], "status", (cell) => (cell === "won" ? "Closed Won" : cell === "lost" ? "Closed Lost" : "In Progress")) }), args: TRAIN, exit: 1, message: /^leadlift: outcomes\.csv column "status": 1200 of 1200 rows could not be read \(first at row 2: "Closed Lost"\).*"outcomes": \{ "values"/ },
  { name: "handoff_at unreadable wherever it is filled", files: (c) => ({ "outcomes.csv": editColumn(c["outcomes.csv"], "handoff_at", (cell) => (cell ? "n/a yet" : cell)) }), args: TRAIN, exit: 1, message: /^leadlift: outcomes\.csv column "handoff_at": \d+ of \d+ rows could not be read \(first at row \d+: "n\/a yet"\)/ },
  { name: "as_of unreadable wherever it is filled (score)", files: (c) => ({ "leads.csv": editColumn(c["leads.csv"], "account_id", () => "").replace("account_id", "as_of").replace(/\n(L\d+,[^,]*,)(,)/g, "\n$1tomorrow$2") }), args: SCORE, exit: 1, message: /^leadlift: leads\.csv column "as_of": 1200 of 1200 rows could not be read \(first at row 2: "tomorrow"\)/ },
  // Numbers.
  { name: "a numeric profile column with decimal commas", files: (c) => ({ "leads.csv": editColumn(c["leads.csv"], "company_size", (cell, row) => `"${cell}${row % 2 ? ",5" : ".250,75"}"`) }), args: TRAIN, exit: 1, message: /^leadlift: leads\.csv column "company_size": \d+ of 1200 numbers are written with a decimal comma \(first at row 2: "\d+\.250,75"\), which would be misread\. Set "input": \{ "decimal": "," \} in the config\./ },
  { name: "decimal commas with input.decimal set", files: (c) => ({ "leads.csv": editColumn(c["leads.csv"], "company_size", (cell, row) => `"${cell}${row % 2 ? ",5" : ".250,75"}"`), "config.json": config({ input: { decimal: "," } }) }), args: [...TRAIN, "--config", "FILE:config.json"], exit: 0 },
  // No column or key name is special.
  { name: "a __proto__ column in leads.csv", files: (c) => ({ "leads.csv": c["leads.csv"].split("\n").map((l, i) => (l === "" ? l : `${l},${i === 0 ? "__proto__" : ["a", "b"][i % 2]}`)).join("\n") }), args: TRAIN, exit: 0 },
  { name: "a constructor column in leads.csv", files: (c) => ({ "leads.csv": c["leads.csv"].split("\n").map((l, i) => (l === "" ? l : `${l},${i === 0 ? "constructor" : ["x", "y", ""][i % 3]}`)).join("\n") }), args: TRAIN, exit: 0 },
  { name: "a __proto__ key in JSON Lines leads (score)", files: (c) => ({ "leads.jsonl": jsonLines(c["leads.csv"]).replaceAll('{"lead_id"', '{"__proto__":"x","lead_id"') }), args: SCORE.map((a) => (a === "FILE:leads.csv" ? "FILE:leads.jsonl" : a)), exit: 0 },
  // Outputs.
  { name: "train --out the leads file", files: () => ({}), args: TRAIN.map((a) => (a === "FILE:model.json" ? "FILE:leads.csv" : a)), exit: 2, message: /^leadlift: --out .*leads\.csv is the file given to --leads; writing it would destroy the input\./, after: (dir) => expect(readFileSync(join(dir, "leads.csv"), "utf8")).toMatch(/^lead_id,created_at/) },
  { name: "score --out the events file", files: () => ({}), args: SCORE.map((a) => (a === "FILE:scores.csv" ? "FILE:events.csv" : a)), exit: 2, message: /^leadlift: --out .*events\.csv is the file given to --events/, after: (dir) => expect(readFileSync(join(dir, "events.csv"), "utf8")).toMatch(/^lead_id,action/) },
  { name: "score --issues the leads file", files: () => ({}), args: [...SCORE, "--issues", "FILE:leads.csv"], exit: 2, message: /^leadlift: --issues .*leads\.csv is the file given to --leads/, after: (dir) => expect(readFileSync(join(dir, "leads.csv"), "utf8").split("\n")).toHaveLength(1202) },
  { name: "train --out a symbolic link to the leads file", files: () => ({}), args: TRAIN.map((a) => (a === "FILE:model.json" ? "FILE:link.json" : a)), exit: 2, message: /^leadlift: --out .*link\.json is the file given to --leads/ },
  { name: "train --out a directory", files: () => ({}), args: TRAIN.map((a) => (a === "FILE:model.json" ? "FILE:" : a)), exit: 2, message: /^leadlift: --out .*: cannot write there \(it is a directory\)\./, after: (dir) => expect(readdirSync(dir).filter((f) => f.includes(".tmp-"))).toEqual([]) },
  { name: "train --out a path under a file", files: () => ({}), args: TRAIN.map((a) => (a === "FILE:model.json" ? "FILE:outcomes.csv/model.json" : a)), exit: 2, message: /^leadlift: --out .*outcomes\.csv\/model\.json: cannot write there/ },
  { name: "score --out r.pdf", files: () => ({}), args: SCORE.map((a) => (a === "FILE:scores.csv" ? "r.pdf" : a)), exit: 2, message: /^leadlift: r\.pdf: expected a \.csv or \.jsonl output file, got "\.pdf"\./ },
  { name: "score --at notadate", files: () => ({}), args: [...SCORE, "--at", "notadate"], exit: 2, message: /^leadlift: Option "--at" must be an ISO 8601 date/ },
  // Models.
  { name: "a truncated model (serve)", files: () => ({ "model.json": JSON.stringify(handModel()).slice(0, 300) }), args: ["serve", "--model", "FILE:model.json", "--port", "0"], exit: 1, message: /^leadlift: .*model\.json is not valid JSON: / },
  { name: "a model with a threshold below every reachable score", files: () => ({ "model.json": JSON.stringify({ ...handModel(), threshold: { ...handModel().threshold, score: -50 } }) }), args: SCORE, exit: 1, message: /^leadlift: .*model\.json is not a valid leadlift model:\n\s+threshold\.score: expected a score this model can reach, between -17 and 54, got -50/ },
  { name: "a model with a __proto__ half-life key", files: () => ({ "model.json": JSON.stringify(handModel()).replace('"decay":null', '"decay":{"halfLifeDays":{"__proto__":10},"exitAfterDays":null,"inactivity":null,"inactivityEvidence":null,"evidence":[]}') }), args: SCORE, exit: 1, message: /decay\.halfLifeDays\.__proto__: expected the name of a kept action, got "__proto__"/ },
  { name: "a model with points of 1e308", files: () => ({ "model.json": JSON.stringify(handModel()).replace('"points":20', '"points":1e308') }), args: SCORE, exit: 1, message: /actions\.0\.points: Too big: expected number to be <=1000000/ },
  { name: "a model saved with a byte-order mark", files: () => ({ "model.json": `\uFEFF${JSON.stringify(handModel())}` }), args: SCORE, exit: 0 },
  // What score says about the leads.
  { name: "leads without the model's title column", files: (c) => ({ "leads.csv": c["leads.csv"].replace(",title,", ",job,") }), args: SCORE, exit: 0, message: /Warning: leads\.csv has no column "title", which the model's FIT feature "seniority" reads: 100% of leads score it as "\(missing\)"/ },
  { name: "rejected lead rows keep their lead id in the output", files: (c) => ({ "leads.csv": editColumn(c["leads.csv"], "created_at", (cell, row) => (row === 3 ? "someday" : cell)) }), args: SCORE, exit: 0, message: /leads\.csv row 5, column "created_at"/, after: (dir) => expect(readFileSync(join(dir, "scores.csv"), "utf8")).toMatch(/\nL000004,,,,,,,,,,"?leads\.csv row 5, column ""created_at"": expected an ISO date, got ""someday""/) },
  { name: "train --issues with more than 200 issues of one kind writes them all", files: (c) => ({ "events.csv": c["events.csv"] + Array.from({ length: 300 }, (_, i) => `GHOST${i},demo_request,2024-03-01T00:00:00Z,marketing`).join("\n") + "\n" }), args: [...TRAIN, "--issues", "FILE:issues.csv"], exit: 0, after: (dir) => expect(readFileSync(join(dir, "issues.csv"), "utf8").match(/,unknown-lead,/g)).toHaveLength(300) },
];

describe("malformed exports (CLI corpus)", () => {
  let clean: Record<string, string>;
  const output = { out: [] as string[], err: [] as string[] };

  beforeAll(async () => {
    const { dir } = writeTempFiles({});
    await writeSimulatedCrm(simulateCrm({ leads: 1200, seed: 3 }), dir);
    clean = Object.fromEntries(["leads.csv", "events.csv", "outcomes.csv"].map((name) => [name, readFileSync(join(dir, name), "utf8")]));
    clean["model.json"] = JSON.stringify(handModel());
  });
  afterEach(() => vi.restoreAllMocks());

  it("holds at least 40 cases", () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  it.each(CASES.map((c) => [c.name, c] as const))("%s", async (_name, testCase) => {
    const files: Files = { ...clean, ...testCase.files(clean) };
    const written = writeTempFiles(files as Record<string, string | Uint8Array>);
    if (testCase.name.includes("symbolic link")) symlinkSync(written["leads.csv"], join(written.dir, "link.json"));
    const args = testCase.args.map((a) => (a.startsWith("FILE:") ? join(written.dir, a.slice(5)) : a));
    output.out = [];
    output.err = [];
    vi.spyOn(console, "log").mockImplementation((...parts) => void output.out.push(parts.join(" ")));
    vi.spyOn(console, "error").mockImplementation((...parts) => void output.err.push(parts.join(" ")));
    const code = await runCli(args);
    const out = output.out.join("\n");
    const err = output.err.join("\n");
    expect(code, err).toBe(testCase.exit);
    expect(`${out}\n${err}`).not.toMatch(/^\s+at .+\(.*:\d+:\d+\)$|^\s+at .+:\d+:\d+$|TypeError|ReferenceError/m);
    if (testCase.message) expect(err).toMatch(testCase.message);
    if (testCase.exit !== 0) expect(err.split("\n")[0]).toMatch(/^leadlift: \S/);
    if (testCase.exit === 0) {
      const summaries = [...out.matchAll(/^\s+(\S+): (\d+) rows — (\d+) used, (\d+) skipped, (\d+) rejected$/gm)];
      expect(summaries.length, out).toBeGreaterThan(0);
      for (const [, file, rows, used, skipped, rejected] of summaries) {
        expect(Number(used) + Number(skipped) + Number(rejected), file).toBe(Number(rows));
        expect(Number(rows), file).toBe(rowsIn(files[file]));
      }
    }
    testCase.after?.(written.dir, { out, err });
  });
});

/** Data rows of a file, counted without the reader: CSV records after the header (line ends outside quotes; no case quotes a line break), JSON Lines non-blank lines. */
function rowsIn(content: string | Buffer | undefined): number {
  if (content === undefined) throw new Error("no such file in the case");
  const text = typeof content === "string" ? content : content[0] === 0xff ? content.subarray(2).toString("utf16le") : content.toString("latin1");
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const isJsonLines = text.trimStart().startsWith("{");
  return isJsonLines ? lines.filter((l) => l.trim() !== "").length : lines.length - 1;
}

describe("training reads Parquet through the same reader as score", () => {
  it("loads leads and events from Parquet with the same accounting as their CSV copies", async () => {
    const files = fixtureFiles();
    const ids = fixtureCrm().leads.map((lead) => lead.lead_id).filter((id, i, all) => id && all.indexOf(id) === i);
    const outcomes = writeTempFiles({ "outcomes.csv": toCsv(ids.map((id) => ({ lead_id: id, status: "open", closed_at: null }))) })["outcomes.csv"];
    const config = await loadConfig();
    const fromParquet = await loadCrm({ leads: files.parquet.leads, events: files.parquet.events, outcomes }, config);
    const fromCsv = await loadCrm({ leads: files.csv.leads, events: files.csv.events, outcomes }, config);
    expect(fromParquet.leads.map((l) => l.leadId)).toEqual(fromCsv.leads.map((l) => l.leadId));
    expect(fromParquet.events).toEqual(fromCsv.events);
    expect(fromParquet.files.map(({ used, skipped, rejected }) => ({ used, skipped, rejected }))).toEqual(fromCsv.files.map(({ used, skipped, rejected }) => ({ used, skipped, rejected })));
  });
});

