/** The service's default limits, apart from the server so the CLI can show them without loading it. */

/** Largest model file the service reads, by default: far above any trained model (the sample's is ~0.2 MB). */
export const DEFAULT_MAX_MODEL_BYTES = 128 * 1024 * 1024;

/** Largest request body, by default (1 MiB). */
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
