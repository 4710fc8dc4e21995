import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { loadCrm } from "../../src/io/load-crm.js";
import { trainAndCalibrate } from "../../src/model/train-and-calibrate.js";
import { reportData } from "../../src/report/report-data.js";
import { renderHtml } from "../../src/report/render-html.js";

/** Debian's Chromium; .ci/run installs it (apt-get install chromium) before the tests. */
const CHROMIUM = process.env.LEADLIFT_CHROMIUM ?? "/usr/bin/chromium";
const SAMPLE = join(import.meta.dirname, "../../data/sample");
const OUT = join(import.meta.dirname, "../../tmp/report");

describe("HTML report in real headless Chromium", () => {
  it("opens from disk with no console errors and no network requests, and every chart draws marks", async () => {
    expect(existsSync(CHROMIUM), `Chromium not found at ${CHROMIUM}: run "apt-get install -y chromium" (as .ci/run does)`).toBe(true);
    const config = await loadConfig();
    const crm = await loadCrm({ leads: join(SAMPLE, "leads.csv"), events: join(SAMPLE, "events.csv"), outcomes: join(SAMPLE, "outcomes.csv") }, config);
    const { model } = trainAndCalibrate(crm, config, { now: new Date("2026-01-01T00:00:00Z"), toolVersion: "test" });
    const html = await renderHtml(reportData(model, crm, config, { now: new Date("2026-01-01T00:00:00Z"), previous: model }));
    mkdirSync(OUT, { recursive: true });
    const path = join(OUT, "report.html");
    writeFileSync(path, html);

    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      const consoleErrors: string[] = [];
      const requests: string[] = [];
      page.on("console", (message) => { if (message.type() === "error") consoleErrors.push(message.text()); });
      page.on("pageerror", (error) => consoleErrors.push(error.message));
      page.on("request", (request) => { if (!request.url().startsWith("file://")) requests.push(request.url()); });
      await page.goto(pathToFileURL(path).href, { waitUntil: "load" });

      const charts = await page.$$eval("figure.chart", (figures) =>
        figures.map((figure) => ({
          id: figure.id,
          marks: figure.querySelectorAll("svg path, svg rect:not(.background), svg circle, svg line").length,
        })),
      );
      expect(charts.map((c) => c.id)).toEqual(
        expect.arrayContaining(["chart-threshold-curve", "chart-score-bands", "chart-gains", "chart-reliability", "chart-distributions", "chart-quadrants", "chart-capacity", "chart-drift"]),
      );
      for (const chart of charts) expect(chart.marks, `${chart.id} has no drawn marks`).toBeGreaterThan(3);

      const headings = await page.$$eval("h2", (h) => h.map((x) => x.textContent));
      expect(headings.slice(0, 3)).toEqual(["Verdict", "Threshold curve", "Close rate by score band"]);

      // The action table sorts when a header is clicked.
      const firstPoints = () => page.$$eval("#actions tbody tr td:nth-child(2)", (cells) => cells.map((c) => Number(c.textContent)));
      await page.click("#actions thead th:nth-child(2)");
      const ascending = await firstPoints();
      expect(ascending).toEqual([...ascending].sort((a, b) => a - b));

      await page.screenshot({ path: join(OUT, "report.png"), fullPage: true });
      expect(consoleErrors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  }, 120_000);
});
