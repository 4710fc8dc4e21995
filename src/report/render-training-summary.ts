import type { ModelV1 } from "../model/types.js";
import { wonWithin } from "./report-sentences.js";

const percent = (value: number | null) => (value === null ? "n/a" : `${(value * 100).toFixed(1)}%`);
const signed = (points: number) => (points > 0 ? `+${points}` : String(points));

/**
 * The short text summary `leadlift train` prints: data accounted for,
 * actions and profile values kept with points, threshold and expected close
 * rate, checks not made, warnings. Formatting only.
 */
export function renderTrainingSummary(model: ModelV1, modelPath: string): string {
  const t = model.training;
  const lines: string[] = [];
  lines.push(`leadlift ${model.toolVersion} — ${model.mode} model written to ${modelPath}`);
  lines.push("");
  lines.push("Data");
  for (const f of t.files) {
    lines.push(`  ${f.file}: ${f.rows} rows — ${f.used} used, ${f.skipped} skipped, ${f.rejected} rejected`);
  }
  lines.push(
    `  closed leads: ${t.leads.won} won, ${t.leads.lost} lost (base close rate ${percent(t.baseCloseRate)}); ${t.leads.openExcluded} open leads left out of training` +
      (t.leads.missingOutcomes > 0 ? `; ${t.leads.missingOutcomes} leads had no outcome row (treated as ${t.leads.missingOutcomesTreatedAs})` : ""),
  );
  if (t.dateRange) lines.push(`  created ${t.dateRange.from.slice(0, 10)} to ${t.dateRange.to.slice(0, 10)}`);
  lines.push(`  events: ${t.events.counted} counted, ${t.events.afterCutoff} at or after the lead's cut-off ignored, ${t.events.ofUntrainedLeads} of open leads`);
  lines.push("");
  const kept = model.actions.filter((a) => a.kept);
  lines.push(`Mode: ${model.modeSelection.reason}`);
  const band = model.threshold.targetBand;
  const meaning =
    model.mode === "lift"
      ? "points = lift in close rate among leads of the same age still with marketing, in percentage points"
      : model.modeSelection.pointsScale === "pdo"
        ? "points = logistic coefficient scaled to points-to-double-the-odds"
        : `points = change in close probability for a lead at ${percent((band.min + band.max) / 2)} (the middle of the target band), from one regression with the others held fixed, in percentage points`;
  lines.push(`Actions kept (${kept.length} of ${model.actions.length}); ${meaning}`);
  const width = Math.max(6, ...model.actions.map((a) => a.action.length));
  for (const a of kept) {
    const s = a.stats;
    lines.push(
      `  ${a.action.padEnd(width)} ${signed(a.points).padStart(4)}  close ${percent(s.closeRateWith)} with vs ${percent(s.closeRateWithout)} without; ${s.wonWith} of ${s.wonWith + s.wonWithout} won leads did it`,
    );
  }
  const dropped = model.actions.filter((a) => !a.kept);
  if (dropped.length > 0) {
    lines.push(`Actions dropped (${dropped.length})`);
    for (const a of dropped) {
      const lift = a.liftPoints === null ? "" : ` (${model.mode === "lift" ? "lift" : "effect"} ${signed(a.liftPoints)})`;
      lines.push(`  ${a.action.padEnd(width)}${lift}: ${a.dropReason}`);
    }
  }
  const pruning = t.pruning;
  if (pruning) {
    const held = pruning.heldOut;
    lines.push(
      `Pruning: ${pruning.explanation}` +
        (held ? ` Held-out AUC ${held.aucUnpruned.toFixed(3)} unrounded and unpruned, ${held.aucChosen.toFixed(3)} with the points kept (${held.leads} leads; ${held.basis.split(":")[0]}).` : ""),
    );
  }
  lines.push("");
  const fitRules = model.profile.rules.filter((r) => r.kept);
  lines.push(`Profile points kept (${fitRules.length})`);
  for (const r of fitRules) lines.push(`  ${`${r.feature} = ${r.value}`.padEnd(width + 10)} ${signed(r.points).padStart(4)}  vs ${r.comparedWith}`);
  if (model.profile.fitCap !== null) lines.push(`  FIT capped at ${model.profile.fitCap} points (see SDR-ready on profile alone below)`);
  lines.push("");
  const decay = model.decay;
  if (decay) {
    lines.push("Time rules");
    const fading = Object.entries(decay.halfLifeDays);
    lines.push(
      fading.length > 0
        ? `  decay: ${fading.map(([action, days]) => `${action} half-life ${days.toFixed(0)} days`).join(", ")}`
        : `  decay: none — no kept action's value fades reliably with age (${decay.evidence.length} tested)`,
    );
    for (const e of decay.evidence.filter((x) => x.halfLifeDays !== null)) lines.push(`    ${e.action}: ${e.conclusion}`);
    if (decay.inactivityEvidence) lines.push(`  inactivity: ${decay.inactivityEvidence.conclusion}`);
    lines.push(`  exit: ${decay.exitAfterDays === null ? "none (set decay.exitAfterDays to reset behaviour points after a long silence)" : `behaviour points reset after ${decay.exitAfterDays} days without activity`}`);
    if (model.velocity) lines.push(`  velocity: +${model.velocity.points} points while a lead gains at least ${model.velocity.minPointsPerDay.toFixed(2)} action points a day`);
    lines.push("");
  }
  const th = model.threshold;
  const cal = model.calibration;
  if (th.score !== null) {
    const ci = th.closeRateInterval;
    const how =
      th.method === "replay" && cal && (cal.windowDays || cal.windowSource === "no-close-dates")
        ? `leads reaching it were ${wonWithin(cal.windowDays, cal.windowSource === "no-close-dates")} at`
        : th.method === "cold-start"
          ? "cold-start rule set, no close rate measured:"
          : "leads at or above it closed at";
    lines.push(
      `SDR-ready threshold: ${th.score} points — ${how} ${percent(th.closeRate)}` +
        (ci ? ` (95% CI ${percent(ci.lower)}–${percent(ci.upper)})` : "") +
        `, ${th.leadsAtOrAbove} leads (target ${percent(th.targetBand.min)}–${percent(th.targetBand.max)})`,
    );
  } else {
    lines.push("SDR-ready threshold: none");
  }
  lines.push(`  ${th.explanation}`);
  const oot = model.validation?.outOfTime;
  if (oot) {
    if (oot.status === "checked" && oot.heldOut) {
      const h = oot.heldOut;
      const ci = h.closeRateInterval;
      lines.push(
        `  out-of-time: threshold ${oot.threshold} from earlier leads closed at ${percent(h.closeRate)}` +
          (ci ? ` (95% CI ${percent(ci.lower)}–${percent(ci.upper)})` : "") +
          ` on ${h.successes + h.failures} later leads — ${oot.heldOutInBand ? "in the band" : ci && ci.upper >= th.targetBand.min && ci.lower <= th.targetBand.max ? "outside the band, though its interval overlaps it" : "OUTSIDE the band"}`,
      );
    } else {
      lines.push(`  out-of-time: not checked — ${oot.detail}`);
    }
    if (oot.heldOutQuality) {
      const q = oot.heldOutQuality;
      lines.push(`  held-out close probability: AUC ${q.auc === null ? "n/a" : q.auc.toFixed(3)}, Brier ${q.brier.toFixed(4)}, ECE ${q.ece.toFixed(4)} (${q.leads} closed leads)`);
    }
  }
  if (cal) {
    if (cal.salesCycle) lines.push(`  sales cycle (${cal.salesCycle.basis}): median ${cal.salesCycle.medianDays.toFixed(1)} days, mean ${cal.salesCycle.meanDays.toFixed(1)} days over ${cal.salesCycle.wonDeals} won deals`);
    if (cal.capacity) {
      lines.push(
        `  capacity: ${cal.capacity.perDay.toFixed(2)} SDR-ready leads a day (${cal.capacity.per48Hours.toFixed(1)} per 48 hours)` +
          (cal.capacity.capacityPerDay === null ? "; set --sdr-capacity to check against the team" : cal.capacity.withinCapacity ? `, within the team's ${cal.capacity.capacityPerDay} a day` : `, OVER the team's ${cal.capacity.capacityPerDay} a day`),
      );
    }
    if (cal.profileOnly) lines.push(`  profile alone: ${cal.profileOnly.note}`);
    if (cal.maturityDays !== null) lines.push(`  leads younger than ${cal.maturityDays.toFixed(0)} days at the end of the data are too recent to judge (censored)`);
    if (cal.quadrants) {
      const q = cal.quadrants;
      lines.push(`  FIT/PAIN of SDR-ready leads: yes ${q.yes}, maybe ${q.maybe}, no ${q.no} (${percent(q.noShare)} no)`);
    }
    if (cal.velocity) lines.push(`  velocity: ${cal.velocity.conclusion}`);
  }
  if (model.probability) lines.push(`  close probability: ${model.probability.method} on ${model.probability.fittedOn.leads} closed leads`);
  const accounts = model.accounts;
  if (accounts) {
    const p = accounts.point;
    lines.push(
      accounts.threshold === null
        ? `Account threshold: none — ${accounts.explanation}`
        : `Account threshold: roll-up (sum of the top ${accounts.k} contacts) of ${accounts.threshold} — accounts reaching it were won within the sales cycle at ${percent(p?.closeRate ?? null)}` +
            (p?.closeRateInterval ? ` (95% CI ${percent(p.closeRateInterval.lower)}–${percent(p.closeRateInterval.upper)})` : "") +
            `, ${p?.reached ?? 0} of ${accounts.replayedAccounts} accounts (in-sample; not checked out-of-time)`,
    );
  }
  const comparison = model.comparison;
  if (comparison) {
    lines.push("");
    lines.push(`Lift vs logistic on the same held-out leads${comparison.basis ? ` (${comparison.basis})` : ""}`);
    for (const f of [comparison.lift, comparison.logistic]) {
      const h = f.heldOut;
      const rate = h ? `${percent(h.closeRate)}${h.closeRateInterval ? ` (${percent(h.closeRateInterval.lower)}–${percent(h.closeRateInterval.upper)})` : ""} at ${f.threshold}` : "n/a";
      lines.push(
        `  ${f.mode.padEnd(8)} AUC ${f.auc === null ? "n/a" : f.auc.toFixed(3)}  Brier ${f.brier === null ? "n/a" : f.brier.toFixed(4)}  log-loss ${f.logLoss === null ? "n/a" : f.logLoss.toFixed(4)}  SDR-ready close rate ${rate}`,
      );
    }
    lines.push(`  ${comparison.verdict}`);
  }
  lines.push("");
  lines.push("Checks");
  lines.push(`  point-in-time: ${t.checks.pointInTime.status} — ${t.checks.pointInTime.detail}`);
  lines.push(`  exposure: ${t.checks.exposure.status} — ${t.checks.exposure.detail}`);
  if (t.warnings.length > 0) {
    lines.push("");
    lines.push("Warnings");
    for (const w of t.warnings) lines.push(`  - ${w}`);
  }
  return lines.join("\n");
}
