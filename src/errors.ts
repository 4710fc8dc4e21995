/**
 * The one error type leadlift throws when a run cannot continue.
 * `code` is stable and machine-readable (e.g. "missing-columns", "separation");
 * the message says where, what was expected, what was got, and how to fix it.
 */
export class LeadliftError extends Error {
  override readonly name: string = "LeadliftError";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A run refused from the command line alone — a flag's value, an output
 * path that is an input or cannot be written — before any data is read.
 * The CLI exits 2 for it (1 is for bad input data).
 */
export class UsageError extends LeadliftError {
  override readonly name = "UsageError";
}
