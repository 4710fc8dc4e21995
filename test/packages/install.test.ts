import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScorer } from "../../src/runtime/index.js";
import { train, TOOL_VERSION, type ModelV1 } from "../../src/index.js";
import { handModel } from "../helpers/model-fixture.js";
import { installInEmptyProject, packPackages, REPO, run, temporaryFolder, type PackedTarball } from "../helpers/packed-packages.js";

const SAMPLE = join(REPO, "data/sample");
const TSC = join(REPO, "node_modules/typescript/bin/tsc");
/** Modules `leadlift --version` must not load: charts, Parquet, DuckDB, the HTTP server, and the training code's schema library. */
const HEAVY = /vega|hyparquet|duckdb|\/zod\/|node:http\b|\/serve\/create-server\.js|\/model\/|\/report\//;

/** Everything the packed packages may hold: compiled code and declarations, the bin, the manifest and README. */
const SHIPPED = /^(package\.json|README\.md|bin\/leadlift\.js|dist\/.+\.(js|d\.ts))$/;

describe("the packed packages, installed into empty projects", () => {
  const temp = temporaryFolder("leadlift-install-");
  let runtime: PackedTarball;
  let toolkit: PackedTarball;
  /** A project with only leadlift-runtime; another with both packages. */
  let runtimeOnly: string;
  let project: string;

  beforeAll(() => {
    ({ runtime, toolkit } = packPackages(temp.dir));
    runtimeOnly = installInEmptyProject(join(temp.dir, "runtime-only"), [runtime.path]);
    project = installInEmptyProject(join(temp.dir, "toolkit"), [runtime.path, toolkit.path]);
  }, 300_000);
  // Removing two installed node_modules trees can take a while on a loaded machine.
  afterAll(() => temp.remove(), 120_000);

  it("packs leadlift-runtime with no dependencies: compiled code, declarations and its README only", () => {
    const manifest = JSON.parse(readFileSync(join(runtimeOnly, "node_modules/leadlift-runtime/package.json"), "utf8"));
    for (const field of ["dependencies", "peerDependencies", "optionalDependencies", "bundleDependencies"]) {
      expect(Object.keys(manifest[field] ?? {}), field).toEqual([]);
    }
    expect(runtime.files.filter((file) => !SHIPPED.test(file))).toEqual([]);
    expect(runtime.files).toEqual(expect.arrayContaining(["dist/index.js", "dist/index.d.ts", "dist/internal.js", "dist/internal.d.ts", "README.md"]));
  });

  it("packs the toolkit without tests, data, bench, eval, sources or a copy of the runtime, depending on this runtime version", () => {
    expect(toolkit.files.filter((file) => !SHIPPED.test(file))).toEqual([]);
    expect(toolkit.files.filter((file) => file.startsWith("dist/runtime/"))).toEqual([]);
    expect(toolkit.files).toEqual(expect.arrayContaining(["bin/leadlift.js", "dist/index.js", "dist/index.d.ts", "dist/cli/main.js", "dist/runtime-entry.js"]));
    const manifest = JSON.parse(readFileSync(join(project, "node_modules/leadlift/package.json"), "utf8"));
    expect(manifest.dependencies["leadlift-runtime"]).toBe(runtime.version);
    expect(Object.keys(manifest.dependencies)).not.toEqual(expect.arrayContaining(["arquero"]));
    expect(Object.keys(manifest.dependencies)).not.toContain("tsx");
  });

  it("installs leadlift-runtime alone and scores a lead exactly as the source does", () => {
    writeFileSync(join(runtimeOnly, "model.json"), JSON.stringify(handModel()));
    const lead = { title: "VP Sales", email: "ana@acme.com", visits: "7" };
    const events = [{ action: "demo_request", occurred_at: "2025-02-01T10:00:00Z" }];
    const script = `
      import { readFileSync } from "node:fs";
      import { createScorer } from "leadlift-runtime";
      const scorer = createScorer(JSON.parse(readFileSync("model.json", "utf8")));
      console.log(JSON.stringify(scorer.score(${JSON.stringify(lead)}, ${JSON.stringify(events)}, "2025-03-01T00:00:00Z")));`;
    const { stdout } = run(process.execPath, ["--input-type=module", "-e", script], runtimeOnly);
    const expected = createScorer(handModel()).score(lead, events, "2025-03-01T00:00:00Z");
    expect(JSON.parse(stdout)).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(expected.score).toBe(44);
  });

  it("gives leadlift-runtime declarations that type-check with nothing else installed (no schema library behind the model type)", () => {
    writeFileSync(
      join(runtimeOnly, "consumer.ts"),
      [
        'import { createScorer, parseInstant, type LeadScore, type ScoringModel } from "leadlift-runtime";',
        "export function scoreOne(model: ScoringModel): LeadScore {",
        '  return createScorer(model).score({ title: "VP Sales" }, [{ action: "demo_request", occurred_at: "2025-02-01T10:00:00Z" }], parseInstant("2025-03-01T00:00:00Z") ?? 0);',
        "}",
        "",
      ].join("\n"),
    );
    const config = { compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", lib: ["ES2022"], types: [], strict: true, noEmit: true, skipLibCheck: false }, files: ["consumer.ts"] };
    writeFileSync(join(runtimeOnly, "tsconfig.json"), JSON.stringify(config));
    expect(run(process.execPath, [TSC, "-p", "."], runtimeOnly).stdout).toBe("");
    expect(existsSync(join(runtimeOnly, "node_modules/zod"))).toBe(false);
  });

  it("installs the toolkit with no overrides: nothing that fails to resolve on this registry, one runtime shared with leadlift/runtime", () => {
    expect(JSON.parse(readFileSync(join(project, "package.json"), "utf8")).overrides).toBeUndefined();
    expect(existsSync(join(project, "node_modules/arquero"))).toBe(false);
    expect(existsSync(join(project, "node_modules/@uwdata/flechette"))).toBe(false);
    expect(existsSync(join(project, "node_modules/tsx"))).toBe(false);
    expect(existsSync(join(project, "node_modules/leadlift/node_modules/leadlift-runtime"))).toBe(false);
    const script = `
      import * as runtime from "leadlift-runtime";
      import * as compat from "leadlift/runtime";
      import * as leadlift from "leadlift";
      console.log(JSON.stringify({
        shared: compat.createScorer === runtime.createScorer && compat.ScoringError === runtime.ScoringError,
        api: ["train", "score", "report", "renderReport", "sql", "reportData", "renderHtml", "renderMarkdown", "scoreFiles", "trainAndCalibrate"].filter((name) => typeof leadlift[name] !== "function"),
        version: leadlift.TOOL_VERSION,
      }));`;
    const { stdout } = run(process.execPath, ["--input-type=module", "-e", script], project);
    expect(JSON.parse(stdout)).toEqual({ shared: true, api: [], version: TOOL_VERSION });
  });

  it("gives the toolkit declarations a TypeScript consumer can use: the library API, leadlift/runtime's ModelV1 scored by leadlift-runtime", () => {
    writeFileSync(
      join(project, "consumer.ts"),
      [
        'import { renderReport, report, score, sql, train, type ModelV1 } from "leadlift";',
        'import type { ModelV1 as CompatModel } from "leadlift/runtime";',
        'import { createScorer } from "leadlift-runtime";',
        "export async function run(): Promise<string> {",
        '  const model: ModelV1 = await train({ leads: "leads.csv" }, { training: { mode: "auto" } });',
        "  const same: CompatModel = model;",
        "  createScorer(same).score({}, [], 0);",
        '  await score(model, { leads: "leads.csv", out: "scores.csv" });',
        '  return (await renderReport(await report(model, { leads: "leads.csv" }), "markdown")) + sql(model);',
        "}",
        "",
      ].join("\n"),
    );
    // The toolkit's declarations mention Node's types (streams), as a Node library's do: the consumer has @types/node (here, the repository's).
    const compilerOptions = { module: "NodeNext", moduleResolution: "NodeNext", target: "ES2022", strict: true, noEmit: true, skipLibCheck: false, typeRoots: [join(REPO, "node_modules/@types")], types: ["node"] };
    writeFileSync(join(project, "tsconfig.json"), JSON.stringify({ compilerOptions, files: ["consumer.ts"] }));
    expect(run(process.execPath, [TSC, "-p", "."], project).stdout).toBe("");
  });

  it("runs npx leadlift --version from compiled JavaScript, loading none of the heavy modules", () => {
    expect(run("npx", ["--no-install", "leadlift", "--version"], project).stdout).toBe(`${TOOL_VERSION}\n`);
    writeFileSync(join(project, "log-loads.mjs"), 'export async function resolve(specifier, context, next) { const result = await next(specifier, context); process.stderr.write(`LOADED ${result.url}\\n`); return result; }\n');
    writeFileSync(join(project, "register.mjs"), 'import { register } from "node:module";\nregister(new URL("./log-loads.mjs", import.meta.url));\n');
    const { stdout, stderr } = run(process.execPath, ["--import", "./register.mjs", "node_modules/leadlift/bin/leadlift.js", "--version"], project);
    expect(stdout).toBe(`${TOOL_VERSION}\n`);
    const loaded = stderr.split("\n").filter((line) => line.startsWith("LOADED ")).map((line) => line.slice(7));
    expect(loaded).toContain(new URL("node_modules/leadlift/dist/cli/main.js", `file://${project}/`).href);
    expect(loaded.filter((url) => url.endsWith(".ts"))).toEqual([]);
    expect(loaded.filter((url) => HEAVY.test(url))).toEqual([]);
  });

  it("runs npx leadlift train on the bundled sample and writes the model the library's train returns", async () => {
    const files = { leads: join(SAMPLE, "leads.csv"), events: join(SAMPLE, "events.csv"), outcomes: join(SAMPLE, "outcomes.csv") };
    const { stdout } = run("npx", ["--no-install", "leadlift", "train", "--leads", files.leads, "--events", files.events, "--outcomes", files.outcomes, "--out", "model.json"], project);
    expect(stdout).toMatch(/SDR-ready threshold: /);
    const installed = JSON.parse(readFileSync(join(project, "model.json"), "utf8")) as ModelV1;
    const library = await train(files);
    const withoutCreatedAt = ({ createdAt, ...rest }: ModelV1) => rest;
    expect(withoutCreatedAt(installed)).toEqual(JSON.parse(JSON.stringify(withoutCreatedAt(library))));
  }, 120_000);
});
