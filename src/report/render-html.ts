import { buildCharts, renderChartSvg } from "./charts.js";
import { escapeHtml, num, pct, pValue, signed } from "./format.js";
import type { ReportData } from "./report-data.js";

/**
 * One self-contained HTML page: inline CSS, charts as inline SVG rendered
 * at build time, a few lines of inline script to sort the action table —
 * no network requests, opens from disk, prints on A4.
 */
export async function renderHtml(data: ReportData): Promise<string> {
  const charts = await Promise.all(
    buildCharts(data).map(async (chart) => ({ ...chart, svg: await renderChartSvg(chart.spec) })),
  );
  const chart = (id: string) => {
    const c = charts.find((x) => x.id === id);
    return c
      ? `<figure class="chart" id="chart-${c.id}" role="img" aria-label="${escapeHtml(c.description)}"><figcaption>${escapeHtml(c.title)}</figcaption>${c.svg}<p class="note">${escapeHtml(c.description)}</p></figure>`
      : `<p class="note">Not enough data for this chart.</p>`;
  };
  const e = escapeHtml;
  const section = (title: string, body: string) => `<section><h2>${e(title)}</h2>${body}</section>`;
  const table = (headers: string[], rows: string[][], attributes = "") =>
    `<table ${attributes}><thead><tr>${headers.map((h) => `<th>${e(h)}</th>`).join("")}</tr></thead><tbody>${rows
      .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`)
      .join("")}</tbody></table>`;
  const at = data.atThreshold;
  const parts: string[] = [];
  parts.push(`<header><h1>leadlift calibration report</h1><p class="meta">Model created ${e(data.model.createdAt)} (${e(data.model.mode)} mode, leadlift ${e(data.model.toolVersion)}); report generated ${e(data.generatedAt)}. Target close rate ${pct(data.model.targetBand.min)}–${pct(data.model.targetBand.max)} within ${data.salesCycleDays === null ? "the sales cycle" : `the ${data.salesCycleDays.toFixed(0)}-day sales cycle`}.</p></header>`);
  parts.push(section("Verdict", `<p class="verdict verdict-${e(data.verdict.status)}">${e(data.verdict.text)}</p>${data.warnings.length ? `<ul class="warnings">${data.warnings.map((w) => `<li>${e(w)}</li>`).join("")}</ul>` : ""}`));
  parts.push(section("Threshold curve", `${chart("threshold-curve")}${at ? `<p>At the model's threshold of ${data.model.threshold}: ${at.reached} leads reached it, ${at.successes} won within the cycle, ${at.failures} did not, ${at.censored} still open (censored); ${num(at.perDay, 2)} a day; ${pct(at.wonCaptured)} of won deals captured.</p>` : ""}`));
  parts.push(section("Close rate by score band", `${chart("score-bands")}${table(["band", "leads", "won", "close rate", "95% interval"], data.scoreBands.map((b) => [e(b.band), String(b.leads), String(b.won), pct(b.closeRate), `${pct(b.lower)}–${pct(b.upper)}`]))}`));
  parts.push(section("Cumulative gains", chart("gains")));
  parts.push(section("Reliability of the close probability", `${chart("reliability")}${data.reliability ? table(["predicted", "leads", "mean predicted", "observed"], data.reliability.bins.map((b) => [`${pct(b.lower, 0)}–${pct(b.upper, 0)}`, String(b.count), pct(b.meanPredicted), pct(b.observedRate)])) : "<p>No calibrated probabilities to check.</p>"}`));
  parts.push(section("Scores of won and lost leads", `${chart("distributions")}${data.reliability?.auc != null ? `<p>AUC of the score on this data: ${num(data.reliability.auc)}.</p>` : ""}`));
  parts.push(
    section(
      "Actions",
      `<p class="note">Click a column to sort. Lift is the exposure-adjusted difference in close rate; p-values are two-sided, with Holm's adjustment across all actions.</p>${table(
        ["action", "points", "lift", "95% interval", "leads", "share of won", "p", "Holm p", "kept", "why dropped"],
        data.actions.map((a) => [
          e(a.action),
          signed(a.points),
          pct(a.lift),
          a.lower === null ? "n/a" : `${pct(a.lower)}–${pct(a.upper)}`,
          String(a.leads),
          pct(a.shareOfWon),
          pValue(a.pValue),
          pValue(a.adjustedPValue),
          a.kept ? "yes" : "no",
          e(a.reason ?? ""),
        ]),
        'class="sortable" id="actions"',
      )}`,
    ),
  );
  const q = data.quadrants;
  parts.push(section("FIT and PAIN of SDR-ready leads", `${chart("quadrants")}${q ? `<p>${q.yes} yes, ${q.maybe} maybe, ${q.no} no (${pct(q.noShare)} no; above 5% the scoring needs adjusting).${data.profileOnly ? ` ${pct(data.profileOnly.share)} of leads are SDR-ready on profile alone.` : ""}</p>` : ""}`));
  const cap = data.capacity;
  parts.push(section("Capacity", `${chart("capacity")}${cap ? `<p>${num(cap.perDay, 2)} SDR-ready leads a day, ${num(cap.per48Hours, 1)} per 48 hours${cap.capacityPerDay === null ? "." : cap.withinCapacity ? `, within the team's ${cap.capacityPerDay} a day.` : `, over the team's ${cap.capacityPerDay} a day${cap.fittingThreshold ? `; a threshold of ${cap.fittingThreshold.threshold} fits` : ""}.`}</p>` : ""}`));
  const v = data.velocity;
  parts.push(section("Velocity", v ? `<p>${e(v.conclusion)}</p>${table(["speed", "leads", "won in cycle", "close rate"], [["faster than median", String(v.fast.leads), String(v.fast.won), pct(v.fast.closeRate)], ["median or slower", String(v.slow.leads), String(v.slow.won), pct(v.slow.closeRate)]])}` : "<p>Too few SDR-ready leads to compare fast and slow ones.</p>"));
  const d = data.data;
  parts.push(
    section(
      "Data",
      `${table(["file", "rows", "used", "skipped", "rejected"], d.files.map((f) => [e(f.file), String(f.rows), String(f.used), String(f.skipped), String(f.rejected)]))}<p>${d.won} won and ${d.lost} lost leads; ${d.openExcluded} open leads left out of close rates.${d.dateRange ? ` Leads created ${e(d.dateRange.from.slice(0, 10))} to ${e(d.dateRange.to.slice(0, 10))}.` : " No creation dates."}${Object.keys(d.issueCounts).length ? ` Row issues: ${e(Object.entries(d.issueCounts).map(([k, n]) => `${k} ${n}`).join(", "))}.` : ""}</p>`,
    ),
  );
  const drift = data.drift;
  if (drift) {
    const prev = drift.previous;
    parts.push(
      section(
        "Drift",
        `${drift.scorePsi !== null ? `<p>Score PSI against the training data: ${num(drift.scorePsi)} (${e(drift.scorePsiBand ?? "")}).</p>` : ""}${chart("drift")}${
          prev
            ? `<p>Against the previous model (${e(prev.createdAt)}): threshold ${prev.thresholdFrom ?? "none"} → ${prev.thresholdTo ?? "none"}; added ${e(prev.added.join(", ") || "none")}; dropped ${e(prev.dropped.join(", ") || "none")}; re-weighted ${e(prev.reweighted.map((r) => `${r.action} ${signed(r.from)}→${signed(r.to)}`).join(", ") || "none")}.</p>${table(["model", "AUC", "Brier", "close rate at its threshold", "leads at threshold"], prev.metrics.map((m) => [m.model, num(m.auc), num(m.brier, 4), pct(m.closeRateAtThreshold), String(m.decided)]))}`
            : ""
        }`,
      ),
    );
  }
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>leadlift calibration report</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:980px;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem;margin-top:2rem}
.meta,.note{color:#666;font-size:.9rem}.verdict{font-size:1.05rem;padding:.8rem 1rem;border-left:5px solid #999;background:#f6f6f6}
.verdict-in-band{border-color:#2ca02c}.verdict-below-band,.verdict-above-band,.verdict-no-threshold{border-color:#d62728}
table{border-collapse:collapse;font-size:.85rem;margin:.6rem 0;width:100%}th,td{border-bottom:1px solid #eee;padding:.25rem .4rem;text-align:left}
th{background:#fafafa;cursor:pointer}figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.3rem}svg{max-width:100%;height:auto}
.warnings li{color:#8a4b00}
@media print{body{max-width:none;margin:0}section{break-inside:avoid}th{cursor:auto}}
</style></head><body>
${parts.join("\n")}
<script>
document.querySelectorAll("table.sortable th").forEach(function (th, index) {
  th.addEventListener("click", function () {
    var body = th.closest("table").tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var ascending = th.dataset.order !== "asc";
    th.dataset.order = ascending ? "asc" : "desc";
    var value = function (row) { var t = row.cells[index].textContent.replace(/[%+]/g, ""); var n = parseFloat(t); return isNaN(n) ? t : n; };
    rows.sort(function (a, b) { var x = value(a), y = value(b); return (x > y ? 1 : x < y ? -1 : 0) * (ascending ? 1 : -1); });
    rows.forEach(function (row) { body.appendChild(row); });
  });
});
</script>
</body></html>
`;
}
