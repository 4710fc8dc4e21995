import { describe, expect, it } from "vitest";
import { CsvSplitter, UnterminatedQuoteError } from "../../src/io/csv-splitter.js";
import { mulberry32 } from "../helpers/temp-files.js";

/** All records of `text` fed in the given chunk sizes, then ended. */
function split(text: string, delimiter = ",", chunkSizes: readonly number[] = [text.length]): string[][] {
  const splitter = new CsvSplitter(delimiter);
  const records: string[][] = [];
  let position = 0;
  let k = 0;
  while (position < text.length) {
    const size = Math.max(1, chunkSizes[k++ % chunkSizes.length]);
    records.push(...splitter.push(text.slice(position, position + size)));
    position += size;
  }
  records.push(...splitter.end());
  return records;
}

/** The records, or where an unterminated quote opened: what must not depend on chunk boundaries. */
function outcome(text: string, sizes?: number[]): unknown {
  try {
    return split(text, ",", sizes);
  } catch (error) {
    if (error instanceof UnterminatedQuoteError) return { record: error.record, field: error.field };
    throw error;
  }
}

describe("CsvSplitter", () => {
  it.each([
    ["plain rows", "a,b\n1,2\n", [["a", "b"], ["1", "2"]]],
    ["CRLF line ends", "a,b\r\n1,2\r\n", [["a", "b"], ["1", "2"]]],
    ["no final line break", "a,b\n1,2", [["a", "b"], ["1", "2"]]],
    ["a blank line as one empty field", "a,b\n\n1,2\n", [["a", "b"], [""], ["1", "2"]]],
    ["quoted delimiters, quotes and line breaks", 'a,b\n"x, y","say ""hi""\nthere"\n', [["a", "b"], ["x, y", 'say "hi"\nthere']]],
    ["a quoted field before CRLF", 'a\r\n"q"\r\n', [["a"], ["q"]]],
    ["a quote inside an unquoted field as text", 'a,b\nab"c,d\n', [["a", "b"], ['ab"c', "d"]]],
    ["empty quoted fields", 'a,b,c\n"",,""\n', [["a", "b", "c"], ["", "", ""]]],
    ["a lone CR inside a field as text, not a row end", "a,b\nx\ry,2\n3,4\n", [["a", "b"], ["x\ry", "2"], ["3", "4"]]],
  ])("splits %s", (_name, text, expected) => {
    expect(split(text)).toEqual(expected);
  });

  it.each([
    ["at the end of the input", 'a,b\n1,2\n3,"open\nstill', 2, 1],
    ["in the middle, so the rest of the file would be one cell", 'a,b\n1,2\n"x,3\n4,5\n6,7\n', 2, 0],
  ])("refuses a quote that opens %s and never closes, naming its record and field", (_name, text, record, field) => {
    let thrown: unknown;
    try {
      split(text);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnterminatedQuoteError);
    expect(thrown).toMatchObject({ record, field });
  });

  it("splits semicolon and tab files by their delimiter only", () => {
    expect(split("a;b\n1,5;2\n", ";")).toEqual([["a", "b"], ["1,5", "2"]]);
    expect(split("a\tb\n1;x\t2\n", "\t")).toEqual([["a", "b"], ["1;x", "2"]]);
  });

  it("gives the same records whatever the chunk boundaries (property)", () => {
    const random = mulberry32(7);
    const pieces = ["x", "1", " ", ",", "\n", "\r\n", '"q,"', '"a""b"', '"line\nbreak"', "", "é", "😀"];
    for (let trial = 0; trial < 300; trial++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 40) }, () => pieces[Math.floor(random() * pieces.length)]).join("");
      const whole = outcome(text);
      for (const sizes of [[1], [2, 3], [5, 1, 7], [Math.ceil(random() * 10)]]) {
        expect(outcome(text, sizes), JSON.stringify({ text, sizes })).toEqual(whole);
      }
    }
  });

  it("refuses a delimiter that cannot separate fields, naming it", () => {
    expect(() => new CsvSplitter('"')).toThrowError(/one character other than a quote or line break\. Got "\\""/);
    expect(() => new CsvSplitter(",,")).toThrowError(/Got ",,"/);
  });
});
