/**
 * UCI Bank Marketing (../shared/datasets/bank_marketing) as an export
 * leadlift can read. The file has neither an id nor a date column: its rows
 * are in date order from May 2008 to November 2010 (the dataset's notes) and
 * each says its contact's month. The copy written here adds `lead_id` (the
 * row number) and `created_at`: the year from the months' sequence (a month
 * earlier than the row before starts a new year), the day spread over the
 * month by the row's position in it, so the file's order is kept — the true
 * day is not in the data, so dates are exact to the month only.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const FIRST_YEAR = 2008;
/** The documented last month: the derived years must end there, or the file is not the one described. */
const LAST_MONTH = "2010-11";

/** Writes `bank-marketing.csv` (semicolon-separated, as the source) into `dir` and returns its path. */
export function writeBankMarketingExport(source: string, dir: string): string {
  const lines = readFileSync(source, "utf8").trimEnd().split("\n");
  const header = lines[0].split(";");
  const monthColumn = header.indexOf('"month"');
  if (monthColumn < 0) throw new Error(`${source}: no "month" column; is this bank-additional-full.csv?`);
  const yearMonths = yearMonthsInOrder(lines.slice(1).map((line, i) => monthIndexOf(line.split(";")[monthColumn], source, i + 2)));
  if (yearMonths.at(-1) !== LAST_MONTH) throw new Error(`${source}: the derived dates end in ${yearMonths.at(-1)}, not ${LAST_MONTH} as the dataset's notes say.`);
  const rowsInMonth = new Map<string, number>();
  for (const ym of yearMonths) rowsInMonth.set(ym, (rowsInMonth.get(ym) ?? 0) + 1);
  const seen = new Map<string, number>();
  const out = [`"lead_id";"created_at";${lines[0]}`];
  yearMonths.forEach((ym, i) => {
    const position = seen.get(ym) ?? 0;
    seen.set(ym, position + 1);
    const [year, month] = ym.split("-").map(Number);
    const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const day = 1 + Math.floor((position / (rowsInMonth.get(ym) as number)) * days);
    out.push(`"B${i + 1}";"${ym}-${String(day).padStart(2, "0")}";${lines[i + 1]}`);
  });
  const path = join(dir, "bank-marketing.csv");
  writeFileSync(path, `${out.join("\n")}\n`);
  return path;
}

function monthIndexOf(cell: string, source: string, row: number): number {
  const index = MONTHS.indexOf(cell.replaceAll('"', ""));
  if (index < 0) throw new Error(`${source} row ${row}, column "month": expected a month such as "may", got ${JSON.stringify(cell)}.`);
  return index;
}

/** "YYYY-MM" of each row: the year starts at 2008 and advances whenever the month goes back. */
function yearMonthsInOrder(months: readonly number[]): string[] {
  let year = FIRST_YEAR;
  return months.map((month, i) => {
    if (i > 0 && month < months[i - 1]) year += 1;
    return `${year}-${String(month + 1).padStart(2, "0")}`;
  });
}
