import type { TopLevelSpec } from "vega-lite";
import type { ReportData } from "./report-data.js";

/** One chart of the report: an id, a title, a Vega-Lite spec, and what it shows in words (caption and alt text). */
export interface ChartSpec {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly spec: TopLevelSpec;
}

const WIDTH = 600;
const HEIGHT = 260;
const RED = "#d62728";
const BLUE = "#1f77b4";
const GREEN = "#2ca02c";
const GREY = "#888";
const base = {
  width: WIDTH,
  height: HEIGHT,
  background: "white",
  config: { font: "sans-serif", axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: "normal" }, legend: { labelFontSize: 11, titleFontSize: 11 }, view: { stroke: null } },
} as const;
const percentAxis = { format: ".0%" } as const;
/** A 0–100% axis labelled every 10%. */
const tenths = { format: ".0%", values: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1] } as const;

/**
 * The HTML report's charts as Vega-Lite specs built from report numbers
 * (`reportData` / `report`; no data is computed here), in the report's
 * order: "threshold-curve", "score-bands", "gains", "reliability",
 * "distributions", "quadrants", "capacity", "velocity", "decay", "drift" —
 * each left out when its numbers are missing (no replay, no previous model…).
 * Draw one with `renderChartSvg(chart.spec)`, or hand the spec to any Vega-Lite viewer.
 */
export function buildCharts(data: ReportData): ChartSpec[] {
  return [
    thresholdCurve(data),
    scoreBands(data),
    gains(data),
    reliability(data),
    distributions(data),
    quadrants(data),
    capacity(data),
    velocity(data),
    decay(data),
    drift(data),
  ].filter((c): c is ChartSpec => c !== null);
}

function thresholdCurve(data: ReportData): ChartSpec | null {
  const curve = data.thresholdCurve;
  if (curve.length === 0) return null;
  const band = data.model.targetBand;
  const threshold = data.model.threshold;
  const top = Math.min(1, Math.max(band.max * 1.5, ...curve.map((p) => p.upper ?? 0)) * 1.05);
  const xMin = Math.min(...curve.map((p) => p.threshold));
  const xMax = Math.max(...curve.map((p) => p.threshold));
  return {
    id: "threshold-curve",
    title: "Close rate within the sales cycle, by threshold",
    description: `Replayed close rate (won within the ${data.salesCycleDays === null ? "sales cycle" : `${Math.round(data.salesCycleDays)}-day sales cycle`}) of the leads whose score reached each threshold, with its 95% interval (blue band); the ${pctText(band.min)}–${pctText(band.max)} target is shaded green${threshold === null ? "" : ` and the model's threshold of ${threshold} is the red dashed line`}. Thresholds with fewer than ${data.minDecided} decided leads are left out.`,
    spec: {
      ...base,
      layer: [
        {
          data: { values: [{ min: band.min, max: band.max, x: xMin, x2: xMax, label: `target ${pctText(band.min)}–${pctText(band.max)}` }] },
          layer: [
            { mark: { type: "rect", color: GREEN, opacity: 0.18 }, encoding: { x: { field: "x", type: "quantitative" }, x2: { field: "x2" }, y: { field: "min", type: "quantitative" }, y2: { field: "max" } } },
            { mark: { type: "text", align: "left", baseline: "top", dx: 4, dy: 3, color: "#2a7a2a", fontSize: 11, fontWeight: "bold" }, encoding: { x: { field: "x", type: "quantitative" }, y: { field: "max", type: "quantitative" }, text: { field: "label" } } },
          ],
        },
        { data: { values: curve }, mark: { type: "area", opacity: 0.22, color: BLUE }, encoding: { x: { field: "threshold", type: "quantitative", title: "threshold (points)", scale: { domain: [xMin, xMax], nice: false, padding: 8 } }, y: { field: "lower", type: "quantitative", title: "won within the sales cycle", axis: percentAxis, scale: { domain: [0, top], nice: false } }, y2: { field: "upper" } } },
        { data: { values: curve }, mark: { type: "line", point: { size: 25 }, color: BLUE }, encoding: { x: { field: "threshold", type: "quantitative" }, y: { field: "closeRate", type: "quantitative" } } },
        ...(threshold !== null ? [thresholdRule(threshold, `model threshold ${threshold}`)] : []),
      ],
    } as TopLevelSpec,
  };
}

function scoreBands(data: ReportData): ChartSpec | null {
  if (data.scoreBands.length === 0) return null;
  const rows = data.scoreBands.map((b) => ({ ...b, label: `n=${b.leads}` }));
  return {
    id: "score-bands",
    title: "Close rate by score band",
    description: "Share of closed leads won in each band of the score at hand-off (or close), with 95% Wilson intervals; n is the number of leads in the band — bands with few leads have wide intervals.",
    spec: {
      ...base,
      data: { values: rows },
      encoding: { x: { field: "band", type: "ordinal", sort: null, title: "score at hand-off (points)", axis: { labelAngle: 0 } } },
      layer: [
        { mark: { type: "bar", color: "#4c78a8", opacity: 0.85 }, encoding: { y: { field: "closeRate", type: "quantitative", title: "close rate", axis: percentAxis, scale: { domain: [0, 1] } } } },
        { mark: { type: "rule", color: "#333" }, encoding: { y: { field: "lower", type: "quantitative" }, y2: { field: "upper" } } },
        { mark: { type: "text", dy: -6, baseline: "bottom", fontSize: 10, color: "#444" }, encoding: { y: { field: "upper", type: "quantitative" }, text: { field: "label" } } },
      ],
    } as TopLevelSpec,
  };
}

function gains(data: ReportData): ChartSpec | null {
  if (data.gains.length < 2) return null;
  return {
    id: "gains",
    title: "Cumulative gains",
    description: "Share of won deals found among the highest-scored share of leads (blue); the dashed diagonal is what a random order finds.",
    spec: {
      ...base,
      layer: [
        { data: { values: [{ x: 0, y: 0 }, { x: 1, y: 1 }] }, mark: { type: "line", color: GREY, strokeDash: [4, 3] }, encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } } },
        { data: { values: data.gains }, mark: { type: "line", color: BLUE, point: { size: 25 } }, encoding: { x: { field: "shareOfLeads", type: "quantitative", title: "share of leads, highest scores first", axis: tenths }, y: { field: "shareOfWon", type: "quantitative", title: "share of won deals", axis: tenths } } },
      ],
    } as TopLevelSpec,
  };
}

function reliability(data: ReportData): ChartSpec | null {
  const bins = data.reliability?.bins.filter((b) => b.count > 0 && b.meanPredicted !== null) ?? [];
  if (bins.length === 0) return null;
  const top = Math.min(1, Math.max(0.2, ...bins.map((b) => Math.max(b.meanPredicted ?? 0, b.observedRate ?? 0))) * 1.1);
  return {
    id: "reliability",
    title: "Reliability of the close probability",
    description: `Mean predicted close probability against the observed close rate in each probability bin (circle area = leads); points on the dashed diagonal are well calibrated. Brier ${data.reliability!.brier.toFixed(4)}, ECE ${data.reliability!.ece.toFixed(4)}.`,
    spec: {
      ...base,
      layer: [
        { data: { values: [{ x: 0, y: 0 }, { x: top, y: top }] }, mark: { type: "line", color: GREY, strokeDash: [4, 3] }, encoding: { x: { field: "x", type: "quantitative" }, y: { field: "y", type: "quantitative" } } },
        {
          data: { values: bins },
          mark: { type: "circle", color: RED, opacity: 0.75, stroke: "#700", strokeWidth: 0.5 },
          encoding: {
            x: { field: "meanPredicted", type: "quantitative", title: "predicted close probability", axis: { ...percentAxis, tickCount: 10 }, scale: { domain: [0, top], nice: false } },
            y: { field: "observedRate", type: "quantitative", title: "observed close rate", axis: { ...percentAxis, tickCount: 10 }, scale: { domain: [0, top], nice: false } },
            size: { field: "count", type: "quantitative", title: "leads", scale: { range: [40, 900], zero: false } },
          },
        },
      ],
    } as TopLevelSpec,
  };
}

function distributions(data: ReportData): ChartSpec | null {
  if (data.distributions.length === 0) return null;
  const threshold = data.model.threshold;
  return {
    id: "distributions",
    title: "Scores of won and lost leads",
    description: `Share of won (green) and of lost (red) leads in each band of the score at hand-off; the further apart, the better the score separates them${threshold === null ? "" : `; the dashed line is the threshold of ${threshold}`}.`,
    spec: {
      ...base,
      layer: [
        {
          data: { values: data.distributions },
          transform: [{ joinaggregate: [{ op: "sum", field: "leads", as: "total" }], groupby: ["outcome"] }, { calculate: "datum.total > 0 ? datum.leads / datum.total : 0", as: "share" }],
          mark: { type: "bar", opacity: 0.55, binSpacing: 0 },
          encoding: {
            x: { field: "from", type: "quantitative", bin: { binned: true }, title: "score at hand-off (points)" },
            x2: { field: "to" },
            y: { field: "share", type: "quantitative", stack: null, title: "share of leads", axis: percentAxis },
            color: { field: "outcome", type: "nominal", title: null, scale: { domain: ["won", "lost"], range: [GREEN, RED] }, legend: { orient: "top-right" } },
          },
        },
        ...(threshold !== null ? [thresholdRule(threshold, `threshold ${threshold}`)] : []),
      ],
    } as TopLevelSpec,
  };
}

function quadrants(data: ReportData): ChartSpec | null {
  const q = data.quadrants;
  if (!q || q.total === 0) return null;
  const rows = [
    { quadrant: "yes: good FIT, high PAIN", leads: q.yes },
    { quadrant: "maybe: one of them low", leads: q.maybe },
    { quadrant: "no: both low", leads: q.no },
  ];
  return {
    id: "quadrants",
    title: "FIT and PAIN of SDR-ready leads",
    description: `SDR-ready leads when they reached the threshold: good FIT means FIT ≥ ${q.goodFitAtLeast}, high PAIN means PAIN ≥ ${q.highPainAtLeast}. More than 5% in "no" means the scoring needs adjusting.`,
    spec: {
      ...base,
      height: 120,
      data: { values: rows },
      encoding: { y: { field: "quadrant", type: "nominal", sort: null, title: null, axis: { labelLimit: 220 } } },
      layer: [
        { mark: "bar", encoding: { x: { field: "leads", type: "quantitative", title: "SDR-ready leads" }, color: { field: "quadrant", type: "nominal", legend: null, scale: { domain: rows.map((r) => r.quadrant), range: [GREEN, "#ff7f0e", RED] } } } },
        { mark: { type: "text", align: "left", dx: 4, fontSize: 11 }, encoding: { x: { field: "leads", type: "quantitative" }, text: { field: "leads" } } },
      ],
    } as TopLevelSpec,
  };
}

function capacity(data: ReportData): ChartSpec | null {
  const curve = data.thresholdCurve;
  if (curve.length === 0) return null;
  const perDay = data.capacity?.capacityPerDay ?? null;
  const threshold = data.model.threshold;
  return {
    id: "capacity",
    title: "SDR-ready leads per day, by threshold",
    description: perDay === null
      ? "How many leads a day each threshold would send to sales (give --sdr-capacity to draw the team's capacity)."
      : `How many leads a day each threshold would send to sales; the solid red line is the team's capacity of ${perDay} a day.`,
    spec: {
      ...base,
      layer: [
        { data: { values: curve }, mark: { type: "line", color: "#9467bd", point: { size: 25 } }, encoding: { x: { field: "threshold", type: "quantitative", title: "threshold (points)" }, y: { field: "perDay", type: "quantitative", title: "SDR-ready leads per day" } } },
        ...(perDay !== null
          ? [{
              data: { values: [{ capacity: perDay, label: `capacity ${perDay}/day` }] },
              layer: [
                { mark: { type: "rule" as const, color: RED, size: 2 }, encoding: { y: { field: "capacity", type: "quantitative" as const } } },
                { mark: { type: "text" as const, align: "right" as const, baseline: "bottom" as const, x: "width" as const, dy: -3, color: RED, fontSize: 11 }, encoding: { y: { field: "capacity", type: "quantitative" as const }, text: { field: "label" } } },
              ],
            }]
          : []),
        ...(threshold !== null ? [thresholdRule(threshold, `threshold ${threshold}`)] : []),
      ],
    } as TopLevelSpec,
  };
}

function velocity(data: ReportData): ChartSpec | null {
  const rows = [
    ["at training", data.velocity.atTraining],
    ["on this data", data.velocity.onData],
  ].flatMap(([when, v]) => {
    const evidence = v as ReportData["velocity"]["atTraining"];
    if (!evidence) return [];
    return [
      { when, speed: "fast", ...evidence.fast },
      { when, speed: "slow", ...evidence.slow },
    ];
  }).filter((r) => r.closeRate !== null);
  if (rows.length === 0) return null;
  return {
    id: "velocity",
    title: "Velocity: do fast leads close better?",
    description: "Close rate within the sales cycle of leads that reached the threshold faster (at least the median action points a day) or slower, with 95% intervals — at training and on this data.",
    spec: {
      ...base,
      height: 200,
      data: { values: rows },
      encoding: { y: { field: "when", type: "nominal", title: null, sort: ["at training", "on this data"] }, yOffset: { field: "speed", sort: ["fast", "slow"] } },
      layer: [
        { mark: { type: "bar", opacity: 0.8 }, encoding: { x: { field: "closeRate", type: "quantitative", title: "won within the sales cycle", axis: percentAxis }, color: { field: "speed", type: "nominal", title: null, scale: { domain: ["fast", "slow"], range: ["#ff7f0e", "#7f7f7f"] }, legend: { orient: "bottom", direction: "horizontal" } } } },
        { mark: { type: "rule", color: "#333" }, encoding: { x: { field: "lower", type: "quantitative" }, x2: { field: "upper" } } },
      ],
    } as TopLevelSpec,
  };
}

function decay(data: ReportData): ChartSpec | null {
  const rows = data.timeRules.decay.flatMap((d) => [
    { action: d.action, when: `recent (~${Math.round(d.medianAgeRecentDays)} d)`, group: "done recently", closeRate: d.recent.closeRate },
    { action: d.action, when: `older (~${Math.round(d.medianAgeOldDays)} d)`, group: "done longer ago", closeRate: d.old.closeRate },
    { action: d.action, when: "not done", group: "not done", closeRate: d.closeRateWithout },
  ]).filter((r) => r.closeRate !== null);
  if (rows.length === 0) return null;
  return {
    id: "decay",
    title: "Decay: does an action's effect fade with age?",
    description: "For each kept action, the close rate of leads that last did it shortly before hand-off, of those that did it longer before, and of leads that never did it. Similar recent and older rates mean the action keeps its full points.",
    spec: {
      ...base,
      height: Math.max(120, 26 * data.timeRules.decay.length),
      data: { values: rows },
      layer: [
        { mark: { type: "rule", color: "#bbb" }, transform: [{ filter: "datum.group !== 'not done'" }], encoding: { y: { field: "action", type: "nominal", title: null }, x: { aggregate: "min", field: "closeRate", type: "quantitative" }, x2: { aggregate: "max", field: "closeRate" } } },
        {
          mark: { type: "point", filled: true, size: 90 },
          encoding: {
            y: { field: "action", type: "nominal", title: null },
            x: { field: "closeRate", type: "quantitative", title: "close rate", axis: { ...percentAxis, tickCount: 6 } },
            color: { field: "group", type: "nominal", title: null, scale: { domain: ["done recently", "done longer ago", "not done"], range: [BLUE, "#ff7f0e", GREY] }, legend: { orient: "bottom", direction: "horizontal" } },
            shape: { field: "group", type: "nominal", scale: { domain: ["done recently", "done longer ago", "not done"], range: ["circle", "circle", "diamond"] } },
          },
        },
      ],
    } as TopLevelSpec,
  };
}

function drift(data: ReportData): ChartSpec | null {
  const features = data.drift?.features ?? [];
  // Bars under 0.001 are thinner than a pixel: with nothing to draw, the renderers say so in words.
  if (features.every((f) => f.psi < MIN_DRAWN_PSI)) return null;
  const rows = features.map((f) => ({ ...f, label: `${f.kind === "action" ? "action" : "profile"}: ${f.feature}` }));
  const top = Math.max(0.3, ...features.map((f) => f.psi)) * 1.05;
  return {
    id: "drift",
    title: "Drift since training: population stability index",
    description: "PSI of each action (share of leads that did it before hand-off) and each profile feature (its values) against the training data. Dashed lines: 0.10 (some shift) and 0.25 (major shift), the credit-scoring bands.",
    spec: {
      ...base,
      height: Math.max(120, 16 * rows.length),
      layer: [
        {
          data: { values: rows },
          mark: { type: "bar" },
          encoding: {
            y: { field: "label", type: "nominal", sort: "-x", title: null, axis: { labelLimit: 240 } },
            x: { field: "psi", type: "quantitative", title: "PSI", scale: { domain: [0, top], nice: false } },
            color: { field: "band", type: "nominal", title: null, scale: { domain: ["stable", "some shift", "major shift"], range: ["#8c9eb5", "#ff7f0e", RED] }, legend: { orient: "bottom", direction: "horizontal" } },
          },
        },
        { data: { values: [{ psi: 0.1 }, { psi: 0.25 }] }, mark: { type: "rule", color: RED, strokeDash: [4, 3] }, encoding: { x: { field: "psi", type: "quantitative" } } },
      ],
    } as TopLevelSpec,
  };
}

/** A dashed red vertical line at the threshold, labelled at the top. */
function thresholdRule(threshold: number, label: string) {
  return {
    data: { values: [{ threshold, label }] },
    layer: [
      { mark: { type: "rule" as const, color: RED, strokeDash: [5, 3], size: 2 }, encoding: { x: { field: "threshold", type: "quantitative" as const } } },
      { mark: { type: "text" as const, align: "left" as const, baseline: "top" as const, dx: 4, y: 2, color: RED, fontSize: 11 }, encoding: { x: { field: "threshold", type: "quantitative" as const }, text: { field: "label" } } },
    ],
  };
}

/** PSI below which a drift bar would be thinner than a pixel. */
export const MIN_DRAWN_PSI = 0.001;

const pctText = (rate: number) => `${Number((rate * 100).toFixed(1))}%`;

/**
 * SVG text for a Vega-Lite spec, rendered headless by Vega in Node (no
 * canvas, no browser, no network): the report embeds it inline.
 */
export async function renderChartSvg(spec: TopLevelSpec): Promise<string> {
  // Vega and Vega-Lite load on the first chart drawn: only an HTML report needs them.
  const [vega, { compile }] = await Promise.all([import("vega"), import("vega-lite")]);
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
