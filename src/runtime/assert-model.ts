import { crossFieldProblems, isBoundedPoints, MAX_ABS_POINTS } from "./model-bounds.js";
import type { ScoringModel } from "./scoring-model.js";
import { ScoringError } from "./scoring-error.js";

/** The model schema versions this runtime can score. */
export const SUPPORTED_SCHEMA_VERSIONS: readonly number[] = [1];

const TRANSFORM_KINDS = ["category", "numeric-band", "email-domain", "seniority", "size-band", "target-account"];

/**
 * The model, checked for everything the scorer relies on: version, kind,
 * actions with integer points, profile features with known transforms and
 * rules pointing at them, a numeric or null threshold, well-formed time
 * rules (decay, inactivity, velocity, FIT cap), and the value bounds the
 * model's zod schema enforces identically (`model-bounds.ts`): points whole
 * and within ±1,000,000, `fitCap` ≥ 0, a threshold the model's scores can
 * reach, half-lives only for kept actions. Deliberately without
 * a schema library, so the runtime stays dependency-free; the training side
 * validates the full JSON Schema before writing.
 * @throws ScoringError naming the first field that is wrong.
 */
export function assertModel(value: unknown): ScoringModel {
  const model = value as Record<string, any>;
  check(isObject(model), "model", `expected a leadlift model object, got ${describe(value)}`);
  check(model.kind === "leadlift-model", "kind", `expected "leadlift-model", got ${describe(model.kind)}`);
  check(
    SUPPORTED_SCHEMA_VERSIONS.includes(model.schemaVersion),
    "schemaVersion",
    `expected one of ${SUPPORTED_SCHEMA_VERSIONS.join(", ")}, got ${describe(model.schemaVersion)}; upgrade leadlift/runtime or re-export the model`,
  );
  check(Array.isArray(model.actions), "actions", `expected an array, got ${describe(model.actions)}`);
  model.actions.forEach((action: any, i: number) => {
    const path = `actions[${i}]`;
    check(isObject(action), path, `expected an object, got ${describe(action)}`);
    check(typeof action.action === "string" && action.action !== "", `${path}.action`, `expected a non-empty string, got ${describe(action.action)}`);
    check(isBoundedPoints(action.points), `${path}.points`, `expected whole points within ±${MAX_ABS_POINTS}, got ${describe(action.points)}`);
    check(typeof action.kept === "boolean", `${path}.kept`, `expected true or false, got ${describe(action.kept)}`);
  });
  const profile = model.profile;
  check(isObject(profile) && Array.isArray(profile.features) && Array.isArray(profile.rules), "profile", "expected { features: [], rules: [] }");
  const featureNames = new Set<string>();
  profile.features.forEach((feature: any, i: number) => {
    const path = `profile.features[${i}]`;
    check(isObject(feature) && typeof feature.name === "string" && typeof feature.column === "string", path, "expected { name, column, role, transform }");
    check(feature.role === "fit" || feature.role === "pain", `${path}.role`, `expected "fit" or "pain", got ${describe(feature.role)}`);
    check(isObject(feature.transform) && TRANSFORM_KINDS.includes(feature.transform.kind), `${path}.transform.kind`, `expected one of ${TRANSFORM_KINDS.join(", ")}, got ${describe(feature.transform?.kind)}`);
    const listField = { category: "levels", "numeric-band": "edges", "size-band": "edges", "target-account": "accounts" }[feature.transform.kind as string];
    if (listField) check(Array.isArray(feature.transform[listField]), `${path}.transform.${listField}`, "expected an array");
    featureNames.add(feature.name);
  });
  profile.rules.forEach((rule: any, i: number) => {
    const path = `profile.rules[${i}]`;
    check(isObject(rule) && featureNames.has(rule.feature), `${path}.feature`, `expected the name of a profile feature, got ${describe(rule?.feature)}`);
    check(typeof rule.value === "string", `${path}.value`, `expected a string, got ${describe(rule.value)}`);
    check(isBoundedPoints(rule.points), `${path}.points`, `expected whole points within ±${MAX_ABS_POINTS}, got ${describe(rule.points)}`);
    check(typeof rule.kept === "boolean", `${path}.kept`, `expected true or false, got ${describe(rule.kept)}`);
  });
  check(isObject(model.threshold), "threshold", "expected an object");
  const score = model.threshold.score;
  check(score === null || (typeof score === "number" && Number.isFinite(score)), "threshold.score", `expected a number or null, got ${describe(score)}`);
  const decay = model.decay;
  if (decay !== null && decay !== undefined) {
    check(isObject(decay) && isObject(decay.halfLifeDays), "decay.halfLifeDays", "expected an object of action → days");
    for (const [action, days] of Object.entries(decay.halfLifeDays)) {
      check(typeof days === "number" && days > 0, `decay.halfLifeDays.${action}`, `expected a positive number of days, got ${describe(days)}`);
    }
    check(decay.exitAfterDays == null || (typeof decay.exitAfterDays === "number" && decay.exitAfterDays > 0), "decay.exitAfterDays", `expected a positive number of days or null, got ${describe(decay.exitAfterDays)}`);
    const inactivity = decay.inactivity;
    if (inactivity != null) {
      check(isObject(inactivity) && typeof inactivity.days === "number" && inactivity.days > 0, "decay.inactivity.days", `expected a positive number of days, got ${describe(inactivity?.days)}`);
      check(isBoundedPoints(inactivity.points), "decay.inactivity.points", `expected whole points within ±${MAX_ABS_POINTS}, got ${describe(inactivity.points)}`);
    }
  }
  const velocity = model.velocity;
  if (velocity != null) {
    check(isObject(velocity) && typeof velocity.minPointsPerDay === "number" && velocity.minPointsPerDay > 0, "velocity.minPointsPerDay", `expected a positive number, got ${describe(velocity?.minPointsPerDay)}`);
    check(isBoundedPoints(velocity.points), "velocity.points", `expected whole points within ±${MAX_ABS_POINTS}, got ${describe(velocity.points)}`);
  }
  const fitCap = profile.fitCap;
  check(fitCap == null || (isBoundedPoints(fitCap) && fitCap >= 0), "profile.fitCap", `expected whole points from 0 to ${MAX_ABS_POINTS}, or null, got ${describe(fitCap)}`);
  const probability = model.probability;
  if (probability !== null && probability !== undefined) {
    const ok =
      isObject(probability) && Array.isArray(probability.scores) && Array.isArray(probability.probabilities) &&
      probability.scores.length === probability.probabilities.length &&
      probability.scores.every((s: unknown, i: number) => typeof s === "number" && (i === 0 || s > probability.scores[i - 1])) &&
      probability.probabilities.every((p: unknown) => typeof p === "number" && p >= 0 && p <= 1);
    check(ok, "probability", "expected { scores: ascending numbers, probabilities: numbers in [0, 1] } of equal length");
  }
  const problem = crossFieldProblems(model as Parameters<typeof crossFieldProblems>[0])[0];
  if (problem) check(false, problem.path, problem.message);
  return model as ScoringModel;
}

function check(condition: unknown, path: string, message: string): asserts condition {
  if (!condition) throw new ScoringError("invalid-model", path, `Invalid model at ${path}: ${message}.`);
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
