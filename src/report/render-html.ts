import { buildCharts, MIN_DRAWN_PSI, renderChartSvg } from "./charts.js";
import { htmlPage } from "./html-page.js";
import { capacitySentence, day, dayRange, escapeHtml as e, int, num, pct, pctRange, pp, ppRange, pValue, signed } from "./format.js";
import type { ReportData } from "./report-data.js";
import { actionsNote, atThresholdLine, dataLines, previousComparisonLine, profileNote, quadrantsLine, reliabilityLine, timeRulesLines, velocityLine, wonWithin } from "./report-sentences.js";

/** One table cell: its HTML, and the value the sortable table sorts it by (else its text). */
interface Cell {
  readonly html: string;
  readonly sort?: number | string | null;
}

/** A column: its header, and whether it holds numbers (right-aligned, nowrap). */
interface Column {
  readonly label: string;
  readonly numeric?: boolean;
  readonly title?: string;
}

const cell = (html: string, sort?: number | string | null): Cell => ({ html, sort });
const text = (value: string, sort?: number | string | null): Cell => cell(e(value), sort);

function table(columns: readonly Column[], rows: readonly Cell[][], attributes = ""): string {
  const head = columns
    .map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ""}${c.title ? ` title="${e(c.title)}"` : ""}>${e(c.label)}</th>`)
    .join("");
  const body = rows
    .map(
      (row) =>
        `<tr>${row
          .map((c, i) => {
            const sort = c.sort === undefined || c.sort === null ? "" : ` data-sort="${e(String(c.sort))}"`;
            return `<td${columns[i]?.numeric ? ' class="num"' : ""}${sort}>${c.html}</td>`;
          })
          .join("")}</tr>`,
    )
    .join("");
  return `<table ${attributes}><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

const section = (id: string, title: string, body: string) => `<section id="${id}"><h2>${e(title)}</h2>${body}</section>`;
const para = (html: string) => `<p>${html}</p>`;

/**
 * One self-contained HTML page: inline CSS, charts as inline SVG rendered
 * at build time, a few lines of inline script to sort the action table —
 * no network requests, opens from disk, prints on A4 (charts and table rows
 * are not split across pages, table headers repeat).
 */
export async function renderHtml(data: ReportData): Promise<string> {
  const charts = await Promise.all(buildCharts(data).map(async (chart) => ({ ...chart, svg: await renderChartSvg(chart.spec) })));
  const chart = (id: string) => {
    const c = charts.find((x) => x.id === id);
    return c
      ? `<figure class="chart" id="chart-${c.id}"><div class="chart-title">${e(c.title)}</div><div class="chart-svg" role="img" aria-label="${e(c.description)}">${c.svg}</div><figcaption>${e(c.description)}</figcaption></figure>`
      : `<p class="note">Not enough data for this chart.</p>`;
  };
  const parts: string[] = [];
  const band = data.model.targetBand;
  const won = wonWithin(data.salesCycleDays, data.noCloseDates);

  parts.push(
    `<header><h1>leadlift calibration report</h1><p class="meta">Model created ${e(day(data.model.createdAt))} (${e(data.model.mode)} mode, leadlift ${e(data.model.toolVersion)}), trained on leads created ${e(dayRange(data.model.trainingPeriod))}. This data: leads created ${e(dayRange(data.data.dateRanges.created))}. Target: ${pctRange(band.min, band.max)} of SDR-ready leads ${e(won)}. Generated ${e(data.generatedAt)}.</p></header>`,
  );

  // Verdict
  const at = data.atThreshold;
  const oot = data.outOfTime;
  const figures: Array<[string, string, string]> = [
    ["SDR-ready threshold", data.model.threshold === null ? "none" : `${data.model.threshold} points`, `target ${pctRange(band.min, band.max)}`],
    ["Close rate on this data", at?.closeRate != null ? pct(at.closeRate) : "n/a", at?.closeRate != null ? `${pctRange(at.closeRateInterval?.lower, at.closeRateInterval?.upper)}; ${int(at.successes + at.failures)} decided` : "not measurable"],
    ["Out of time, at training", oot?.closeRate != null ? pct(oot.closeRate) : "n/a", oot?.closeRate != null ? `${pctRange(oot.lower, oot.upper)}; ${int(oot.decided)} decided` : "not checked"],
    ["Score AUC on this data", num(data.scoreAuc), "0.5 is chance"],
    ["Score drift (PSI)", data.drift?.scorePsi != null ? num(data.drift.scorePsi) : "n/a", data.drift?.scorePsiBand ?? "no baseline"],
  ];
  parts.push(
    section(
      "verdict",
      "Verdict",
      `<p class="verdict verdict-${e(data.verdict.status)}">${e(data.verdict.text)}</p><dl class="figures">${figures.map(([k, v, note]) => `<div><dt>${e(k)}</dt><dd>${e(v)}<span>${e(note)}</span></dd></div>`).join("")}</dl>${
        data.warnings.length ? `<ul class="warnings">${data.warnings.map((w) => `<li>${e(w)}</li>`).join("")}</ul>` : ""
      }`,
    ),
  );

  // Threshold curve
  const curveRows = data.thresholdCurve.map((p) => [
    text(`${p.threshold}${p.threshold === data.model.threshold ? " (model)" : p.threshold === data.bestOnData?.threshold ? " (best here)" : ""}`, p.threshold),
    text(int(p.reached), p.reached),
    text(int(p.decided), p.decided),
    text(pct(p.closeRate), p.closeRate),
    text(pctRange(p.lower, p.upper), p.lower),
    text(num(p.perDay, 2), p.perDay),
    text(pct(p.wonCaptured), p.wonCaptured),
  ]);
  parts.push(
    section(
      "threshold-curve",
      "Threshold curve",
      `${chart("threshold-curve")}${
        at
          ? para(atThresholdLine(data.model.threshold, at, won))
          : ""
      }${
        data.bestOnData
          ? para(
              data.bestOnData.threshold === data.model.threshold
                ? `On this data the model's threshold is also the in-band threshold most likely to stay in the target here.`
                : `On this data, the in-band threshold most likely to stay in the target is ${data.bestOnData.threshold} (${pct(data.bestOnData.closeRate)} of ${int(data.bestOnData.decided)} decided leads).`,
            )
          : para("On this data no threshold lands in the target band.")
      }<details><summary>Every threshold with at least ${data.minDecided} decided leads</summary>${table(
        [{ label: "threshold", numeric: true }, { label: "reached", numeric: true }, { label: "decided", numeric: true }, { label: "close rate", numeric: true }, { label: "95% interval", numeric: true }, { label: "per day", numeric: true }, { label: "won deals captured", numeric: true }],
        curveRows,
      )}</details>`,
    ),
  );

  // Score bands
  parts.push(
    section(
      "score-bands",
      "Close rate by score band",
      `${chart("score-bands")}${table(
        [{ label: "score band" }, { label: "leads", numeric: true }, { label: "won", numeric: true }, { label: "close rate", numeric: true }, { label: "95% interval", numeric: true }],
        data.scoreBands.map((b) => [text(b.band), text(int(b.leads)), text(int(b.won)), text(pct(b.closeRate)), text(pctRange(b.lower, b.upper))]),
        'class="compact"',
      )}`,
    ),
  );

  // Gains
  const deciles = data.gains.filter((g) => g.shareOfLeads > 0 && Math.abs(g.shareOfLeads * 10 - Math.round(g.shareOfLeads * 10)) < 1e-9);
  const topFifth = data.gains.find((g) => Math.abs(g.shareOfLeads - 0.2) < 1e-9);
  parts.push(
    section(
      "gains",
      "Cumulative gains",
      `${chart("gains")}${topFifth ? para(`The top 20% of leads by score hold ${pct(topFifth.shareOfWon)} of the won deals: ${num(topFifth.lift, 2)} times what a random 20% would.`) : ""}${
        deciles.length ? table([{ label: "top share of leads", numeric: true }, { label: "won deals found", numeric: true }, { label: "lift", numeric: true }], deciles.map((g) => [text(pct(g.shareOfLeads, 0)), text(pct(g.shareOfWon)), text(num(g.lift, 2))]), 'class="compact"') : ""
      }`,
    ),
  );

  // Reliability
  const rel = data.reliability;
  parts.push(
    section(
      "reliability",
      "Reliability of the close probability",
      rel
        ? `${chart("reliability")}${para(reliabilityLine(data))}${table(
            [{ label: "predicted" }, { label: "leads", numeric: true }, { label: "mean predicted", numeric: true }, { label: "observed", numeric: true }],
            rel.bins.filter((b) => b.count > 0).map((b) => [text(pctRange(b.lower, b.upper, 0)), text(int(b.count)), text(pct(b.meanPredicted)), text(pct(b.observedRate))]),
            'class="compact"',
          )}${emptyBins(rel.bins)}`
        : para(reliabilityLine(data)),
    ),
  );

  // Distributions
  const qw = data.scoreQuartiles.won;
  const ql = data.scoreQuartiles.lost;
  parts.push(
    section(
      "distributions",
      "Scores of won and lost leads",
      `${chart("distributions")}${para(
        `${qw ? `Won leads: median score ${num(qw.median, 1)} (middle half ${num(qw.q1, 1)} to ${num(qw.q3, 1)}). ` : ""}${ql ? `Lost leads: median ${num(ql.median, 1)} (middle half ${num(ql.q1, 1)} to ${num(ql.q3, 1)}). ` : ""}${
          data.scoreAuc !== null ? `AUC ${num(data.scoreAuc)}: a random won lead scored above a random lost one ${pct(data.scoreAuc, 0)} of the time (50% is chance).` : ""
        }`,
      )}`,
    ),
  );

  // Actions
  parts.push(
    section(
      "actions",
      "Actions",
      `<p class="note">Click a column header to sort. ${e(actionsNote(data.pointsBasis))}</p>${table(
        [
          { label: "action" },
          { label: "points", numeric: true },
          { label: "lift", numeric: true },
          { label: "95% interval", numeric: true, title: "percentage points" },
          { label: "leads", numeric: true },
          { label: "of won", numeric: true, title: "share of won deals that did it" },
          { label: "p", numeric: true },
          { label: "Holm p", numeric: true },
          { label: "kept" },
          { label: "why dropped" },
        ],
        data.actions.map((a) => [
          text(a.action),
          text(signed(a.points), a.points),
          text(pp(a.lift), a.lift),
          text(ppRange(a.lower, a.upper), a.lower),
          text(int(a.leads), a.leads),
          text(pct(a.shareOfWon), a.shareOfWon),
          text(pValue(a.pValue), a.pValue),
          text(pValue(a.adjustedPValue), a.adjustedPValue),
          text(a.kept ? "yes" : "no"),
          text(a.reason ?? ""),
        ]),
        'class="sortable" id="actions-table"',
      )}`,
    ),
  );

  // Profile values (FIT)
  const keptProfile = data.profile.filter((r) => r.kept && r.points !== 0);
  parts.push(
    section(
      "profile",
      "Profile values (FIT)",
      `<p class="note">${e(profileNote(data.pointsBasis))}</p>` +
        (keptProfile.length
          ? table(
              [
                { label: "profile value" },
                { label: "vs" },
                { label: "points", numeric: true },
                { label: "lift", numeric: true },
                { label: "95% interval", numeric: true, title: "percentage points" },
                { label: "leads", numeric: true },
                { label: "p", numeric: true },
              ],
              keptProfile.map((r) => [
                text(`${r.feature} = ${r.value}${r.role === "pain" ? " (PAIN)" : ""}`),
                text(r.comparedWith),
                text(signed(r.points), r.points),
                text(pp(r.lift), r.lift),
                text(ppRange(r.lower, r.upper), r.lower),
                text(int(r.leads), r.leads),
                text(pValue(r.pValue), r.pValue),
              ]),
              'class="sortable" id="profile-table"',
            )
          : para("No profile value earns points: every lead gets the same FIT.")),
    ),
  );

  // Quadrants
  const q = data.quadrants;
  parts.push(
    section(
      "quadrants",
      "FIT and PAIN of SDR-ready leads",
      `${chart("quadrants")}${
        q ? para(quadrantsLine(q, data.profileOnly)) : ""
      }`,
    ),
  );

  // Capacity
  const cap = data.capacity;
  parts.push(
    section(
      "capacity",
      "Capacity",
      `${chart("capacity")}${
        cap
          ? para(`At the threshold: ${e(capacitySentence(cap))}`)
          : ""
      }`,
    ),
  );

  // Velocity and time rules
  const v = data.velocity;
  const velocityRows = ([["at training", v.atTraining], ["on this data", v.onData]] as const).flatMap(([when, ev]) =>
    ev
      ? [
          [text(when), text(`faster (≥ ${num(ev.medianPointsPerDay, 2)} pts/day)`), text(int(ev.fast.leads)), text(int(ev.fast.won)), text(pct(ev.fast.closeRate)), text(pctRange(ev.fast.lower, ev.fast.upper))],
          [text(when), text("slower"), text(int(ev.slow.leads)), text(int(ev.slow.won)), text(pct(ev.slow.closeRate)), text(pctRange(ev.slow.lower, ev.slow.upper))],
        ]
      : [],
  );
  const tr = data.timeRules;
  parts.push(
    section(
      "time-rules",
      "Velocity and other time rules",
      `<h3>Velocity</h3>${para(e(velocityLine(data.velocity)))}${chart("velocity")}${
        velocityRows.length
          ? table([{ label: "measured" }, { label: "speed to the threshold" }, { label: "leads", numeric: true }, { label: "won in cycle", numeric: true }, { label: "close rate", numeric: true }, { label: "95% interval", numeric: true }], velocityRows, 'class="compact"')
          : ""
      }<h3>Decay, inactivity, exit, FIT cap</h3>${chart("decay")}${
        tr.decay.length
          ? table(
              [{ label: "action" }, { label: "half-life" }, { label: "done recently", numeric: true }, { label: "done longer ago", numeric: true }, { label: "never done", numeric: true }, { label: "p", numeric: true }],
              tr.decay.map((d) => [
                text(d.action),
                text(d.halfLifeDays === null ? "none (full points)" : `${num(d.halfLifeDays, 0)} days (${d.source})`),
                text(`${pct(d.recent.closeRate)} at ~${Math.round(d.medianAgeRecentDays)} d`),
                text(`${pct(d.old.closeRate)} at ~${Math.round(d.medianAgeOldDays)} d`),
                text(pct(d.closeRateWithout)),
                text(pValue(d.pValue)),
              ]),
              'class="compact"',
            )
          : ""
      }<ul class="rules">${timeRulesLines(data.timeRules).map((line) => `<li>${e(line)}</li>`).join("")}</ul>`,
    ),
  );

  // Data
  const d = data.data;
  parts.push(
    section(
      "data",
      "Data",
      `${table(
        [{ label: "file" }, { label: "rows", numeric: true }, { label: "used", numeric: true }, { label: "skipped", numeric: true }, { label: "rejected", numeric: true }],
        d.files.map((f) => [text(f.file), text(int(f.rows)), text(int(f.used)), text(int(f.skipped)), text(int(f.rejected))]),
        'class="compact"',
      )}<ul>${dataLines(data)
        .map((line) => `<li>${e(line)}</li>`)
        .join("")}</ul>`,
    ),
  );

  // Drift
  const drift = data.drift;
  if (drift) {
    const prev = drift.previous;
    const scoreBins = drift.scoreBins.map((b) => [text(binLabel(b.from, b.to)), text(pct(b.expected)), text(pct(b.actual))]);
    parts.push(
      section(
        "drift",
        "Drift",
        `${
          drift.scorePsi !== null
            ? para(`Score PSI against the training data: <strong>${num(drift.scorePsi)}</strong> (${e(drift.scorePsiBand ?? "")}; under 0.10 stable, 0.10–0.25 some shift, above 0.25 major shift). Closed leads only, as in training.`) +
              table([{ label: "score at hand-off" }, { label: "training", numeric: true }, { label: "this data", numeric: true }], scoreBins, 'class="compact"')
            : para("The model carries no training distributions, so drift against training cannot be measured.")
        }${drift.features.length && drift.features.every((f) => f.psi < MIN_DRAWN_PSI) ? para(`Every action and profile feature has a PSI under ${MIN_DRAWN_PSI}: nothing moved since training.`) : chart("drift")}${
          drift.features.length
            ? table(
                [{ label: "feature" }, { label: "kind" }, { label: "PSI", numeric: true }, { label: "reading" }, { label: "most moved" }, { label: "training", numeric: true }, { label: "this data", numeric: true }],
                drift.features.map((f) => [text(f.feature), text(f.kind), text(num(f.psi), f.psi), text(f.band), text(f.value), text(pct(f.expectedShare)), text(pct(f.actualShare))]),
                'class="compact"',
              )
            : ""
        }${prev ? previousHtml(prev) : ""}`,
      ),
    );
  }

  return htmlPage(parts.join("\n"));
}

function previousHtml(prev: NonNullable<NonNullable<ReportData["drift"]>["previous"]>): string {
  const changes = [...prev.added, ...prev.dropped, ...prev.reweighted];
  const [current, previous] = prev.metrics;
  return `<h3>Against the previous model</h3>${para(
    `Previous model created ${e(day(prev.previousCreatedAt))}. Threshold ${prev.thresholdFrom ?? "none"} → ${prev.thresholdTo ?? "none"}. ${int(prev.added.length)} scored signals added, ${int(prev.dropped.length)} dropped, ${int(prev.reweighted.length)} re-weighted.`,
  )}${
    changes.length
      ? table(
          [{ label: "change" }, { label: "kind" }, { label: "signal" }, { label: "points before", numeric: true }, { label: "points now", numeric: true }],
          changes.map((c) => [text(c.from === null ? "added" : c.to === null ? "dropped" : "re-weighted"), text(c.kind), text(c.name), text(c.from === null ? "—" : signed(c.from)), text(c.to === null ? "—" : signed(c.to))]),
          'class="compact"',
        )
      : ""
  }${para(previousComparisonLine(prev.windowDays))}${table(
    [{ label: "model" }, { label: "threshold", numeric: true }, { label: "reached", numeric: true }, { label: "decided", numeric: true }, { label: "close rate", numeric: true }, { label: "95% interval", numeric: true }, { label: "in band" }, { label: "per day", numeric: true }, { label: "AUC", numeric: true }, { label: "Brier", numeric: true }],
    [current, previous].map((m) => [
      text(`${m.model} (${day(m.createdAt)})`),
      text(m.threshold === null ? "none" : String(m.threshold)),
      text(int(m.reached)),
      text(int(m.decided)),
      text(pct(m.closeRate)),
      text(pctRange(m.lower, m.upper)),
      text(m.inBand === null ? "n/a" : m.inBand ? "yes" : "no"),
      text(num(m.perDay, 2)),
      text(num(m.auc)),
      text(num(m.brier, 4)),
    ]),
  )}`;
}

function emptyBins(bins: NonNullable<ReportData["reliability"]>["bins"]): string {
  const empty = bins.filter((b) => b.count === 0);
  return empty.length ? `<p class="note">No leads predicted in ${e(empty.map((b) => pctRange(b.lower, b.upper, 0)).join(", "))}.</p>` : "";
}

function binLabel(from: number | null, to: number | null): string {
  return from === null ? `≤ ${to}` : to === null ? `> ${from}` : `${from} < score ≤ ${to}`;
}
