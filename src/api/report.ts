import { loadCrm } from "../io/load-crm.js";
import type { ModelV1 } from "../model/types.js";
import { reportData, type ReportData } from "../report/report-data.js";
import { renderMarkdown } from "../report/render-markdown.js";
import { resolveConfig, type ConfigInput } from "./config-input.js";
import { isLoaded, type CrmInput } from "./train.js";

/** Options for `report`. */
export interface ReportOptions {
  /** Recorded as the report's `generatedAt`. Default: now. */
  readonly now?: Date;
  /** The model this one replaces, for drift and model changes. Default none. */
  readonly previous?: ModelV1;
}

/** Report formats `renderReport` writes. */
export const REPORT_FORMATS = ["html", "markdown", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/**
 * The numbers of `leadlift report` for a model on an export (typically last
 * month's, reaching back past the maturity window): verdict, threshold curve,
 * close rate by score band, gains, reliability, distributions, actions,
 * quadrants, capacity, velocity, drift and model changes. Render them with
 * `renderReport` (or `renderHtml` / `renderMarkdown`); the JSON form
 * follows `report.schema.json`.
 * @param config column mapping and settings; `calibration.sdrCapacityPerDay` and `salesCycleDays` override the model's. Default: all defaults.
 * @throws LeadliftError for an invalid config or unreadable files or columns.
 */
export async function report(model: ModelV1, inputs: CrmInput, config?: ConfigInput, options: ReportOptions = {}): Promise<ReportData> {
  const parsed = resolveConfig(config);
  const crm = isLoaded(inputs) ? inputs : await loadCrm(inputs, parsed);
  return reportData(model, crm, parsed, { now: options.now ?? new Date(), previous: options.previous });
}

/**
 * The report as text: one self-contained HTML page with inline SVG charts
 * (Vega-Lite rendered in Node, loaded only here), Markdown for a terminal,
 * or indented JSON — what `leadlift report` writes for `.html`, `.md`, `.json`.
 */
export async function renderReport(data: ReportData, format: ReportFormat): Promise<string> {
  if (format === "html") {
    const { renderHtml } = await import("../report/render-html.js");
    return renderHtml(data);
  }
  return format === "markdown" ? renderMarkdown(data) : `${JSON.stringify(data, null, 2)}\n`;
}
