/**
 * Type-checks the notebooks' code cells with the project's own compiler
 * settings, against the public API's types, without Jupyter or Deno.
 *
 * Why: a notebook cell is only run by `npm run notebooks`, which needs a
 * Jupyter client; a renamed field in the public API would otherwise break
 * the notebooks silently for `npm test`. Deno's own `deno check` reads the
 * project's Node settings (NodeNext, package exports, `paths`) differently,
 * so the cells are checked by tsc instead: each notebook's code cells are
 * joined, in order, into one module (a notebook shares its top-level names
 * across cells, as that module does), with a declaration of the little of
 * `Deno` the cells use. Errors are reported as notebook, cell and line.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** Where a line of a joined module came from. */
interface CellLine {
  readonly cell: number;
  readonly line: number;
}

/** A notebook's code cells joined into one module, with where each line came from. */
export interface JoinedCells {
  readonly source: string;
  readonly origins: CellLine[];
}

/** What the cells may use of Deno's globals (the Jupyter kernel's display and the environment). */
const DENO_DECLARATIONS = `declare namespace Deno {
  const jupyter: {
    display(value: Record<string, unknown>, options?: { raw?: boolean; update?: boolean; display_id?: string }): Promise<void>;
  };
  const env: { get(name: string): string | undefined };
}
`;

/**
 * Joins a notebook's code cells (1-based cell numbers count every cell, as
 * Jupyter shows them), rewriting the import of the notebooks' dataset glue
 * so it resolves from `outDir`.
 */
export function joinCodeCells(notebook: { cells: Array<{ cell_type: string; source: string | string[] }> }, datasetImport: string): JoinedCells {
  const lines: string[] = [];
  const origins: CellLine[] = [];
  notebook.cells.forEach((cell, c) => {
    if (cell.cell_type !== "code") return;
    const source = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
    source
      .replaceAll('"./dataset.ts"', JSON.stringify(datasetImport))
      .split("\n")
      .forEach((text, l) => {
        lines.push(text);
        origins.push({ cell: c + 1, line: l + 1 });
      });
  });
  lines.push("export {};");
  return { source: lines.join("\n") + "\n", origins };
}

/**
 * Type-checks every notebook in `notebooksDir` (default: the project's
 * notebooks/). Returns the errors, each naming notebook, cell and line; empty
 * when all cells check.
 */
export function typecheckNotebookCells(notebooksDir = join(ROOT, "notebooks")): string[] {
  const work = join(ROOT, "node_modules", ".cache", `leadlift-notebook-cells-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  try {
    const joined = new Map<string, JoinedCells>();
    for (const file of readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).sort()) {
      const notebook = JSON.parse(readFileSync(join(notebooksDir, file), "utf8"));
      const cells = joinCodeCells(notebook, relative(work, join(notebooksDir, "dataset.ts")));
      const moduleName = file.replace(/\.ipynb$/, ".ts");
      writeFileSync(join(work, moduleName), cells.source);
      joined.set(moduleName, cells);
    }
    writeFileSync(join(work, "deno.d.ts"), DENO_DECLARATIONS);
    writeFileSync(
      join(work, "tsconfig.json"),
      JSON.stringify({
        extends: relative(work, join(ROOT, "tsconfig.json")),
        compilerOptions: { noEmit: true, allowImportingTsExtensions: true, rootDir: relative(work, ROOT), declaration: false },
        include: ["*.ts"],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(work, "tsconfig.json"), "--pretty", "false"], { encoding: "utf8", cwd: work });
    if (tsc.error) throw new Error(`Could not run the TypeScript compiler to check the notebooks' cells: ${tsc.error.message}`);
    if (tsc.status === 0) return [];
    // tsc continues a long message on indented lines: they belong to the error above them.
    const errors: string[] = [];
    for (const line of `${tsc.stdout}${tsc.stderr}`.split("\n")) {
      if (line.trim() === "") continue;
      if (/^\s/.test(line) && errors.length > 0) errors[errors.length - 1] += `\n${line}`;
      else errors.push(line);
    }
    return errors.map((error) => locate(error, work, joined, notebooksDir));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** "…/retrain.ts(144,13): error TS…" → "notebooks/retrain.ipynb cell 9, line 3, column 13: error TS…". */
function locate(error: string, work: string, joined: Map<string, JoinedCells>, notebooksDir: string): string {
  const match = /^(.*?)\((\d+),(\d+)\): (.*)$/s.exec(error);
  if (!match) return error;
  const [, path, line, column, message] = match;
  const moduleName = relative(work, resolve(work, path));
  const origin = joined.get(moduleName)?.origins[Number(line) - 1];
  if (!origin) return error;
  return `${relative(ROOT, join(notebooksDir, moduleName.replace(/\.ts$/, ".ipynb")))} cell ${origin.cell}, line ${origin.line}, column ${column}: ${message}`;
}
