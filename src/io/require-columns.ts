import { LeadliftError } from "../errors.js";

/**
 * The export's column name for each contract column, after config mapping.
 * @throws LeadliftError "missing-columns" naming what is missing and what was found.
 */
export function requireColumns<R extends string, O extends string>(
  table: { readonly file: string; readonly columnNames: readonly string[] },
  mapping: Partial<Record<R | O, string>>,
  required: readonly R[],
  optional: readonly O[],
  hint: string,
): Record<R, string> & Record<O, string | null> {
  const resolved = {} as Record<string, string | null>;
  const missing: string[] = [];
  for (const name of required) {
    const actual = mapping[name] ?? name;
    if (!table.columnNames.includes(actual)) missing.push(actual === name ? name : `${actual} (for ${name})`);
    resolved[name] = actual;
  }
  for (const name of optional) {
    const actual = mapping[name] ?? name;
    resolved[name] = table.columnNames.includes(actual) ? actual : null;
    if (mapping[name] && resolved[name] === null) missing.push(`${actual} (for ${name})`);
  }
  if (missing.length > 0) {
    throw new LeadliftError(
      "missing-columns",
      `${table.file} is missing columns: ${missing.join(", ")}. Found: ${table.columnNames.join(", ")}. ${hint}`,
    );
  }
  return resolved as Record<R, string> & Record<O, string | null>;
}

/** How to map an export's own column names, with an example for the file at hand. */
export function mappingHint(file: "leads" | "events" | "outcomes"): string {
  const example = { leads: '"lead_id": "Prospect ID"', events: '"occurred_at": "Event Time"', outcomes: '"status": "Stage"' }[file];
  return `Map your export's names in the config's "columns" section, e.g. { "columns": { "${file}": { ${example} } } }.`;
}
