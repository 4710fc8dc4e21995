import { capacitySentence, day, dayRange, int, num, pct, pctRange, pp, ppRange, pValue, signed } from "./format.js";
import type { ReportData } from "./report-data.js";
import { actionsNote, atThresholdLine, dataLines, previousComparisonLine, profileNote, quadrantsLine, reliabilityLine, timeRulesLines, velocityLine, wonWithin } from "./report-sentences.js";

/** Prose is wrapped at this many columns so it reads in an 80–120 column terminal. */
const WIDTH = 100;

interface Column {
  readonly label: string;
  /** Numbers are right-aligned. */
  readonly right?: boolean;
}

/** Words of `text` wrapped at WIDTH columns; continuation lines start with `indent`. */
function wrap(text: string, first = "", indent = ""): string {
  const lines: string[] = [];
  let line = first;
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line.length === 0 || line === first ? `${line}${word}` : `${line} ${word}`;
    if (candidate.length > WIDTH && line.trim().length > first.trim().length) {
      lines.push(line);
      line = `${indent}${word}`;
    } else line = candidate;
  }
  lines.push(line);
  return lines.join("\n");
}

/** A pipe table padded to column widths, so that it lines up as plain text too; numeric columns right-aligned. */
function table(columns: readonly Column[], rows: readonly string[][]): string {
  const escape = (c: string) => c.replace(/\|/g, "\\|");
  const cells = rows.map((r) => r.map(escape));
  const widths = columns.map((c, i) => Math.max(c.label.length, 3, ...cells.map((r) => (r[i] ?? "").length)));
  const pad = (value: string, i: number) => (columns[i].right ? value.padStart(widths[i]) : value.padEnd(widths[i]));
  const line = (values: string[]) => `| ${values.map(pad).join(" | ")} |`;
  const rule = `|${columns.map((c, i) => (c.right ? `${"-".repeat(widths[i] + 1)}:` : `:${"-".repeat(widths[i] + 1)}`)).join("|")}|`;
  return [line(columns.map((c) => c.label)), rule, ...cells.map(line)].join("\n");
}

/**
 * The report as Markdown: reads in a terminal (prose wrapped at 100 columns,
 * tables padded so they line up as plain text, no table wider than needed)
 * and renders on code-hosting sites (pipe tables, no HTML).
 */
export function renderMarkdown(data: ReportData): string {
  const out: string[] = [];
  const block = (...parts: string[]) => out.push(...parts, "");
  const para = (text: string) => block(wrap(text));
  const bullets = (items: readonly string[]) => block(items.map((item) => wrap(item, "- ", "  ")).join("\n"));
  const band = data.model.targetBand;
  const won = wonWithin(data.salesCycleDays, data.noCloseDates);

  block("# leadlift calibration report");
  para(
    `Model created ${day(data.model.createdAt)} (${data.model.mode} mode, leadlift ${data.model.toolVersion}), trained on leads created ${dayRange(data.model.trainingPeriod)}. This data: leads created ${dayRange(data.data.dateRanges.created)}. Target: ${pctRange(band.min, band.max)} of SDR-ready leads ${won}. Generated ${data.generatedAt}.`,
  );

  block("## Verdict");
  para(data.verdict.text);
  const at = data.atThreshold;
  const oot = data.outOfTime;
  block(
    table(
      [{ label: "figure" }, { label: "value" }],
      [
        ["SDR-ready threshold", data.model.threshold === null ? "none" : `${data.model.threshold} points`],
        ["On this data", at?.closeRate != null ? `${pct(at.closeRate)} (${pctRange(at.closeRateInterval?.lower, at.closeRateInterval?.upper)}), ${int(at.successes + at.failures)} decided` : "not measurable"],
        ["Out of time, at training", oot?.closeRate != null ? `${pct(oot.closeRate)} (${pctRange(oot.lower, oot.upper)}), ${int(oot.decided)} decided` : "not checked"],
        ["Score AUC on this data", num(data.scoreAuc)],
        ["Score drift (PSI)", data.drift?.scorePsi != null ? `${num(data.drift.scorePsi)} (${data.drift.scorePsiBand})` : "no baseline"],
      ],
    ),
  );
  if (data.warnings.length) {
    block("Warnings:");
    bullets(data.warnings);
  }

  block("## Threshold curve");
  para(
    `Share of leads ${won} after their replayed score first reached each threshold (thresholds with at least ${data.minDecided} decided leads; "decided" leaves out leads still open or too recent to judge).`,
  );
  const curve = data.thresholdCurve;
  const step = Math.max(1, Math.ceil(curve.length / 14));
  const marked = (t: number) => t === data.model.threshold || t === data.bestOnData?.threshold;
  const shown = curve.filter((p, i) => i % step === 0 || i === curve.length - 1 || marked(p.threshold));
  if (shown.length) {
    block(
      table(
        [{ label: "threshold", right: true }, { label: "" }, { label: "reached", right: true }, { label: "decided", right: true }, { label: "close rate", right: true }, { label: "95% interval", right: true }, { label: "per day", right: true }, { label: "won captured", right: true }],
        shown.map((p) => [
          String(p.threshold),
          p.threshold === data.model.threshold ? "◀ model" : p.threshold === data.bestOnData?.threshold ? "◀ best here" : "",
          int(p.reached),
          int(p.decided),
          pct(p.closeRate),
          pctRange(p.lower, p.upper),
          num(p.perDay, 2),
          pct(p.wonCaptured),
        ]),
      ),
    );
  } else para("No threshold has enough decided leads on this data.");
  if (at) {
    para(atThresholdLine(data.model.threshold, at, won));
  }

  block("## Close rate by score band");
  block(
    table(
      [{ label: "score at hand-off" }, { label: "leads", right: true }, { label: "won", right: true }, { label: "close rate", right: true }, { label: "95% interval", right: true }],
      data.scoreBands.map((b) => [b.band, int(b.leads), int(b.won), pct(b.closeRate), pctRange(b.lower, b.upper)]),
    ),
  );

  block("## Cumulative gains");
  const deciles = data.gains.filter((g) => g.shareOfLeads > 0 && Math.abs(g.shareOfLeads * 10 - Math.round(g.shareOfLeads * 10)) < 1e-9);
  if (deciles.length) {
    block(
      table(
        [{ label: "top share of leads", right: true }, { label: "won deals found", right: true }, { label: "lift", right: true }],
        deciles.map((g) => [pct(g.shareOfLeads, 0), pct(g.shareOfWon), num(g.lift, 2)]),
      ),
    );
  } else para("No won deal in this data.");

  block("## Reliability of the close probability");
  const rel = data.reliability;
  para(reliabilityLine(data));
  if (rel) {
    block(
      table(
        [{ label: "predicted", right: true }, { label: "leads", right: true }, { label: "mean predicted", right: true }, { label: "observed", right: true }],
        rel.bins.filter((b) => b.count > 0).map((b) => [pctRange(b.lower, b.upper, 0), int(b.count), pct(b.meanPredicted), pct(b.observedRate)]),
      ),
    );
    const empty = rel.bins.filter((b) => b.count === 0);
    if (empty.length) para(`No leads predicted in ${empty.map((b) => pctRange(b.lower, b.upper, 0)).join(", ")}.`);
  }

  block("## Scores of won and lost leads");
  const qw = data.scoreQuartiles.won;
  const ql = data.scoreQuartiles.lost;
  block(
    table(
      [{ label: "leads" }, { label: "lower quartile", right: true }, { label: "median", right: true }, { label: "upper quartile", right: true }],
      [
        ["won", num(qw?.q1, 1), num(qw?.median, 1), num(qw?.q3, 1)],
        ["lost", num(ql?.q1, 1), num(ql?.median, 1), num(ql?.q3, 1)],
      ],
    ),
  );
  if (data.scoreAuc !== null) para(`AUC ${num(data.scoreAuc)}: a random won lead scored above a random lost one ${pct(data.scoreAuc, 0)} of the time (50% is chance).`);

  block("## Actions");
  para(actionsNote(data.pointsBasis));
  const kept = data.actions.filter((a) => a.kept);
  const dropped = data.actions.filter((a) => !a.kept);
  if (kept.length) {
    block(
      table(
        [{ label: "kept action" }, { label: "points", right: true }, { label: "lift", right: true }, { label: "95% interval", right: true }, { label: "leads", right: true }, { label: "of won", right: true }, { label: "p", right: true }, { label: "Holm p", right: true }],
        kept.map((a) => [a.action, signed(a.points), pp(a.lift), ppRange(a.lower, a.upper), int(a.leads), pct(a.shareOfWon), pValue(a.pValue), pValue(a.adjustedPValue)]),
      ),
    );
  }
  if (dropped.length) {
    block("Dropped (no points):");
    bullets(
      dropped.map((a) =>
        a.lift === null
          ? `${a.action}: ${a.reason ?? "dropped"}.`
          : `${a.action}: lift ${pp(a.lift)} (${ppRange(a.lower, a.upper)}), ${int(a.leads)} leads, ${pct(a.shareOfWon)} of won, p ${pValue(a.pValue)} — ${a.reason ?? "dropped"}.`,
      ),
    );
  }

  block("## Profile values (FIT)");
  para(profileNote(data.pointsBasis));
  const keptProfile = data.profile.filter((r) => r.kept && r.points !== 0);
  if (keptProfile.length) {
    block(
      table(
        [{ label: "profile value" }, { label: "vs" }, { label: "points", right: true }, { label: "lift", right: true }, { label: "95% interval", right: true }, { label: "leads", right: true }, { label: "p", right: true }],
        keptProfile.map((r) => [`${r.feature} = ${r.value}${r.role === "pain" ? " (PAIN)" : ""}`, r.comparedWith, signed(r.points), pp(r.lift), ppRange(r.lower, r.upper), int(r.leads), pValue(r.pValue)]),
      ),
    );
  } else para("No profile value earns points: every lead gets the same FIT.");
  const droppedProfile = data.profile.filter((r) => !r.kept && r.reason && !/^reference level/.test(r.reason));
  if (droppedProfile.length) {
    const many = droppedProfile.length > 1;
    para(`${int(droppedProfile.length)} more profile ${many ? "values earn" : "value earns"} no points (${many ? "their reasons are" : "its reason is"} in the model file and the JSON report).`);
  }

  block("## FIT and PAIN of SDR-ready leads");
  const q = data.quadrants;
  if (q) {
    block(
      table(
        [{ label: "quadrant" }, { label: "meaning" }, { label: "leads", right: true }, { label: "share", right: true }],
        [
          ["yes", `FIT ≥ ${q.goodFitAtLeast} and PAIN ≥ ${q.highPainAtLeast}`, int(q.yes), pct(q.total ? q.yes / q.total : null)],
          ["maybe", "one of them low", int(q.maybe), pct(q.total ? q.maybe / q.total : null)],
          ["no", "both low", int(q.no), pct(q.noShare)],
        ],
      ),
    );
    para(quadrantsLine(q, data.profileOnly));
  } else para("No SDR-ready leads to place.");

  block("## Capacity");
  const c = data.capacity;
  if (c) {
    para(`At the threshold: ${capacitySentence(c)}`);
  } else para("No threshold to check capacity at.");

  block("## Velocity and other time rules");
  para(velocityLine(data.velocity));
  const velocityRows = ([["at training", data.velocity.atTraining], ["on this data", data.velocity.onData]] as const).flatMap(([when, v]) =>
    v
      ? [
          [when, `faster (≥ ${num(v.medianPointsPerDay, 2)}/day)`, int(v.fast.leads), int(v.fast.won), pct(v.fast.closeRate), pctRange(v.fast.lower, v.fast.upper)],
          [when, "slower", int(v.slow.leads), int(v.slow.won), pct(v.slow.closeRate), pctRange(v.slow.lower, v.slow.upper)],
        ]
      : [],
  );
  if (velocityRows.length) {
    block(
      table(
        [{ label: "measured" }, { label: "action points a day" }, { label: "leads", right: true }, { label: "won in cycle", right: true }, { label: "close rate", right: true }, { label: "95% interval", right: true }],
        velocityRows,
      ),
    );
  }
  const decay = data.timeRules.decay;
  if (decay.length) {
    block(
      table(
        [{ label: "action" }, { label: "half-life" }, { label: "done recently", right: true }, { label: "done longer ago", right: true }, { label: "never", right: true }, { label: "p", right: true }],
        decay.map((d) => [
          d.action,
          d.halfLifeDays === null ? "none" : `${num(d.halfLifeDays, 0)} d (${d.source})`,
          `${pct(d.recent.closeRate)} at ~${Math.round(d.medianAgeRecentDays)} d`,
          `${pct(d.old.closeRate)} at ~${Math.round(d.medianAgeOldDays)} d`,
          pct(d.closeRateWithout),
          pValue(d.pValue),
        ]),
      ),
    );
  }
  bullets(timeRulesLines(data.timeRules));

  block("## Data");
  const d = data.data;
  block(
    table(
      [{ label: "file" }, { label: "rows", right: true }, { label: "used", right: true }, { label: "skipped", right: true }, { label: "rejected", right: true }],
      d.files.map((f) => [f.file, int(f.rows), int(f.used), int(f.skipped), int(f.rejected)]),
    ),
  );
  bullets(dataLines(data));

  const drift = data.drift;
  if (drift) {
    block("## Drift");
    if (drift.scorePsi !== null) {
      para(`Score PSI against the training data: ${num(drift.scorePsi)} (${drift.scorePsiBand}; under 0.10 stable, 0.10–0.25 some shift, above 0.25 major shift). Closed leads, as in training.`);
      block(
        table(
          [{ label: "score at hand-off" }, { label: "training", right: true }, { label: "this data", right: true }],
          drift.scoreBins.map((b) => [b.from === null ? `≤ ${b.to}` : b.to === null ? `> ${b.from}` : `${b.from} < s ≤ ${b.to}`, pct(b.expected), pct(b.actual)]),
        ),
      );
    } else para("The model carries no training distributions: drift against training cannot be measured.");
    if (drift.features.length) {
      block(
        table(
          [{ label: "feature" }, { label: "kind" }, { label: "PSI", right: true }, { label: "reading" }, { label: "most moved" }, { label: "training", right: true }, { label: "now", right: true }],
          drift.features.map((f) => [f.feature, f.kind, num(f.psi), f.band, f.value, pct(f.expectedShare), pct(f.actualShare)]),
        ),
      );
    }
    const p = drift.previous;
    if (p) {
      block("### Against the previous model");
      para(`Previous model created ${day(p.previousCreatedAt)}. Threshold ${p.thresholdFrom ?? "none"} → ${p.thresholdTo ?? "none"}.`);
      const changes = [...p.added, ...p.dropped, ...p.reweighted];
      if (changes.length) {
        block(
          table(
            [{ label: "change" }, { label: "signal" }, { label: "before", right: true }, { label: "now", right: true }],
            changes.map((ch) => [ch.from === null ? "added" : ch.to === null ? "dropped" : "re-weighted", `${ch.kind === "profile" ? "profile " : ""}${ch.name}`, ch.from === null ? "—" : signed(ch.from), ch.to === null ? "—" : signed(ch.to)]),
          ),
        );
      } else para("No points changed.");
      para(previousComparisonLine(p.windowDays));
      block(
        table(
          [{ label: "model" }, { label: "threshold", right: true }, { label: "decided", right: true }, { label: "close rate", right: true }, { label: "95% interval", right: true }, { label: "in band" }, { label: "AUC", right: true }, { label: "Brier", right: true }],
          p.metrics.map((m) => [m.model, m.threshold === null ? "none" : String(m.threshold), int(m.decided), pct(m.closeRate), pctRange(m.lower, m.upper), m.inBand === null ? "n/a" : m.inBand ? "yes" : "no", num(m.auc), num(m.brier, 4)]),
        ),
      );
    }
  }
  return `${out.join("\n").trimEnd()}\n`;
}
