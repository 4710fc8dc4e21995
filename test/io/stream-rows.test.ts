import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { asyncBufferFromFile, parquetMetadataAsync } from "hyparquet";
import { describe, expect, it } from "vitest";
import { LeadliftError } from "../../src/errors.js";
import type { RawTable } from "../../src/io/read-table.js";
import { collectTable, openRowStream } from "../../src/io/stream-rows.js";
import { openTestDatabase } from "../helpers/duckdb.js";
import { mulberry32, writeTempFiles } from "../helpers/temp-files.js";

const FIXTURES = join(import.meta.dirname, "../fixtures/batch");

/** A table as plain data, so two readers' results compare with toEqual. */
function snapshot(table: RawTable) {
  return {
    file: table.file,
    columnNames: table.columnNames,
    numRows: table.numRows,
    columns: new Map(table.columnNames.map((name) => [name, [...table.column(name)]])),
    rowNumbers: Array.from({ length: table.numRows }, (_, i) => table.rowNumber(i)),
  };
}

async function streamed(path: string): Promise<RawTable> {
  return collectTable(await openRowStream(path));
}

/**
 * An independent reference: RFC 4180 read from the whole text by a plain
 * character state machine (records end at LF or CRLF; a blank line in a
 * multi-column file is skipped; a row of the wrong width is left out).
 * Cells as the reader keeps them: blank text is null.
 */
function referenceTable(file: string, text: string) {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"' && fieldStart) (quoted = true), (fieldStart = false);
    else if (char === ",") record.push(field), (field = ""), (fieldStart = true);
    else if (char === "\n") {
      record.push(field.endsWith("\r") ? field.slice(0, -1) : field);
      records.push(record), (record = []), (field = ""), (fieldStart = true);
    } else (field += char), (fieldStart = false);
  }
  if (field !== "" || record.length > 0) records.push([...record, field]);
  const [header, ...rows] = records;
  const kept = rows.map((cells, i) => ({ cells, row: i + 2 })).filter(({ cells }) => cells.length === header.length && !(header.length > 1 && cells.length === 1 && cells[0].trim() === ""));
  return {
    file,
    columnNames: header,
    numRows: kept.length,
    columns: Object.fromEntries(header.map((name, c) => [name, kept.map(({ cells }) => (cells[c].trim() === "" ? null : cells[c]))])),
    rowNumbers: kept.map(({ row }) => row),
  };
}

describe("openRowStream", () => {
  it.each([
    ["comma CSV with quotes, blank cells and a blank line", "leads.csv", 'lead_id,title,company\nL1,"VP, Sales","Acme\n""Holdings"""\nL2,  ,\n\nL3,Engineer,Beta\n', {
      columnNames: ["lead_id", "title", "company"], rowNumbers: [2, 3, 5], columns: { lead_id: ["L1", "L2", "L3"], title: ["VP, Sales", null, "Engineer"], company: ['Acme\n"Holdings"', null, "Beta"] }, problems: [{ row: 4, code: "blank-row", severity: "skipped" }],
    }],
    ["semicolon CSV with a BOM and CRLF", "leads.csv", "\uFEFFlead_id;title;size\r\nL1;VP;1,5\r\nL2;;3\r\n", {
      columnNames: ["lead_id", "title", "size"], rowNumbers: [2, 3], columns: { lead_id: ["L1", "L2"], title: ["VP", null], size: ["1,5", "3"] }, problems: [],
    }],
    ["tab-separated text without a final line break", "events.tsv", "lead_id\taction\nL1\tdemo\nL2\tvisit", {
      columnNames: ["lead_id", "action"], rowNumbers: [2, 3], columns: { lead_id: ["L1", "L2"], action: ["demo", "visit"] }, problems: [],
    }],
    ["ragged rows (missing and extra cells) as rejected rows", "events.csv", "lead_id,action,occurred_at\nL1,demo\nL2,visit,2025-01-01,extra\nL3,demo,2025-01-02\n", {
      columnNames: ["lead_id", "action", "occurred_at"], rowNumbers: [4], columns: { lead_id: ["L3"], action: ["demo"], occurred_at: ["2025-01-02"] },
      problems: [{ row: 2, code: "ragged-row", severity: "rejected" }, { row: 3, code: "ragged-row", severity: "rejected" }],
    }],
    ["a lone CR inside a field as text, keeping row numbers", "events.csv", "lead_id,note\nL1,a\rb\nL2,c\n", {
      columnNames: ["lead_id", "note"], rowNumbers: [2, 3], columns: { lead_id: ["L1", "L2"], note: ["a\rb", "c"] }, problems: [],
    }],
    ["JSON Lines with keys that appear late, nested values, blank lines and a broken line", "leads.jsonl", '{"lead_id":"L1","n":3}\n\n{"lead_id":"L2","tags":["a"],"ok":true,"note":"  "}\r\n{"lead_id":\n[1]\n{"lead_id":"L3","late":null,"__proto__":"x"}\n', {
      columnNames: ["lead_id", "n", "tags", "ok", "note", "late", "__proto__"], rowNumbers: [1, 3, 6],
      columns: { lead_id: ["L1", "L2", "L3"], n: ["3", null, null], tags: [null, '["a"]', null], ok: [null, "true", null], note: [null, null, null], late: [null, null, null], ["__proto__"]: [null, null, "x"] },
      problems: [{ row: 4, code: "malformed-json", severity: "rejected" }, { row: 5, code: "malformed-json", severity: "rejected" }],
    }],
  ])("reads %s", async (_name, fileName, text, expected) => {
    const files = writeTempFiles({ [fileName]: text });
    const table = await streamed(files[fileName]);
    const { columns, ...rest } = snapshot(table);
    expect(rest).toMatchObject({ columnNames: expected.columnNames, rowNumbers: expected.rowNumbers });
    for (const name of expected.columnNames) expect(columns.get(name), name).toEqual((expected.columns as Record<string, unknown>)[name]);
    expect(table.problems.map((p) => ({ row: p.row, code: p.code, severity: p.severity }))).toEqual(expected.problems);
    for (const problem of table.problems) expect(problem.message).toMatch(new RegExp(`^${fileName.replace(".", "\\.")} row ${problem.row}: `));
  });

  it("reads random CSV text as an independent RFC 4180 reference does (property)", async () => {
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
      const { columns, ...rest } = snapshot(await streamed(path));
      const reference = referenceTable(`t${trial}.csv`, readFileSync(path, "utf8"));
      expect({ ...rest, columns: Object.fromEntries(columns) }, `trial ${trial}`).toEqual(reference);
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
    expect({ ...snapshot(table), columns: Object.fromEntries(snapshot(table).columns) }).toEqual({
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
    expect(Object.fromEntries(snapshot(await streamed(join(FIXTURES, "dates.parquet"))).columns)).toEqual({ day: ["2025-02-03T00:00:00.000Z"] });
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

  it.each(["ZSTD", "LZ4_RAW"])("reads %s-compressed Parquet (written by DuckDB) with the same rows as the Snappy file", async (codec) => {
    const folder = writeTempFiles({}).dir;
    const path = join(folder, `events-${codec}.parquet`);
    const db = await openTestDatabase();
    try {
      await db.connection.run(`COPY (FROM read_parquet('${join(FIXTURES, "events.parquet")}')) TO '${path}' (FORMAT parquet, COMPRESSION ${codec})`);
    } finally {
      db.close();
    }
    const metadata = await parquetMetadataAsync(await asyncBufferFromFile(path));
    expect(metadata.row_groups[0].columns[0].meta_data?.codec).toBe(codec);
    const compressed = snapshot(await streamed(path));
    expect({ ...compressed, file: "events.parquet" }).toEqual(snapshot(await streamed(join(FIXTURES, "events.parquet"))));
  });

  it.each([
    ["an unsupported extension", "leads.xlsx", "x", /leads\.xlsx: expected one of \.csv, \.tsv, \.txt, \.jsonl, \.ndjson, \.parquet, got "\.xlsx"\. Save the export as CSV, JSON Lines or Parquet\./],
    ["an empty CSV", "leads.csv", "", /leads\.csv is empty: expected a header row with column names\./],
    ["an unterminated quote", "events.csv", 'lead_id,action\nL1,demo\nL2,"demo\nL3,visit\n', /events\.csv row 3, column "action": a quoted field opens here and never closes/],
    ["UTF-8 that is not", "events.csv", Buffer.from("lead_id,action\nL1,demo\nL2,caf\xe9\n", "latin1"), /events\.csv row 3 is not valid UTF-8 \(byte 0xE9 at file offset 29\).+"input": \{ "encoding": "latin1" \}/],
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

/** The table `collectTable` builds from a stream's row batches, ignoring a format's own `collect`. */
async function collectedFromBatches(path: string): Promise<RawTable> {
  const stream = await openRowStream(path);
  return collectTable({ file: stream.file, columnNames: stream.columnNames, progress: () => stream.progress(), batches: (options) => stream.batches(options) });
}

/** A Parquet file written by DuckDB from `select`, uncompressed so its text can be patched. */
async function writeParquet(select: string, rowGroupSize: number): Promise<string> {
  const path = join(writeTempFiles({}).dir, "table.parquet");
  const db = await openTestDatabase();
  try {
    await db.connection.run(`COPY (${select}) TO '${path}' (FORMAT parquet, COMPRESSION uncompressed, ROW_GROUP_SIZE ${rowGroupSize})`);
  } finally {
    db.close();
  }
  return path;
}

describe("collectTable on Parquet (by column)", () => {
  it.each(["typed.parquet", "dates.parquet", "events.parquet", "events-gzip.parquet"])("gives the table the row batches give: %s", async (name) => {
    const path = join(FIXTURES, name);
    expect(snapshot(await streamed(path))).toEqual(snapshot(await collectedFromBatches(path)));
  });

  it("gives the same table across many row groups with empty and blank cells", async () => {
    const path = await writeParquet(
      `SELECT 'L' || i AS lead_id, CASE WHEN i % 7 = 0 THEN NULL WHEN i % 11 = 0 THEN '  ' ELSE 'title ' || (i % 5) END AS title,
        TIMESTAMP '2024-01-01' + INTERVAL (i) MINUTE AS created_at, CASE WHEN i % 3 = 0 THEN NULL ELSE i * 1.5 END AS size FROM range(5000) r(i)`,
      512,
    );
    const table = await streamed(path);
    expect(table.numRows).toBe(5000);
    expect(table.column("title")[7]).toBeNull();
    expect(table.column("title")[11]).toBeNull();
    expect(table.column("created_at")[4999]).toBe("2024-01-04T11:19:00.000Z");
    expect(table.rowNumber(4999)).toBe(5000);
    expect(snapshot(table)).toEqual(snapshot(await collectedFromBatches(path)));
  });

  it.each([
    ["the earlier row, whatever its column", [[6, "c"], [9, "a"]], 'row 7, column "c"'],
    ["the first column of a row with two", [[6, "c"], [6, "b"]], 'row 7, column "b"'],
  ])("names the first cell that is not UTF-8 as the row batches meet it: %s", async (_name, cells, where) => {
    // Row groups of 4 rows: row 7 is the third of the second group.
    const marker = (row: number, column: string) => `bad${column}${row}xxxx`;
    const cell = (column: string) => `CASE WHEN false THEN NULL ${cells.map(([row, c]) => (c === column ? `WHEN i = ${row} THEN '${marker(row as number, c)}' ` : "")).join("")}ELSE 'ok' || i END AS ${column}`;
    const path = await writeParquet(`SELECT ${["a", "b", "c"].map(cell).join(", ")} FROM range(12) r(i)`, 4);
    const bytes = readFileSync(path);
    for (const [row, column] of cells) {
      const at = bytes.indexOf(Buffer.from(marker(row as number, column as string)));
      expect(at).toBeGreaterThan(0);
      bytes[at + 3] = 0xff;
    }
    writeFileSync(path, bytes);
    const message = new RegExp(`table\\.parquet ${where}: text that is not valid UTF-8 \\(bytes `);
    await expect(streamed(path)).rejects.toThrowError(message);
    await expect(collectedFromBatches(path)).rejects.toThrowError(message);
  });
});

describe("openRowStream encodings", () => {
  it.each([
    ["UTF-16LE with a byte-order mark", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("lead_id,title\nL1,Café\n", "utf16le")])],
    ["UTF-16LE without a mark (detected from its NUL bytes)", Buffer.from("lead_id,title\nL1,Café\n", "utf16le")],
    ["UTF-16BE with a byte-order mark", Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from("lead_id,title\nL1,Café\n", "utf16le").swap16()])],
    ["UTF-8 with a byte-order mark", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("lead_id,title\nL1,Café\n", "utf8")])],
  ])("reads %s as the same text", async (_name, bytes) => {
    const files = writeTempFiles({ "leads.csv": bytes });
    const table = await collectTable(await openRowStream(files["leads.csv"]));
    expect(table.columnNames).toEqual(["lead_id", "title"]);
    expect([...table.column("title")]).toEqual(["Café"]);
  });

  it("reads Latin-1 text when the config says so", async () => {
    const files = writeTempFiles({ "leads.csv": Buffer.from("lead_id,title\nL1,Café\n", "latin1") });
    const table = await collectTable(await openRowStream(files["leads.csv"], { encoding: "latin1" }));
    expect([...table.column("title")]).toEqual(["Café"]);
  });
});
