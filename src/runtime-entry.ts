/**
 * `leadlift/runtime`: the leadlift-runtime package re-exported, for code
 * written against this entry before the runtime became its own package
 * (new code can depend on leadlift-runtime alone). `ModelV1` is the whole
 * model file's type, from the toolkit's schema.
 */
export * from "leadlift-runtime";
export type { ModelV1 } from "./model/types.js";
