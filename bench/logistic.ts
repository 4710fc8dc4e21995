/**
 * Logistic fit time: leadlift's IRLS on 20k × 30 and 1M × 30 binary
 * features, beside references measured in the same run on the same data:
 * - scikit-learn (Debian's python3-sklearn, /usr/bin/python3), same penalty
 *   (C = 1/λ), fit alone timed inside Python, one BLAS thread;
 * - ml-logistic-regression (the package the design card named) on the
 *   smaller size, unpenalised, as one binary classifier with an intercept
 *   column and a step that converges, against leadlift's unpenalised fit.
 * Each reference's coefficients are compared with leadlift's, so a fast
 * reference that stopped early shows as a gap. Printed figures, not asserts.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Matrix } from "ml-matrix";
import LogisticRegression from "ml-logistic-regression";
import { fitLogistic, type LogisticFit } from "../src/stats/fit-logistic.js";
import { mulberry32 } from "../src/stats/mulberry32.js";

/** Seeded binary design with a known logistic truth (intercept −2.5). */
export function makeLogisticData(rows: number, columns: number, seed = 1) {
  const random = mulberry32(seed);
  const truth = Array.from({ length: columns }, (_, j) => ((j % 5) - 2) * 0.3);
  const features = truth.map(() => new Float64Array(rows));
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    let eta = -2.5;
    for (let j = 0; j < columns; j++) {
      const x = random() < 0.3 ? 1 : 0;
      features[j][i] = x;
      eta += truth[j] * x;
    }
    labels[i] = random() < 1 / (1 + Math.exp(-eta)) ? 1 : 0;
  }
  return { features, labels, truth, intercept: -2.5 };
}

type LogisticData = ReturnType<typeof makeLogisticData>;

interface Timing<T> {
  readonly result: T;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** CPU milliseconds this process spends in `run` (user + system, every thread). */
function cpuMs<T>(run: () => T): { result: T; ms: number } {
  const started = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(started);
  return { result, ms: (used.user + used.system) / 1000 };
}

/** Median and range of the CPU time of `runs` calls after one untimed warm-up (JIT), with the last result. */
function timeRuns<T>(runs: number, run: () => T): Timing<T> {
  let result = run();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const timed = cpuMs(run);
    times.push(timed.ms);
    result = timed.result;
  }
  times.sort((a, b) => a - b);
  const middle = Math.floor(runs / 2);
  const median = runs % 2 === 1 ? times[middle] : (times[middle - 1] + times[middle]) / 2;
  return { result, median, min: times[0], max: times[runs - 1] };
}

/** Largest absolute difference over [intercept, ...coefficients]. */
function coefficientGap(a: { intercept: number; coefficients: readonly number[] }, b: { intercept: number; coefficients: readonly number[] }): number {
  return Math.max(Math.abs(a.intercept - b.intercept), ...a.coefficients.map((c, j) => Math.abs(c - b.coefficients[j])));
}

/** "1.6× slower" / "1.3× faster": leadlift's time against a reference's. */
function ratioText(leadliftMs: number, referenceMs: number): string {
  const ratio = Math.max(leadliftMs, referenceMs) / Math.min(leadliftMs, referenceMs);
  return `${ratio.toFixed(ratio < 10 ? 1 : 0)}× ${leadliftMs > referenceMs ? "slower" : "faster"}`;
}

function msText(t: { median: number; min: number; max: number }): string {
  const digits = t.median < 100 ? 1 : 0;
  return `${t.median.toFixed(digits)} ms (${t.min.toFixed(digits)}–${t.max.toFixed(digits)})`;
}

const PYTHON = "/usr/bin/python3";
const SKLEARN_SCRIPT = fileURLToPath(new URL("./sklearn-logistic.py", import.meta.url));
const SKLEARN_SOLVERS = ["lbfgs", "newton-cholesky"];

interface SklearnFit {
  readonly solver: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly maxMs: number;
  readonly iterations: number;
  readonly converged: boolean;
  readonly intercept: number;
  readonly coefficients: number[];
}

interface SklearnRun {
  readonly sklearn: string;
  readonly numpy: string;
  readonly tol: number;
  readonly maxIter: number;
  readonly results: SklearnFit[];
}

/**
 * scikit-learn's fits of the same design, or the reason there are none.
 * The design goes to a temporary file (uint8 rows: features then label).
 * BLAS is held to one thread, as leadlift's fit runs on one.
 */
function runSklearn(data: LogisticData, c: number | "none", runs: number): SklearnRun | { skipped: string } {
  if (!existsSync(PYTHON)) return { skipped: `${PYTHON} not found (apt-get install python3-sklearn)` };
  const rows = data.labels.length;
  const columns = data.features.length;
  const bytes = new Uint8Array(rows * (columns + 1));
  for (let i = 0; i < rows; i++) {
    const offset = i * (columns + 1);
    for (let j = 0; j < columns; j++) bytes[offset + j] = data.features[j][i];
    bytes[offset + columns] = data.labels[i];
  }
  const dir = mkdtempSync(join(tmpdir(), "leadlift-bench-logistic-"));
  const path = join(dir, "design.u8");
  try {
    writeFileSync(path, bytes);
    const threads = { OPENBLAS_NUM_THREADS: "1", OMP_NUM_THREADS: "1", MKL_NUM_THREADS: "1" };
    const output = execFileSync(PYTHON, [SKLEARN_SCRIPT, path, String(rows), String(columns), String(c), String(runs), SKLEARN_SOLVERS.join(",")], {
      env: { ...process.env, ...threads },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return JSON.parse(output) as SklearnRun;
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "").trim().split("\n").at(-1);
    return { skipped: `scikit-learn did not run: ${stderr || (error as Error).message} (apt-get install python3-sklearn)` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The binary classifier inside ml-logistic-regression (its one-vs-all wrapper would train two). */
interface BinaryClassifier {
  train(X: Matrix, y: Matrix): void;
  weights: Matrix;
}

function mlBinaryClassifier(numSteps: number, learningRate: number): BinaryClassifier {
  // `load` is the package's public way to build its wrapper from saved classifiers; classifiers[0] is a
  // LogisticRegressionTwoClasses, trained here directly on y (1 = won), with no one-vs-all relabelling.
  const wrapper = LogisticRegression.load({ name: "LogisticRegression", numberClasses: 1, classifiers: [{ numSteps, learningRate }] });
  return wrapper.classifiers[0] as BinaryClassifier;
}

/** Largest eigenvalue of a symmetric positive semi-definite matrix, by power iteration. */
function largestEigenvalue(symmetric: Matrix, iterations = 200): number {
  let vector = Matrix.ones(symmetric.rows, 1);
  let value = 0;
  for (let k = 0; k < iterations; k++) {
    const next = symmetric.mmul(vector);
    value = next.norm();
    vector = next.div(value);
  }
  return value;
}

/** Steps and learning rate for ml-logistic-regression's gradient ascent (see the printed note). */
const ML_STEPS = 1200;
const ML_STEP_OVER_LIPSCHITZ = 1.9;
const AGREEMENT = 1e-4;

export async function runLogisticBench(): Promise<void> {
  const [load1] = loadavg();
  console.log(`\n# Logistic regression fit, binary features (load average ${load1.toFixed(1)} on this 2-core machine when it started)`);
  console.log(
    "L2 penalty ½λ‖β‖² with λ = 1 (scikit-learn C = 1/λ = 1), intercept not penalised. Times are CPU time of the fitting process (Node's process.cpuUsage, Python's time.process_time around fit() alone, one BLAS thread), median (range) after one untimed warm-up fit: CPU time does not count the time other sessions hold the cores, which wall time on this shared machine would.",
  );
  console.log("| rows × cols | implementation | median CPU time (range) | iterations | converged | max \\|β − leadlift β\\| | max \\|β − truth\\| | leadlift vs this |");
  console.log("|---|---|---|---|---|---|---|---|");
  const skipped: string[] = [];
  let small: { data: LogisticData } | null = null;
  for (const rows of [20_000, 1_000_000]) {
    const data = makeLogisticData(rows, 30);
    if (rows === 20_000) small = { data };
    const runs = rows <= 20_000 ? 15 : 5;
    const ours = timeRuns(runs, () => fitLogistic(data.features, data.labels, { l2: 1 }));
    const truthGap = (fit: { intercept: number; coefficients: readonly number[] }) => coefficientGap(fit, { intercept: data.intercept, coefficients: data.truth });
    console.log(
      `| ${rows} × 30 | leadlift IRLS (tolerance: max \\|gradient\\| < 1e-8 × max(1, n/1000); ${runs} runs) | ${msText(ours)} | ${ours.result.iterations} | ${ours.result.converged ? "yes" : "NO"} | 0 | ${truthGap(ours.result).toFixed(3)} | — |`,
    );
    const reference = runSklearn(data, 1, rows <= 20_000 ? 15 : 3);
    if ("skipped" in reference) {
      skipped.push(`${rows} rows: ${reference.skipped}`);
      continue;
    }
    for (const fit of reference.results) {
      const gap = coefficientGap(fit, ours.result);
      console.log(
        `| ${rows} × 30 | scikit-learn ${reference.sklearn} ${fit.solver} (C = 1, tol ${reference.tol}, max_iter ${reference.maxIter}) | ${msText({ median: fit.medianMs, min: fit.minMs, max: fit.maxMs })} | ${fit.iterations} | ${fit.converged ? "yes" : "NO"} | ${gap.toExponential(1)} | ${truthGap(fit).toFixed(3)} | leadlift ${ratioText(ours.median, fit.medianMs)} |`,
      );
    }
  }
  for (const reason of skipped) console.log(`scikit-learn reference skipped for ${reason}`);
  if (small) runMlLogisticComparison(small.data);
}

/**
 * ml-logistic-regression against leadlift on the same unpenalised problem
 * (it has no penalty): one binary classifier on [1, x] (an intercept
 * column), after a warm-up, with a step that converges. Its coefficients are
 * compared with leadlift's unpenalised fit: the gap says whether it got there.
 */
function runMlLogisticComparison(data: LogisticData): void {
  const rows = data.labels.length;
  const ours = timeRuns(15, () => fitLogistic(data.features, data.labels, { l2: 0 }));
  const X = new Matrix(Array.from({ length: rows }, (_, i) => [1, ...data.features.map((column) => column[i])]));
  const y = Matrix.columnVector(Array.from(data.labels));
  // The summed log-likelihood's gradient is Lipschitz with L = λmax(XᵀX)/4; fixed steps below 2/L
  // are stable, so 1.9/L is about the fastest safe fixed step.
  const lipschitz = largestEigenvalue(X.transpose().mmul(X)) / 4;
  const learningRate = ML_STEP_OVER_LIPSCHITZ / lipschitz;
  mlBinaryClassifier(50, learningRate).train(X, y); // warm-up (JIT), untimed
  const classifier = mlBinaryClassifier(ML_STEPS, learningRate);
  const mlMs = cpuMs(() => classifier.train(X, y)).ms;
  const weights = classifier.weights.to1DArray();
  const gap = coefficientGap({ intercept: weights[0], coefficients: weights.slice(1) }, ours.result);
  const sklearn = runSklearn(data, "none", 15);
  console.log(`\n# Unpenalised fit (λ = 0), ${rows} × 30: leadlift against ml-logistic-regression`);
  console.log("| implementation | CPU time | iterations | max \\|β − leadlift β\\| | leadlift vs this |");
  console.log("|---|---|---|---|---|");
  console.log(`| leadlift IRLS (λ = 0; median of 15 after a warm-up) | ${msText(ours)} | ${ours.result.iterations} | 0 | — |`);
  const convergedText = gap <= AGREEMENT ? "converged" : `NOT converged: gap ${gap.toExponential(1)} > ${AGREEMENT}`;
  console.log(
    `| ml-logistic-regression 2.0.0, one binary classifier on [1, x], ${ML_STEPS} steps of learning rate ${learningRate.toExponential(2)} = ${ML_STEP_OVER_LIPSCHITZ}/L (one run after a 50-step warm-up; ${convergedText}) | ${mlMs.toFixed(0)} ms | ${ML_STEPS} | ${gap.toExponential(1)} | leadlift ${ratioText(ours.median, mlMs)} |`,
  );
  if (!("skipped" in sklearn)) {
    for (const fit of sklearn.results) {
      console.log(
        `| scikit-learn ${sklearn.sklearn} ${fit.solver} (penalty none, tol ${sklearn.tol}; median of 15) | ${msText({ median: fit.medianMs, min: fit.minMs, max: fit.maxMs })} | ${fit.iterations} | ${coefficientGap(fit, ours.result).toExponential(1)} | leadlift ${ratioText(ours.median, fit.medianMs)} |`,
      );
    }
  } else console.log(`scikit-learn reference skipped: ${sklearn.skipped}`);
  console.log(
    `L = λmax(XᵀX)/4 = ${lipschitz.toFixed(0)} bounds the curvature of the summed log-likelihood; gradient ascent is stable for steps below 2/L. ml-logistic-regression has no convergence test, so it runs the fixed ${ML_STEPS} steps; "converged" means its coefficients agree with leadlift's to ${AGREEMENT}. Target (issue #4): leadlift ≥ 100× faster.`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await runLogisticBench();
