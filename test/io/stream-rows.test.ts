import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { asyncBufferFromFile, parquetMetadataAsync } from "hyparquet";
import { describe, expect, it } from "vitest";
import { LeadliftError } from "../../src/errors.js";
import { readTable, type RawTable } from "../../src/io/read-table.js";
import { collectTable, openRowStream } from "../../src/io/stream-rows.js";
import { mulberry32, writeTempFiles } from "../helpers/temp-files.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/batch");

/** A table as plain data, so two readers' results compare with toEqual. */
function snapshot(table: RawTable) {
  return {
    file: table.file,
    columnNames: table.columnNames,
    numRows: table.numRows,
    columns: Object.fromEntries(table.columnNames.map((name) => [name, [...table.column(name)]])),
    rowNumbers: Array.from({ length: table.numRows }, (_, i) => table.rowNumber(i)),
  };
}

async function streamed(path: string): Promise<RawTable> {
  return collectTable(await openRowStream(path));
}

describe("openRowStream", () => {
  it.each([
    ["comma CSV with quotes, blank cells and a blank line", "leads.csv", 'lead_id,title,company\nL1,"VP, Sales","Acme\n""Holdings"""\nL2,  ,\n\nL3,Engineer,Beta\n'],
    ["semicolon CSV with a BOM and CRLF", "leads.csv", "\uFEFFlead_id;title;size\r\nL1;VP;1,5\r\nL2;;3\r\n"],
    ["tab-separated text without a final line break", "events.tsv", "lead_id\taction\nL1\tdemo\nL2\tvisit"],
    ["ragged rows (missing and extra cells)", "events.csv", "lead_id,action,occurred_at\nL1,demo\nL2,visit,2025-01-01,extra\n"],
    ["JSON Lines with keys that appear late, nested values and blank lines", "leads.jsonl", '{"lead_id":"L1","n":3}\n\n{"lead_id":"L2","tags":["a"],"ok":true,"note":"  "}\r\n{"lead_id":"L3","late":null}\n'],
  ])("reads %s exactly as readTable does", async (_name, fileName, text) => {
    const files = writeTempFiles({ [fileName]: text });
    expect(snapshot(await streamed(files[fileName]))).toEqual(snapshot(await readTable(files[fileName])));
  });

  it("reads random CSV text exactly as readTable (arquero) does (property)", async () => {
    const random = mulberry32(11);
    const cells = ["x", "12", "", " ", "a b", '"q,uoted"', '"two\nlines"', '"say ""hi"""', "2025-01-01T00:00:00Z", "é"];
    const { dir } = writeTempFiles({});
    for (let trial = 0; trial < 60; trial++) {
      const width = 1 + Math.floor(random() * 4);
      const header = Array.from({ length: width }, (_, c) => `c${c}`).join(",");
      const lines = Array.from({ length: Math.floor(random() * 12) }, () =>
        Array.from({ length: 1 + Math.floor(random() * (width + 1)) }, () => cells[Math.floor(random() * cells.length)]).join(","),
      );
      const path = join(dir, `t${trial}.csv`);
      writeFileSync(path, `${[header, ...lines].join(random() < 0.5 ? "\n" : "\r\n")}${random() < 0.5 ? "\n" : ""}`);
      expect(snapshot(await streamed(path)), `trial ${trial}`).toEqual(snapshot(await readTable(path)));
    }
  });

  it("reads a file larger than one read chunk without losing or splitting rows", async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `L${i},"note ${i}, with comma",2025-01-01T00:00:${String(i % 60).padStart(2, "0")}Z`);
    const files = writeTempFiles({ "events.csv": `lead_id,note,occurred_at\n${rows.join("\n")}\n` });
    const stream = await openRowStream(files["events.csv"]);
    let count = 0;
    let batches = 0;
    let lastRow = 0;
    for await (const batch of stream.batches()) {
      batches += 1;
      for (let r = 0; r < batch.rows.length; r++) {
        expect(batch.rows[r][0]).toBe(`L${count}`);
        expect(batch.rowNumbers[r]).toBe(lastRow === 0 ? 2 : lastRow + 1);
        lastRow = batch.rowNumbers[r];
        count += 1;
      }
    }
    expect(count).toBe(60_000);
    expect(batches).toBeGreaterThan(1);
    expect(stream.progress()).toMatchObject({ done: stream.progress().total, unit: "bytes" });
  });

  it("reads Parquet values as the text a CSV export would hold", async () => {
    const table = await streamed(join(FIXTURES, "typed.parquet"));
    expect(snapshot(table)).toEqual({
      file: "typed.parquet",
      columnNames: ["occurred_at", "count", "big", "share", "flag", "label"],
      numRows: 3,
      columns: {
        occurred_at: ["2025-02-03T04:05:06.000Z", null, "2024-12-31T23:59:59.500Z"],
        count: ["3", null, "-7"],
        big: ["9007199254740993", "0", null],
        share: ["0.25", "1.5", null],
        flag: ["true", "false", null],
        label: ["a", null, null],
      },
      rowNumbers: [1, 2, 3],
    });
    expect(snapshot(await streamed(join(FIXTURES, "dates.parquet"))).columns).toEqual({ day: ["2025-02-03T00:00:00.000Z"] });
  });

  it("reads Parquet row groups one at a time, decoding only the columns asked for", async () => {
    const stream = await openRowStream(join(FIXTURES, "events.parquet"));
    const sizes: number[] = [];
    const seen = new Set<string>();
    for await (const batch of stream.batches({ columns: ["lead_id", "action"] })) {
      sizes.push(batch.rows.length);
      for (const row of batch.rows) row.forEach((cell, c) => cell != null && seen.add(stream.columnNames[c]));
    }
    expect(sizes).toEqual([64, 64, 64, 64, 48]);
    expect([...seen].sort()).toEqual(["action", "lead_id"]);
    expect(stream.progress()).toEqual({ done: 304, total: 304, unit: "rows" });
  });

  it.each([["gzip", "GZIP"], ["brotli", "BROTLI"]])("reads %s-compressed Parquet as the Snappy file with the same rows", async (name, codec) => {
    const path = join(FIXTURES, `events-${name}.parquet`);
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(path));
    expect(metadata.row_groups[0].columns[0].meta_data?.codec).toBe(codec);
    const compressed = snapshot(await streamed(path));
    expect({ ...compressed, file: "events.parquet" }).toEqual(snapshot(await streamed(join(FIXTURES, "events.parquet"))));
  });

  it.each([
    ["an unsupported extension", "leads.xlsx", "x", /leads\.xlsx: expected one of \.csv, \.tsv, \.txt, \.jsonl, \.ndjson, \.parquet, got "\.xlsx"\. Save the export as CSV, JSON Lines or Parquet\./],
    ["an empty CSV", "leads.csv", "", /leads\.csv is empty: expected a header row with column names\./],
    ["a JSON Lines row that is not an object", "events.jsonl", '{"a":1}\n[1,2]\n', /events\.jsonl row 2: expected a JSON object, got \[1,2\]\./],
    ["invalid JSON", "events.jsonl", '{"a":1}\n{"a":\n', /events\.jsonl row 2: expected one JSON object per line, got invalid JSON/],
    ["a file that is not Parquet", "events.parquet", "lead_id\nL1\n", /events\.parquet: cannot read it as Parquet \(.+\)\. Parquet files are read with hyparquet/],
  ])("rejects %s with a message naming the file", async (_name, fileName, text, message) => {
    const files = writeTempFiles({ [fileName]: text });
    const read = async () => collectTable(await openRowStream(files[fileName]));
    await expect(read()).rejects.toThrowError(LeadliftError);
    await expect(read()).rejects.toThrowError(message);
  });

  it("names a missing file", async () => {
    await expect(openRowStream("/nonexistent/leads.csv")).rejects.toThrowError(/Cannot read \/nonexistent\/leads\.csv: /);
  });
});
