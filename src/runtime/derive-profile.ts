/**
 * Profile transforms shared by training and the runtime scorer, so that a
 * lead's FIT is derived by one piece of code wherever it is scored.
 * Zero dependencies: this file ships inside `leadlift/runtime`.
 */

/** How a profile feature's value is derived from one lead column. */
export type ProfileTransform =
  | { readonly kind: "category"; readonly levels: readonly string[] }
  | { readonly kind: "numeric-band"; readonly edges: readonly number[] }
  | { readonly kind: "email-domain" }
  | { readonly kind: "seniority" }
  | { readonly kind: "size-band"; readonly edges: readonly number[] }
  | { readonly kind: "target-account"; readonly accounts: readonly string[] };

/** Value given to an empty cell, and to categories outside the kept levels. */
export const MISSING_VALUE = "(missing)";
export const OTHER_VALUE = "(other)";

/** Free-mail providers: an address there says nothing about an employer. */
export const FREE_MAIL_DOMAINS: readonly string[] = [
  "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "yahoo.fr", "hotmail.com", "hotmail.co.uk",
  "outlook.com", "live.com", "msn.com", "aol.com", "icloud.com", "me.com", "mac.com", "proton.me",
  "protonmail.com", "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "yandex.ru", "yandex.com",
  "mail.ru", "qq.com", "163.com", "126.com", "zoho.com", "fastmail.com", "hey.com", "orange.fr",
  "free.fr", "laposte.net", "libero.it", "uol.com.br", "bol.com.br", "terra.com.br", "rediffmail.com",
];

const FREE_MAIL_SET = new Set(FREE_MAIL_DOMAINS);

/** Title seniority levels, most senior first; the first pattern that matches wins. */
export const SENIORITY_LEVELS = ["c-level", "vp", "director", "manager", "individual", "student-other"] as const;
export type Seniority = (typeof SENIORITY_LEVELS)[number];

/** Title patterns by level, tried in order (exported for the SQL scorer, which must apply the same ones). */
export const SENIORITY_PATTERNS: ReadonlyArray<readonly [Seniority, RegExp]> = [
  ["c-level", /\b(ceo|cto|cfo|coo|cmo|cio|cro|cpo|chief|founder|co-founder|owner|president|partner)\b/i],
  ["vp", /\b(vp|svp|evp|vice[- ]president|head of)\b/i],
  ["director", /\b(director|directeur|diretor)\b/i],
  ["manager", /\b(manager|lead|supervisor|gerente)\b/i],
  ["student-other", /\b(student|intern|trainee|retired|unemployed|none)\b/i],
];

/** Titles longer than this many characters are derived every time, never cached. */
export const TITLE_CACHE_MAX_TITLE_CHARS = 256;
/** Total characters of cached titles (at most 2 bytes each in memory: about 1 MB, plus per-entry overhead). */
export const TITLE_CACHE_MAX_CHARS = 512 * 1024;

/** Company-size band edges (employees): 1–10, 11–50, 51–200, 201–1000, 1001–5000, 5001+. */
export const DEFAULT_SIZE_EDGES: readonly number[] = [10, 50, 200, 1000, 5000];

/**
 * The derived value of `cell` under `transform` (always a string, so that
 * FIT rules are simple value → points lookups).
 * @example deriveProfileValue({ kind: "email-domain" }, "ana@gmail.com") // "free-mail"
 */
export function deriveProfileValue(transform: ProfileTransform, cell: string | null | undefined): string {
  return compileProfileTransform(transform)(cell);
}

/**
 * `deriveProfileValue` specialised to one transform, with its lookups built
 * once (sets instead of list scans, a bounded cache of title seniorities):
 * the form to use on hot paths that score many leads.
 */
export function compileProfileTransform(transform: ProfileTransform): (cell: string | null | undefined) => string {
  const clean = trimCellText;
  switch (transform.kind) {
    case "category": {
      const levels = new Set(transform.levels);
      return (cell) => {
        const text = clean(cell);
        return text === "" ? MISSING_VALUE : levels.has(text) ? text : OTHER_VALUE;
      };
    }
    case "numeric-band":
    case "size-band": {
      const edges = transform.edges;
      // Labels built once: label k is the band above edges[k − 1] up to edges[k] (as bandLabel writes it).
      const labels = [...edges, Infinity].map((upper, k) => intervalLabel(k === 0 ? -Infinity : edges[k - 1], upper));
      return (cell) => {
        const text = clean(cell);
        if (text === "") return MISSING_VALUE;
        const value = profileNumber(text);
        if (!Number.isFinite(value)) return MISSING_VALUE;
        let band = 0;
        while (band < edges.length && value > edges[band]) band++;
        return labels[band];
      };
    }
    case "email-domain":
      return (cell) => emailDomainType(clean(cell));
    case "seniority": {
      // Bounded in total size, not only in entries: a service fed distinct 1 MB titles must not grow.
      // Long titles are not cached at all; when the cache is full it starts over.
      const cache = new Map<string, string>();
      let cachedChars = 0;
      return (cell) => {
        const text = clean(cell);
        if (text === "") return MISSING_VALUE;
        let level = cache.get(text);
        if (level === undefined) {
          level = titleSeniority(text);
          if (text.length <= TITLE_CACHE_MAX_TITLE_CHARS) {
            if (cachedChars + text.length > TITLE_CACHE_MAX_CHARS) {
              cache.clear();
              cachedChars = 0;
            }
            cache.set(text, level);
            cachedChars += text.length;
          }
        }
        return level;
      };
    }
    case "target-account": {
      const accounts = new Set(transform.accounts);
      return (cell) => {
        const text = clean(cell);
        return text !== "" && accounts.has(text.toLowerCase()) ? "yes" : "no";
      };
    }
  }
}

/**
 * The cell as text without leading or trailing white space ("" for null or
 * undefined): `String(cell).trim()`. Scoring cleans every profile cell of
 * every lead, and cells rarely carry white space, so when both ends are
 * visible ASCII (`!` to `~`, which no white space is, Unicode's included)
 * the text is returned as it is, without calling `trim()`.
 * @example trimCellText(" VP Sales\u00a0") // "VP Sales"
 */
export function trimCellText(cell: string | null | undefined): string {
  if (cell === null || cell === undefined) return "";
  const text = typeof cell === "string" ? cell : String(cell);
  const last = text.length - 1;
  if (last < 0) return text;
  const first = text.charCodeAt(0);
  const end = text.charCodeAt(last);
  return first > SPACE && first < DELETE && end > SPACE && end < DELETE ? text : text.trim();
}

const SPACE = 32;
const DELETE = 127;

/** "business", "free-mail" or "(missing)" for an email address. */
export function emailDomainType(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 0 || at === email.length - 1) return MISSING_VALUE;
  const domain = email.slice(at + 1).toLowerCase();
  return FREE_MAIL_SET.has(domain) ? "free-mail" : "business";
}

/** Seniority level of a job title; titles matching no pattern count as individual contributors. */
export function titleSeniority(title: string): Seniority {
  for (const [level, pattern] of SENIORITY_PATTERNS) if (pattern.test(title)) return level;
  return "individual";
}

/**
 * Band label for `value` given ascending upper edges: "≤10", "11–50"-style
 * labels are avoided in favour of unambiguous interval text such as
 * "(10, 50]" so that non-integer bands read correctly too.
 */
export function bandLabel(edges: readonly number[], value: number): string {
  let lower = -Infinity;
  for (const upper of edges) {
    if (value <= upper) return intervalLabel(lower, upper);
    lower = upper;
  }
  return intervalLabel(lower, Infinity);
}

function intervalLabel(lower: number, upper: number): string {
  const low = lower === -Infinity ? "-inf" : String(lower);
  const high = upper === Infinity ? "inf" : String(upper);
  return `(${low}, ${high}]`.replace(", inf]", ", inf)");
}

/**
 * A profile cell's number, thousands separators and spaces dropped ("1,200" → 1200; NaN when not a number).
 * The pattern runs only on cells holding a comma or space: training reads every cell of every profile column.
 */
export function profileNumber(text: string): number {
  return Number(text.includes(",") || text.includes(" ") ? text.replace(/[, ]/g, "") : text);
}
