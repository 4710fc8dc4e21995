/**
 * The one error type leadlift throws when a run cannot continue.
 * `code` is stable and machine-readable (e.g. "missing-columns", "separation");
 * the message says where, what was expected, what was got, and how to fix it.
 */
export class LeadliftError extends Error {
  override readonly name = "LeadliftError";
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
