import { trainingQueries, TRAINING_TABLE_NAMES, type TrainingQuery } from "../engine/training-queries.js";
import { sqlDialect } from "../sql/dialects/index.js";
import { resolveConfig, type ConfigInput } from "./config-input.js";

/** Options for `trainingSqlFiles`. */
export interface TrainingSqlOptions {
  /** SQL dialect: "duckdb" (default), "postgres", "bigquery", "snowflake" or "spark". */
  readonly dialect?: string;
  /** The training config; only `training.landmarkStepDays` changes the statements. Default: all defaults. */
  readonly config?: ConfigInput;
  /** Prefix of every table read or created (a schema may lead: "crm.ll_"). Default "ll_". */
  readonly tablePrefix?: string;
}

/** A file of `leadlift train-sql`: its name inside the output folder and its text. */
export interface TrainingSqlFile {
  readonly name: string;
  readonly text: string;
}

const STAGE_NOTES = {
  export: "needs only the tables made from the export",
  design: "also needs the design tables you upload (design_actions, lead_profile, bands)",
  fit: "also needs the fit's residuals and pattern_columns",
} as const;

/**
 * What `leadlift train-sql` writes: one `.sql` file per training statistics
 * statement (`trainingQueries`), numbered in the order to run them, each
 * headed by what it returns and whether its result is to be exported or
 * kept as a table, then `README.md`, the manifest: the order, the input
 * tables to create from the export and their columns, and the results to
 * export. docs/training-sql.md explains each statistic.
 * @throws LeadliftError "bad-option" for an unknown dialect or a bad prefix; the config's errors.
 * @example trainingSqlFiles({ dialect: "postgres" })[0].name // "01-action_order.sql"
 */
export function trainingSqlFiles(options: TrainingSqlOptions = {}): TrainingSqlFile[] {
  const dialect = sqlDialect(options.dialect ?? "duckdb");
  const stepDays = resolveConfig(options.config).training.landmarkStepDays;
  const prefix = options.tablePrefix ?? "ll_";
  const queries = trainingQueries({ dialect: dialect.name, landmarkStepDays: stepDays, tablePrefix: prefix });
  const files = queries.map((q, k) => ({ name: fileName(q, k), text: `${sqlFileHeader(q, k, queries.length, dialect.title, stepDays).join("\n")}\n${q.sql}\n` }));
  const manifest = manifestText(queries.map((q, k) => [fileName(q, k), q] as const), dialect.title, stepDays, prefix);
  return [...files, { name: "README.md", text: manifest }];
}

/** The names of the files `trainingSqlFiles` returns, whatever its options: the numbered `.sql` files in order, then README.md. */
export function trainingSqlFileNames(): string[] {
  return [...trainingQueries().map((q, k) => fileName(q, k)), "README.md"];
}

/**
 * Whether a file met in a `train-sql` output folder is one it wrote before,
 * by name and first line (by name alone when `firstLine` is null): re-running
 * into that folder may replace it, but not a README.md or .sql file of the user's.
 */
export function isTrainingSqlFile(name: string, firstLine: string | null): boolean {
  if (!trainingSqlFileNames().includes(name)) return false;
  return firstLine === null || firstLine.startsWith(name === "README.md" ? "# leadlift training statistics for " : "-- leadlift training statistics (");
}

function fileName(q: TrainingQuery, k: number): string {
  return `${String(k + 1).padStart(2, "0")}-${q.name}.sql`;
}

function sqlFileHeader(q: TrainingQuery, k: number, count: number, title: string, stepDays: number): string[] {
  return [
    `-- leadlift training statistics (${title}), statement ${k + 1} of ${count}: ${q.name}`,
    `-- ${q.purpose}`,
    `-- Stage "${q.stage}": ${STAGE_NOTES[q.stage]}. Landmarks every ${stepDays} day(s).`,
    q.creates === null ? "-- Export its result." : `-- Creates ${q.creates} (kept in the warehouse for the statements after it; run it in a schema without that table).`,
  ];
}

function manifestText(files: ReadonlyArray<readonly [string, TrainingQuery]>, title: string, stepDays: number, prefix: string): string {
  const table = (role: keyof typeof TRAINING_TABLE_NAMES) => `\`${prefix}${TRAINING_TABLE_NAMES[role]}\``;
  return [
    `# leadlift training statistics for ${title}`,
    "",
    `Written by \`leadlift train-sql\`: the statements that count what training needs, for landmarks every ${stepDays} day(s). See docs/training-sql.md in leadlift for what each statistic feeds.`,
    "",
    "## Tables to create first (from the export)",
    "",
    `- ${table("events")}(lead, t, action, category, seq): one row per used event; lead, action and category integer ids (category −1: none), t epoch milliseconds (DOUBLE), seq the event's position in the export (integer).`,
    `- ${table("population")}(lead, i, cutoff, won, created, at_risk): the closed leads a model learns from; i their index 0…n−1, cutoff and created epoch ms (NULL: unknown), won 1/0, at_risk the landmarks before the cut-off.`,
    `- ${table("scope")}(lead): every lead of the export part (open leads too).`,
    "",
    `Before the "design" statements: ${table("designActions")}(action, col), ${table("leadProfile")}(i, signature), ${table("bands")}(first_k, col). ${table("leadProfile")} needs a row for every population lead with at_risk > 0, including leads whose profile set is empty (give the empty set a signature of its own): the design statements inner-join it, so a lead missing there silently loses its segments.`,
    "",
    `Before the "fit" statement: ${table("residuals")}(p, rho = won − p̂ of each pattern) and ${table("patternColumns")}(p, j), one row per column of each pattern, numbered as the coefficients β: j = 0 for the intercept (a row for every pattern) and j = c + 1 for design column c (an action's \`col\` in ${table("designActions")}, a profile or band column). The \`j\` and \`k\` of \`cluster_meat\` use the same numbering.`,
    "",
    "## Order",
    "",
    "| file | stage | result |",
    "|---|---|---|",
    ...files.map(([name, q]) => `| ${name} | ${q.stage} | ${q.creates === null ? "export" : `creates \`${q.creates}\``} — ${q.purpose} |`),
    "",
    "The cluster meat is computed at scale 1: multiply every `m` by scale², where scale = clusters / weight from `design_totals`.",
    "",
  ].join("\n");
}
