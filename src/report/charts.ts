import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { ReportData } from "./report-data.js";

/** One chart of the report: a title, a Vega-Lite spec, and what it shows in words (for alt text). */
export interface ChartSpec {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly spec: TopLevelSpec;
}

const WIDTH = 560;
const HEIGHT = 260;
const base = { width: WIDTH, height: HEIGHT, config: { font: "sans-serif", axis: { labelFontSize: 11, titleFontSize: 12 } } } as const;

/** The report's charts as Vega-Lite specs built from report numbers (no data is computed here). */
export function buildCharts(data: ReportData): ChartSpec[] {
  const charts: ChartSpec[] = [];
  const band = data.model.targetBand;
  const curve = data.thresholdCurve.filter((p) => p.closeRate !== null && p.decided >= 10);
  if (curve.length > 0) {
    charts.push({
      id: "threshold-curve",
      title: "Close rate within the sales cycle, by threshold",
      description: "Replayed close rate of leads that reached each threshold, with its 95% interval; the target band is shaded and the model's threshold marked.",
      spec: {
        ...base,
        layer: [
          { data: { values: [{ min: band.min, max: band.max }] }, mark: { type: "rect", color: "#2ca02c", opacity: 0.15 }, encoding: { y: { field: "min", type: "quantitative" }, y2: { field: "max" } } },
          { data: { values: curve }, mark: { type: "area", opacity: 0.25, color: "#1f77b4" }, encoding: { x: { field: "threshold", type: "quantitative", title: "threshold (points)" }, y: { field: "lower", type: "quantitative", title: "close rate", axis: { format: ".0%" } }, y2: { field: "upper" } } },
          { data: { values: curve }, mark: { type: "line", point: true, color: "#1f77b4" }, encoding: { x: { field: "threshold", type: "quantitative" }, y: { field: "closeRate", type: "quantitative" }, tooltip: [{ field: "threshold" }, { field: "closeRate", format: ".1%" }, { field: "decided" }] } },
          ...(data.model.threshold !== null
            ? [{ data: { values: [{ threshold: data.model.threshold }] }, mark: { type: "rule" as const, color: "#d62728", strokeDash: [4, 3], size: 2 }, encoding: { x: { field: "threshold", type: "quantitative" as const } } }]
            : []),
        ],
      } as TopLevelSpec,
    });
  }
  if (data.scoreBands.length > 0) {
    charts.push({
      id: "score-bands",
      title: "Close rate by score band",
      description: "Share of closed leads won in each band of final score, with 95% Wilson intervals.",
      spec: {
        ...base,
        data: { values: data.scoreBands },
        layer: [
          { mark: { type: "bar", color: "#4c78a8" }, encoding: { x: { field: "band", type: "ordinal", sort: null, title: "score band" }, y: { field: "closeRate", type: "quantitative", title: "close rate", axis: { format: ".0%" } } } },
          { mark: { type: "rule", color: "#333" }, encoding: { x: { field: "band", type: "ordinal", sort: null }, y: { field: "lower", type: "quantitative" }, y2: { field: "upper" } } },
        ],
      } as TopLevelSpec,
    });
  }
  if (data.gains.length > 1) {
    charts.push({
      id: "gains",
      title: "Cumulative gains",
      description: "Share of won deals found among the top-scored share of leads; the diagonal is random order.",
      spec: {
        ...base,
        layer: [
          { data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }, mark: { type: "line", color: "#999", strokeDash: [4, 3] }, encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } } },
          { data: { values: data.gains }, mark: { type: "line", color: "#1f77b4", point: true }, encoding: { x: { field: "shareOfLeads", type: "quantitative", title: "share of leads (highest scores first)", axis: { format: ".0%" } }, y: { field: "shareOfWon", type: "quantitative", title: "share of won deals", axis: { format: ".0%" } } } },
        ],
      } as TopLevelSpec,
    });
  }
  const bins = data.reliability?.bins.filter((b) => b.count > 0 && b.meanPredicted !== null) ?? [];
  if (bins.length > 0) {
    charts.push({
      id: "reliability",
      title: `Reliability: predicted vs observed close rate (Brier ${data.reliability!.brier.toFixed(4)}, ECE ${data.reliability!.ece.toFixed(4)})`,
      description: "Mean predicted close probability against the observed close rate per probability bin; points on the diagonal are well calibrated. Empty bins are left out and listed in the table.",
      spec: {
        ...base,
        layer: [
          { data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }, mark: { type: "line", color: "#999", strokeDash: [4, 3] }, encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } } },
          { data: { values: bins }, mark: { type: "circle", color: "#d62728", opacity: 0.8 }, encoding: { x: { field: "meanPredicted", type: "quantitative", title: "predicted close probability", scale: { domain: [0, 1] } }, y: { field: "observedRate", type: "quantitative", title: "observed close rate", scale: { domain: [0, 1] } }, size: { field: "count", type: "quantitative", title: "leads" } } },
        ],
      } as TopLevelSpec,
    });
  }
  if (data.distributions.length > 0) {
    charts.push({
      id: "distributions",
      title: "Score distribution of won and lost leads",
      description: "Share of won and of lost leads in each score bin: the further apart, the better the score separates them.",
      spec: {
        ...base,
        data: { values: data.distributions },
        transform: [{ joinaggregate: [{ op: "sum", field: "leads", as: "total" }], groupby: ["outcome"] }, { calculate: "datum.total > 0 ? datum.leads / datum.total : 0", as: "share" }],
        mark: { type: "bar", opacity: 0.6 },
        encoding: {
          x: { field: "from", type: "quantitative", bin: { binned: true }, title: "score at cut-off" },
          x2: { field: "to" },
          y: { field: "share", type: "quantitative", stack: null, title: "share of leads", axis: { format: ".0%" } },
          color: { field: "outcome", type: "nominal", scale: { domain: ["won", "lost"], range: ["#2ca02c", "#d62728"] } },
        },
      } as TopLevelSpec,
    });
  }
  if (data.quadrants && data.quadrants.total > 0) {
    const q = data.quadrants;
    charts.push({
      id: "quadrants",
      title: "FIT/PAIN quadrants of SDR-ready leads",
      description: `yes = good FIT and high PAIN, maybe = one low, no = both low (FIT ≥ ${q.goodFitAtLeast}, PAIN ≥ ${q.highPainAtLeast}).`,
      spec: {
        ...base,
        height: 160,
        data: { values: [{ quadrant: "yes", leads: q.yes }, { quadrant: "maybe", leads: q.maybe }, { quadrant: "no", leads: q.no }] },
        mark: "bar",
        encoding: {
          y: { field: "quadrant", type: "nominal", sort: ["yes", "maybe", "no"], title: null },
          x: { field: "leads", type: "quantitative", title: "SDR-ready leads" },
          color: { field: "quadrant", type: "nominal", legend: null, scale: { domain: ["yes", "maybe", "no"], range: ["#2ca02c", "#ff7f0e", "#d62728"] } },
        },
      } as TopLevelSpec,
    });
  }
  if (curve.length > 0) {
    const capacity = data.capacity?.capacityPerDay ?? null;
    charts.push({
      id: "capacity",
      title: "SDR-ready leads per day, by threshold",
      description: capacity === null ? "How many leads a day each threshold would send to sales (set --sdr-capacity to draw the team's capacity)." : `How many leads a day each threshold would send; the line is the team's capacity of ${capacity} a day.`,
      spec: {
        ...base,
        layer: [
          { data: { values: curve }, mark: { type: "line", color: "#9467bd", point: true }, encoding: { x: { field: "threshold", type: "quantitative", title: "threshold (points)" }, y: { field: "perDay", type: "quantitative", title: "SDR-ready leads per day" } } },
          ...(capacity !== null ? [{ data: { values: [{ capacity }] }, mark: { type: "rule" as const, color: "#d62728" }, encoding: { y: { field: "capacity", type: "quantitative" as const } } }] : []),
          ...(data.model.threshold !== null ? [{ data: { values: [{ threshold: data.model.threshold }] }, mark: { type: "rule" as const, color: "#d62728", strokeDash: [4, 3] }, encoding: { x: { field: "threshold", type: "quantitative" as const } } }] : []),
        ],
      } as TopLevelSpec,
    });
  }
  if (data.drift && data.drift.features.length > 0) {
    charts.push({
      id: "drift",
      title: "Drift since training: population stability index",
      description: "PSI of each action's frequency against the training data; 0.10 and 0.25 are the usual credit-scoring alert bands.",
      spec: {
        ...base,
        height: Math.max(120, 18 * data.drift.features.length),
        layer: [
          { data: { values: data.drift.features }, mark: { type: "bar", color: "#8c564b" }, encoding: { y: { field: "feature", type: "nominal", sort: "-x", title: null }, x: { field: "psi", type: "quantitative", title: "PSI" } } },
          { data: { values: [{ psi: 0.1 }, { psi: 0.25 }] }, mark: { type: "rule", color: "#d62728", strokeDash: [4, 3] }, encoding: { x: { field: "psi", type: "quantitative" } } },
        ],
      } as TopLevelSpec,
    });
  }
  return charts;
}

/**
 * SVG text for a Vega-Lite spec, rendered headless by Vega in Node (no
 * canvas, no browser, no network): the report embeds it inline.
 */
export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
