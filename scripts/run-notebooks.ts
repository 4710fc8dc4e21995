/**
 * `npm run notebooks`: executes every notebook in notebooks/ headless, top to
 * bottom, in the Deno kernel, and fails on any cell error or on saved
 * outputs that a fresh run no longer produces.
 *
 *   npm run notebooks                                  run all; compare with the saved outputs
 *   npm run notebooks -- --save                        run all; save the fresh outputs into the notebooks
 *   npm run notebooks -- explore                       only notebooks/explore.ipynb
 *   npm run notebooks -- --dataset datasets/olist.json run on another export; nothing compared or saved
 *   npm run notebooks -- --dataset … --out DIR         … and keep the executed notebooks in DIR
 *
 * Comparison: the same cells (types and sources) with the same outputs —
 * output types, MIME types and content — ignoring execution counts and
 * metadata. The notebooks are deterministic (seeded simulator, fixed `now`
 * in the dataset file), so any difference means the saved outputs are
 * stale: re-run with --save and commit.
 *
 * Before running, every cell is type-checked against the public API
 * (scripts/notebook-cells.ts; `npm test` checks the same).
 *
 * Cells run through scripts/execute-notebook.py (Jupyter's own client
 * library, jupyter_client; see there why not nbconvert) and the npm
 * package deno (a devDependency) as the kernel, registered with
 * `deno jupyter --install` in a temporary Jupyter data folder for the run,
 * so nothing is installed for the user and no stale registration elsewhere
 * is picked up.
 */
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { typecheckNotebookCells } from "./notebook-cells.js";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));
const NOTEBOOKS = join(ROOT, "notebooks");
const DENO = join(ROOT, "node_modules", ".bin", "deno");
const EXECUTOR = join(ROOT, "scripts", "execute-notebook.py");
/** What notebook cells may import: the public API, the table tool, and the dataset glue. */
const ALLOWED_IMPORTS = ["leadlift", "leadlift/runtime", "leadlift-runtime", "arquero", "./dataset.ts"];
const CELL_TIMEOUT_SECONDS = 600;

interface Output {
  output_type: string;
  name?: string;
  text?: string | string[];
  data?: Record<string, unknown>;
  ename?: string;
  evalue?: string;
  [key: string]: unknown;
}
interface Cell {
  cell_type: string;
  source: string | string[];
  outputs?: Output[];
  metadata?: Record<string, unknown>;
  [key: string]: unknown;
}
interface Notebook {
  cells: Cell[];
  [key: string]: unknown;
}

const args = process.argv.slice(2);
const save = args.includes("--save");
/** The value after a flag (`--dataset FILE`); undefined without the flag. */
function valueOf(flag: string, example: string): string | undefined {
  const at = args.indexOf(flag);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith("--")) fail(`${flag} needs a value, e.g. ${flag} ${example}.`);
  return value;
}
const dataset = valueOf("--dataset", "datasets/olist.json (relative to notebooks/)");
const outDir = valueOf("--out", "/tmp/notebook-results");
if (dataset !== undefined && save) fail("--save keeps the bundled sample's outputs only: it cannot be combined with --dataset (use --out DIR to keep the executed notebooks).");
const flagValues = new Set(["--dataset", "--out"].map((flag) => args.indexOf(flag) + 1).filter((i) => i > 0));
const names = args.filter((a, i) => !a.startsWith("--") && !flagValues.has(i));
const all = readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb")).sort();
const chosen = names.length === 0 ? all : names.map((n) => (n.endsWith(".ipynb") ? basename(n) : `${n}.ipynb`));
for (const file of chosen) if (!all.includes(file)) fail(`No notebook notebooks/${file}. Found: ${all.join(", ")}.`);
if (dataset !== undefined && !existsSync(join(NOTEBOOKS, dataset))) fail(`No dataset file notebooks/${dataset}.`);

const problems = chosen.flatMap((file) => importProblems(file, readNotebook(join(NOTEBOOKS, file))));
if (problems.length > 0) fail(`Notebooks must call the public API only:\n${problems.join("\n")}`);
const typeErrors = typecheckNotebookCells();
if (typeErrors.length > 0) fail(`notebook cells do not type-check against the public API:\n${typeErrors.map((e) => `  ${e}`).join("\n")}`);

const python = checkTools();
const work = mkdtempSync(join(tmpdir(), "leadlift-notebooks-"));
let failed = 0;
try {
  const jupyterPath = installKernel(work);
  for (const file of chosen) {
    const started = Date.now();
    const executed = execute(python, file, work, jupyterPath);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (executed === null) {
      failed += 1;
      continue;
    }
    if (outDir !== undefined) {
      mkdirSync(outDir, { recursive: true });
      copyFileSync(join(work, file), join(outDir, file));
    }
    if (dataset !== undefined) {
      console.log(`ok   notebooks/${file} on ${dataset} (${seconds} s)`);
      continue;
    }
    const savedPath = join(NOTEBOOKS, file);
    if (save) {
      writeFileSync(savedPath, readFileSync(join(work, file)));
      console.log(`saved notebooks/${file} (${seconds} s)`);
      continue;
    }
    const difference = firstDifference(readNotebook(savedPath), executed);
    if (difference === null) console.log(`ok   notebooks/${file}: ran, saved outputs up to date (${seconds} s)`);
    else {
      failed += 1;
      console.error(`FAIL notebooks/${file}: the saved outputs are stale — ${difference}\n     Re-run with \`npm run notebooks -- --save\` and commit the notebook.`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`notebooks: ${chosen.length - failed} passed, ${failed} failed`);
if (failed > 0) process.exit(1);

function fail(message: string): never {
  console.error(`npm run notebooks: ${message}`);
  process.exit(1);
}

function readNotebook(path: string): Notebook {
  return JSON.parse(readFileSync(path, "utf8")) as Notebook;
}

function text(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join("") : (value ?? "");
}

/** Imports of code cells outside ALLOWED_IMPORTS (e.g. "../src/…"), as messages. */
function importProblems(file: string, notebook: Notebook): string[] {
  const found: string[] = [];
  notebook.cells.forEach((cell, i) => {
    if (cell.cell_type !== "code") return;
    const source = text(cell.source);
    for (const match of source.matchAll(/\b(?:from|import)\s*\(?\s*["']([^"']+)["']/g)) {
      if (!ALLOWED_IMPORTS.includes(match[1]) && !match[1].startsWith("node:")) {
        found.push(`  notebooks/${file} cell ${i + 1} imports ${JSON.stringify(match[1])}; allowed: ${ALLOWED_IMPORTS.join(", ")}, node: modules.`);
      }
    }
  });
  return found;
}

/** A Python with jupyter_client and nbformat: $PYTHON, else python3, else Debian's /usr/bin/python3 (beside a pyenv or venv python3 without them). */
function findPython(): string {
  const candidates = [process.env.PYTHON, "python3", "/usr/bin/python3"].filter((c): c is string => c !== undefined && c !== "");
  for (const python of candidates) {
    if (spawnSync(python, ["-c", "import jupyter_client, nbformat"], { encoding: "utf8" }).status === 0) return python;
  }
  fail(`needs Python with jupyter_client and nbformat (tried ${candidates.join(", ")}). On Debian or Ubuntu: apt-get install python3-jupyter-client python3-nbformat (or: pip install jupyter_client nbformat).`);
}

function checkTools(): string {
  if (!existsSync(DENO)) fail("needs the deno npm package (a devDependency): run npm ci.");
  return findPython();
}

/** Registers Deno's kernel (`deno jupyter --install`) in a private Jupyter data folder; returns it for JUPYTER_PATH. */
function installKernel(work: string): string {
  const data = join(work, "share");
  const result = spawnSync(DENO, ["jupyter", "--install"], { encoding: "utf8", env: { ...process.env, XDG_DATA_HOME: data, HOME: work } });
  const kernelFile = join(data, "jupyter", "kernels", "deno", "kernel.json");
  if (result.status !== 0 || !existsSync(kernelFile)) fail(`deno jupyter --install failed:\n${result.stderr}${result.stdout}`);
  return join(data, "jupyter");
}

/** Executes one notebook into `work`; the executed notebook, or null after printing the failing cell. */
function execute(python: string, file: string, work: string, jupyterPath: string): Notebook | null {
  const target = join(work, file);
  const result = spawnSync(python, [EXECUTOR, join(NOTEBOOKS, file), target, "--kernel", "deno", "--timeout", String(CELL_TIMEOUT_SECONDS)], {
    encoding: "utf8",
    cwd: NOTEBOOKS,
    env: { ...process.env, JUPYTER_PATH: jupyterPath, NO_COLOR: "1", ...(dataset !== undefined ? { LEADLIFT_DATASET: dataset } : {}) },
  });
  if (result.status !== 0) {
    console.error(`FAIL notebooks/${file}: ${result.stderr.trim() || result.stdout.trim() || `exit ${result.status}`}`);
    return null;
  }
  return readNotebook(target);
}

/** What an output shows, as comparable text per MIME type or stream. */
function outputSignature(output: Output): Array<[string, string]> {
  if (output.output_type === "stream") return [[`${output.output_type}/${output.name}`, text(output.text)]];
  const data = output.data ?? {};
  return Object.keys(data).sort().map((mime) => {
    const value = data[mime];
    return [`${output.output_type}/${mime}`, typeof value === "string" || Array.isArray(value) ? text(value as string | string[]) : JSON.stringify(value)];
  });
}

/** The first way the fresh run differs from the saved notebook (structure first, then content); null when none. */
function firstDifference(saved: Notebook, fresh: Notebook): string | null {
  if (saved.cells.length !== fresh.cells.length) return `${saved.cells.length} cells saved, ${fresh.cells.length} ran.`;
  for (let i = 0; i < saved.cells.length; i++) {
    const [a, b] = [saved.cells[i], fresh.cells[i]];
    const where = `cell ${i + 1}`;
    if (a.cell_type !== b.cell_type || text(a.source) !== text(b.source)) return `${where} differs in its source.`;
    const [outA, outB] = [(a.outputs ?? []).flatMap(outputSignature), (b.outputs ?? []).flatMap(outputSignature)];
    const kinds = (outputs: Array<[string, string]>) => outputs.map(([kind]) => kind).join(", ") || "none";
    if (kinds(outA) !== kinds(outB)) return `${where}: saved outputs [${kinds(outA)}], a fresh run gives [${kinds(outB)}].`;
    for (let k = 0; k < outA.length; k++) {
      if (outA[k][1] !== outB[k][1]) return `${where}, output ${k + 1} (${outA[k][0]}): ${firstLineDifference(outA[k][1], outB[k][1])}`;
    }
  }
  return null;
}

function firstLineDifference(saved: string, fresh: string): string {
  const [a, b] = [saved.split("\n"), fresh.split("\n")];
  const line = a.findIndex((l, i) => l !== b[i]);
  const at = line < 0 ? a.length : line;
  // Charts are one long line of SVG: show the text around the first differing character.
  const [x, y] = [a[at] ?? "", b[at] ?? ""];
  let char = 0;
  while (char < x.length && x[char] === y[char]) char += 1;
  const from = Math.max(0, char - 60);
  const clip = (s: string | undefined) => (s === undefined ? "(nothing)" : JSON.stringify(`${from > 0 ? "…" : ""}${s.slice(from, char + 60)}${s.length > char + 60 ? "…" : ""}`));
  return `line ${at + 1}, character ${char + 1}: saved ${clip(a[at])}, fresh ${clip(b[at])}.`;
}
