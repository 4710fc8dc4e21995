import { z } from "zod";
import { ENGINES } from "./engine-options.js";
import { DATE_FORMATS, DECIMAL_SEPARATORS, INPUT_ENCODINGS } from "./input-options.js";

export { ENGINES, type EngineName } from "./engine-options.js";

/** Most days between landmarks (`training.landmarkStepDays`): also the limit `trainingQueries` checks. */
export const MAX_LANDMARK_STEP_DAYS = 90;

/** Contract column names a config may map onto an export's own names. */
export const LEAD_COLUMNS = ["lead_id", "created_at", "account_id", "as_of"] as const;
export const EVENT_COLUMNS = ["lead_id", "action", "occurred_at", "category"] as const;
export const OUTCOME_COLUMNS = ["lead_id", "account_id", "status", "closed_at", "handoff_at"] as const;

const columnMap = <T extends readonly [string, ...string[]]>(names: T) =>
  z.partialRecord(z.enum(names), z.string().min(1)).default({});

const probability = z.number().min(0).max(1);

/** Negative signals by default: kept whenever significantly negative (see `training.negativeActions`). */
export const DEFAULT_NEGATIVE_ACTIONS = ["unsubscribe", "unsubscribed", "email_bounce", "hard_bounce", "bounce", "spam_complaint"] as const;

/**
 * Everything a run can be told, with its default. Validated once at the
 * boundary (`loadConfig`, CLI flags); later stages trust the parsed value.
 */
export const ConfigSchema = z
  .object({
    /** Contract name → the export's column name, per file. Default: identity. */
    columns: z
      .object({
        leads: columnMap(LEAD_COLUMNS),
        events: columnMap(EVENT_COLUMNS),
        outcomes: columnMap(OUTCOME_COLUMNS),
      })
      .strict()
      .default({ leads: {}, events: {}, outcomes: {} }),
    /** How the export's files are written, for exports that are not UTF-8 with ISO dates and decimal points. */
    input: z
      .object({
        /** Layout of date cells besides ISO 8601, which is always read: "iso", "MM/DD/YYYY" or "DD/MM/YYYY". Default "iso". */
        dateFormat: z.enum(DATE_FORMATS).default("iso"),
        /** Decimal separator of numeric profile cells: "." (1,234.5) or "," (1.234,5). Default ".". */
        decimal: z.enum(DECIMAL_SEPARATORS).default("."),
        /** Text encoding of files without a byte-order mark. Default "utf-8". */
        encoding: z.enum(INPUT_ENCODINGS).default("utf-8"),
      })
      .strict()
      .default({ dateFormat: "iso", decimal: ".", encoding: "utf-8" }),
    outcomes: z
      .object({
        /** Where outcome columns live: a separate outcomes file, or the leads file itself. Default "file". */
        source: z.enum(["file", "leads"]).default("file"),
        /**
         * What an outcome row describes: one lead ("lead", keyed by lead_id), or a whole account ("account",
         * keyed by account_id: every lead of the account shares its outcome, and training also learns the
         * account threshold). Default "lead".
         */
        level: z.enum(["lead", "account"]).default("lead"),
        /** Export values that mean won / lost / open (compared case-insensitively). Default the contract words. */
        values: z
          .object({
            won: z.array(z.string()).default(["won"]),
            lost: z.array(z.string()).default(["lost"]),
            open: z.array(z.string()).default(["open"]),
          })
          .strict()
          .default({ won: ["won"], lost: ["lost"], open: ["open"] }),
        /** Status of every outcome row when the file has no status column (e.g. a closed-deals export: "won"). Default none. */
        statusIfNoColumn: z.enum(["won", "lost", "open"]).optional(),
        /** What a lead with no outcome row is: "open" (left out of training, counted), "lost", or "error". Default "open". */
        missing: z.enum(["open", "lost", "error"]).default("open"),
      })
      .strict()
      .default({ source: "file", level: "lead", values: { won: ["won"], lost: ["lost"], open: ["open"] }, missing: "open" }),
    profile: z
      .object({
        /** Profile columns to use; default all lead columns outside the contract. */
        include: z.array(z.string()).optional(),
        /** Columns never to use (ids, free text, post-hoc fields set by sales). Default none. */
        exclude: z.array(z.string()).default([]),
        /** Columns that describe behaviour already aggregated per lead (visits, time on site): scored as PAIN, not FIT. Default none. */
        behaviourColumns: z.array(z.string()).default([]),
        /** Accounts (account_id or company, case-insensitive) on the target-account list. Default none. */
        targetAccounts: z.array(z.string()).default([]),
        /** Values that mean "not answered" (form defaults such as "Select"). Default ["Select", "unknown", "N/A"]. */
        missingValues: z.array(z.string()).default(["Select", "unknown", "N/A"]),
        /** Most levels kept per categorical column (the rest become "(other)"). Default 20. */
        maxLevels: z.number().int().min(2).max(200).default(20),
        /** Quantile bands for numeric columns. Default 4. */
        numericBands: z.number().int().min(2).max(10).default(4),
      })
      .strict()
      .default({
        exclude: [],
        behaviourColumns: [],
        targetAccounts: [],
        missingValues: ["Select", "unknown", "N/A"],
        maxLevels: 20,
        numericBands: 4,
      }),
    training: z
      .object({
        /** Days from creation during which behaviour is observed (equal footing for slow and fast leads). Default 90. */
        observationWindowDays: z.number().positive().max(3650).default(90),
        /** Actions (and profile values) whose |lift| rounds below this many points are dropped. Default 5. */
        minLiftPoints: z.number().min(0).max(100).default(5),
        /** Most actions kept, by |points|. Default 20. */
        maxActions: z.number().int().min(1).max(200).default(20),
        /** Two-sided significance level of the lift test. Default 0.05. */
        significanceLevel: probability.default(0.05),
        /** Fewest leads on each side of a comparison (with and without an action or value) before it can earn points. Default 10. */
        minActionLeads: z.number().int().min(1).default(10),
        /** Days between landmarks: the lead ages at which leads still with marketing are compared. Default 1. */
        landmarkStepDays: z.number().positive().max(MAX_LANDMARK_STEP_DAYS).default(1),
        /** Lead-age bands: nuisance columns of the logistic landmark regression, and strata of the velocity check. Default 4. */
        exposureStrata: z.number().int().min(1).max(20).default(4),
        /**
         * "auto": relax the pruning (minLiftPoints, then significance) when, on held-out leads, it costs more than
         * `maxPruningCost` of ranking (AUC); "fixed": apply minLiftPoints and significanceLevel as set. Default "auto".
         */
        pruning: z.enum(["auto", "fixed"]).default("auto"),
        /** Most held-out AUC the rounding and pruning of points may cost under `pruning: "auto"`. Default 0.005. */
        maxPruningCost: z.number().min(0).max(0.5).default(0.005),
        /** Event categories that earn no points (lift still shown). Default ["email", "web"]. */
        vanityCategories: z.array(z.string()).default(["email", "web"]),
        /** Actions that earn no points (lift still shown). Default opens, clicks and plain visits. */
        vanityActions: z
          .array(z.string())
          .default(["email_open", "email_click", "site_visit", "page_view", "website_visit"]),
        /** Actions never to use at all (e.g. sales-side activities logged as events). Default none. */
        excludeActions: z.array(z.string()).default([]),
        /**
         * Negative signals (unsubscribes, bounces): kept with their negative points whenever significant,
         * even under `minLiftPoints` — at a low base rate a drop of a few points is most of a lead's chance.
         * Default unsubscribe, unsubscribed, email_bounce, hard_bounce, bounce, spam_complaint.
         */
        negativeActions: z.array(z.string()).default([...DEFAULT_NEGATIVE_ACTIONS]),
        /**
         * How points are learned: "lift" (each action on its own, the seed rule), "logistic" (one regularised
         * regression, no double counting), or "auto": both are trained on the earlier leads and judged on the
         * held-out ones; the one that ranks them clearly better (paired bootstrap of the AUC difference) is used,
         * logistic when neither does. Default "auto".
         */
        mode: z.enum(["lift", "logistic", "auto"]).default("auto"),
        /** L2 penalty λ of the logistic mode (on ½λ‖β‖², intercept free; λ = 1/C of scikit-learn). Default 1. */
        l2: z.number().min(0).default(1),
        /** Logistic-mode points: "probability" (the change in close probability for a lead at the middle of the target band, in percentage points) or "pdo" (points to double the odds). Default "probability". */
        pointsScale: z.enum(["probability", "pdo"]).default("probability"),
        /** Points that double the odds when pointsScale is "pdo". Default 20. */
        pdo: z.number().positive().default(20),
        /** Close-rate band the SDR-ready threshold aims for. Default 0.10–0.15. */
        targetCloseRate: z
          .object({ min: probability, max: probability })
          .strict()
          .refine((band) => band.min < band.max, "min must be below max")
          .default({ min: 0.1, max: 0.15 }),
      })
      .strict()
      .default({
        observationWindowDays: 90,
        minLiftPoints: 5,
        maxActions: 20,
        significanceLevel: 0.05,
        minActionLeads: 10,
        landmarkStepDays: 1,
        exposureStrata: 4,
        pruning: "auto",
        maxPruningCost: 0.005,
        vanityCategories: ["email", "web"],
        vanityActions: ["email_open", "email_click", "site_visit", "page_view", "website_visit"],
        excludeActions: [],
        negativeActions: [...DEFAULT_NEGATIVE_ACTIONS],
        mode: "auto",
        l2: 1,
        pointsScale: "probability",
        pdo: 20,
        targetCloseRate: { min: 0.1, max: 0.15 },
      }),
    decay: z
      .object({
        /** Learn from the data which kept actions' points fade (and how fast) and the inactivity penalty. Default true. */
        learn: z.boolean().default(true),
        /** Half-lives in days that override what is learned, per action (positive points only: negative signals do not fade). Default none. */
        halfLifeDays: z.record(z.string(), z.number().positive()).default({}),
        /** Days without any activity (any event) after which the learned inactivity penalty applies; null: none. Default 60. */
        inactivityDays: z.number().positive().nullable().default(60),
        /** Exit: after more than this many days without any activity, earlier behaviour points no longer count. Default none. */
        exitAfterDays: z.number().positive().nullable().default(null),
      })
      .strict()
      .default({ learn: true, halfLifeDays: {}, inactivityDays: 60, exitAfterDays: null }),
    /**
     * Where training reads events and computes its statistics: "in-process" (leadlift's reader and
     * typed arrays), "duckdb" (DuckDB reads Parquet events itself and computes the per-lead features and
     * the estimators' sufficient statistics; needs the optional @duckdb/node-api package), or "auto":
     * DuckDB for a Parquet events file from `duckdb.autoFromBytes` (when the package is installed). Default "auto".
     */
    engine: z.enum(ENGINES).default("auto"),
    duckdb: z
      .object({
        /** DuckDB's memory limit; beyond it, it spills to a temporary folder. Default "1.5GB". */
        memoryLimit: z.string().regex(/^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i, 'a size like "1.5GB"').default("1.5GB"),
        /** Threads DuckDB may use. Default: all cores. */
        threads: z.number().int().min(1).nullable().default(null),
        /**
         * "auto" picks DuckDB for a Parquet events file at least `parquet` bytes (default 30 MB), where DuckDB's
         * own Parquet reader loads about twice as fast as leadlift's; and for CSV or JSON Lines at least `text`
         * bytes, default null: never, because leadlift's reader reads those either way, and DuckDB then only
         * adds time and memory (`npm run bench:scale`, 1M leads / 6M events: 155 s and 4.0 GB against 128 s and 3.6 GB).
         */
        autoFromBytes: z
          .object({ text: z.number().min(0).nullable().default(null), parquet: z.number().min(0).default(30_000_000) })
          .strict()
          .default({ text: null, parquet: 30_000_000 }),
      })
      .strict()
      .default({ memoryLimit: "1.5GB", threads: null, autoFromBytes: { text: null, parquet: 30_000_000 } }),
    calibration: z
      .object({
        /** Share of the latest-created leads held out for the out-of-time check. Default 0.25. */
        holdoutShare: z.number().gt(0).lt(1).default(0.25),
        /** Sales-cycle window in days; default: the mean hand-off → close time of won deals in the data. */
        salesCycleDays: z.number().positive().optional(),
        /** Days a lead must have existed before its outcome is judged in replay; default: the 90th percentile of creation → close of won deals. */
        maturityDays: z.number().min(0).optional(),
        /** Leads the SDR team can contact per day; enables the capacity check. Default none. */
        sdrCapacityPerDay: z.number().positive().optional(),
        /** Fewest won deals to calibrate; below it training refuses, or uses the cold-start rules if allowed. Default 30. */
        minWonDeals: z.number().int().min(1).default(30),
        /** Allow the documented cold-start rule set when there are too few won deals. Default false. */
        allowColdStart: z.boolean().default(false),
        /** Most leads (share) SDR-ready on profile alone before a warning. Default 0.05. */
        maxProfileOnlyShare: probability.default(0.05),
        /** Most SDR-ready leads (share) in the bad-FIT, low-PAIN quadrant before a warning. Default 0.05. */
        maxNoQuadrantShare: probability.default(0.05),
        /** Fewest decided leads at a threshold for its close rate to count. Default 30. */
        minDecidedLeads: z.number().int().min(1).default(30),
        /** Cap FIT below the threshold when too many leads are SDR-ready on profile alone (and there is behaviour to carry them). Default true. */
        capFit: z.boolean().default(true),
        /** Add velocity points when fast leads close significantly better in replay. Default true. */
        learnVelocity: z.boolean().default(true),
        /** Contacts summed for an account's roll-up score (top-k sum), when outcomes are account-level. Default 3. */
        accountTopK: z.number().int().min(1).max(100).default(3),
      })
      .strict()
      .default({
        capFit: true,
        learnVelocity: true,
        accountTopK: 3,
        holdoutShare: 0.25,
        minWonDeals: 30,
        allowColdStart: false,
        maxProfileOnlyShare: 0.05,
        maxNoQuadrantShare: 0.05,
        minDecidedLeads: 30,
      }),
  })
  .strict();

export type LeadliftConfig = z.output<typeof ConfigSchema>;
export type LeadliftConfigInput = z.input<typeof ConfigSchema>;
export type TrainingOptions = LeadliftConfig["training"];
export type ProfileOptions = LeadliftConfig["profile"];
export type CalibrationOptions = LeadliftConfig["calibration"];
