/**
 * Error thrown by the runtime scorer for a model or input it cannot trust.
 * `path` names the offending field (e.g. `events[3].occurred_at`).
 */
export class ScoringError extends Error {
  override readonly name = "ScoringError";
  constructor(
    readonly code: string,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}
