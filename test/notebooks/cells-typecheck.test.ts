import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { joinCodeCells, typecheckNotebookCells } from "../../scripts/notebook-cells.js";
import { writeTempFiles } from "../helpers/temp-files.js";

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

const notebook = (...cells: Array<[string, string]>) =>
  JSON.stringify({ cells: cells.map(([cell_type, source]) => ({ cell_type, source: source.split(/(?<=\n)/), metadata: {}, outputs: [] })) });

describe("notebook cells are type-checked against the public API", () => {
  it("the bundled notebooks' cells type-check", () => {
    expect(typecheckNotebookCells()).toEqual([]);
  });

  it("a cell misusing the API fails, named by notebook, cell and line; Deno's display and env check", () => {
    const files = writeTempFiles({
      "good.ipynb": notebook(
        ["code", 'import { train } from "leadlift";\nconst { display } = Deno.jupyter;'],
        ["markdown", "# not code"],
        ["code", 'await display({ "text/plain": String(typeof train) }, { raw: true });\nconsole.log(Deno.env.get("HOME") ?? "");'],
      ),
      "bad.ipynb": notebook(
        ["code", 'import { train } from "leadlift";'],
        ["markdown", "text"],
        ["code", "const fine = 1;\nconst points: number = train;"],
      ),
    });
    created.push(files.dir);
    const errors = typecheckNotebookCells(files.dir);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/bad\.ipynb cell 3, line 2, column 7: error TS2322/);
  });

  it("joins code cells in order, skipping other cells, and points the dataset import at the glue file", () => {
    const joined = joinCodeCells(
      JSON.parse(notebook(["code", 'import { openDataset } from "./dataset.ts";'], ["markdown", "x"], ["code", "a\nb"])),
      "../../notebooks/dataset.ts",
    );
    expect(joined.source).toBe('import { openDataset } from "../../notebooks/dataset.ts";\na\nb\nexport {};\n');
    expect(joined.origins).toEqual([{ cell: 1, line: 1 }, { cell: 3, line: 1 }, { cell: 3, line: 2 }]);
  });
});
