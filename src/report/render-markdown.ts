import { num, pct, pValue, signed } from "./format.js";
import type { ReportData } from "./report-data.js";

/** The report as Markdown: reads in a terminal and renders on code-hosting sites (tables, no HTML). */
export function renderMarkdown(data: ReportData): string {
  const lines: string[] = [];
  const table = (headers: string[], rows: string[][]) => {
    lines.push(`| ${headers.join(" | ")} |`, `|${headers.map(() => "---").join("|")}|`);
    for (const r of rows) lines.push(`| ${r.map((c) => c.replace(/\|/g, "\\|")).join(" | ")} |`);
    lines.push("");
  };
  lines.push("# leadlift calibration report", "");
  lines.push(`Model created ${data.model.createdAt} (${data.model.mode} mode, leadlift ${data.model.toolVersion}); generated ${data.generatedAt}.`, "");
  lines.push("## Verdict", "", data.verdict.text, "");
  for (const w of data.warnings) lines.push(`- ${w}`);
  if (data.warnings.length) lines.push("");
  lines.push("## Threshold curve", "", `Close rate within ${data.salesCycleDays === null ? "the sales cycle" : `the ${data.salesCycleDays.toFixed(0)}-day sales cycle`} of leads that reached each threshold (target ${pct(data.model.targetBand.min)}–${pct(data.model.targetBand.max)}; model threshold ${data.model.threshold ?? "none"}).`, "");
  const curve = data.thresholdCurve.filter((p) => p.decided >= 10);
  const step = Math.max(1, Math.ceil(curve.length / 15));
  table(
    ["threshold", "reached", "decided", "close rate", "95% interval", "per day", "won captured"],
    curve.filter((_, i) => i % step === 0 || curve[i].threshold === data.model.threshold).map((p) => [
      `${p.threshold}${p.threshold === data.model.threshold ? " ◀" : ""}`, String(p.reached), String(p.decided), pct(p.closeRate), `${pct(p.lower)}–${pct(p.upper)}`, num(p.perDay, 2), pct(p.wonCaptured),
    ]),
  );
  lines.push("## Close rate by score band", "");
  table(["band", "leads", "won", "close rate", "95% interval"], data.scoreBands.map((b) => [b.band, String(b.leads), String(b.won), pct(b.closeRate), `${pct(b.lower)}–${pct(b.upper)}`]));
  lines.push("## Cumulative gains", "");
  table(["top share of leads", "share of won deals", "lift"], data.gains.filter((_, i) => i % 4 === 0 || i === data.gains.length - 1).map((g) => [pct(g.shareOfLeads, 0), pct(g.shareOfWon), num(g.lift, 2)]));
  if (data.reliability) {
    lines.push(`## Reliability (Brier ${num(data.reliability.brier, 4)}, ECE ${num(data.reliability.ece, 4)}, AUC ${num(data.reliability.auc)})`, "");
    table(["predicted", "leads", "mean predicted", "observed"], data.reliability.bins.map((b) => [`${pct(b.lower, 0)}–${pct(b.upper, 0)}`, String(b.count), pct(b.meanPredicted), pct(b.observedRate)]));
  }
  lines.push("## Actions", "");
  table(
    ["action", "points", "lift", "95% interval", "leads", "share of won", "p", "Holm p", "kept", "why dropped"],
    data.actions.map((a) => [a.action, signed(a.points), pct(a.lift), a.lower === null ? "n/a" : `${pct(a.lower)}–${pct(a.upper)}`, String(a.leads), pct(a.shareOfWon), pValue(a.pValue), pValue(a.adjustedPValue), a.kept ? "yes" : "no", a.reason ?? ""]),
  );
  if (data.quadrants) {
    const q = data.quadrants;
    lines.push("## FIT and PAIN of SDR-ready leads", "", `yes ${q.yes}, maybe ${q.maybe}, no ${q.no} (${pct(q.noShare)} no). Good FIT: FIT ≥ ${q.goodFitAtLeast}; high PAIN: PAIN ≥ ${q.highPainAtLeast}.${data.profileOnly ? ` ${pct(data.profileOnly.share)} of leads are SDR-ready on profile alone.` : ""}`, "");
  }
  if (data.capacity) {
    const c = data.capacity;
    lines.push("## Capacity", "", `${num(c.perDay, 2)} SDR-ready leads a day (${num(c.per48Hours, 1)} per 48 hours)${c.capacityPerDay === null ? "." : c.withinCapacity ? `, within the team's ${c.capacityPerDay} a day.` : `, over the team's ${c.capacityPerDay} a day.`}`, "");
  }
  if (data.velocity) lines.push("## Velocity", "", data.velocity.conclusion, "");
  lines.push("## Data", "");
  table(["file", "rows", "used", "skipped", "rejected"], data.data.files.map((f) => [f.file, String(f.rows), String(f.used), String(f.skipped), String(f.rejected)]));
  lines.push(`${data.data.won} won, ${data.data.lost} lost, ${data.data.openExcluded} open (left out of close rates).`, "");
  if (data.drift) {
    lines.push("## Drift", "");
    if (data.drift.scorePsi !== null) lines.push(`Score PSI against training: ${num(data.drift.scorePsi)} (${data.drift.scorePsiBand}).`, "");
    if (data.drift.features.length) table(["feature", "PSI", "reading"], data.drift.features.map((f) => [f.feature, num(f.psi), f.band]));
    const p = data.drift.previous;
    if (p) {
      lines.push(`Previous model ${p.createdAt}: threshold ${p.thresholdFrom ?? "none"} → ${p.thresholdTo ?? "none"}; added ${p.added.join(", ") || "none"}; dropped ${p.dropped.join(", ") || "none"}; re-weighted ${p.reweighted.map((r) => `${r.action} ${signed(r.from)}→${signed(r.to)}`).join(", ") || "none"}.`, "");
      table(["model", "AUC", "Brier", "close rate at threshold", "leads at threshold"], p.metrics.map((m) => [m.model, num(m.auc), num(m.brier, 4), pct(m.closeRateAtThreshold), String(m.decided)]));
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
