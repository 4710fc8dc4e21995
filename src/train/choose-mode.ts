import type { ModeComparison, ModelV1 } from "../model/types.js";
import { comparePairedAuc, type PairedAucComparison } from "../stats/paired-bootstrap-auc.js";
import type { HeldOutEvidence, ModeEvidence } from "./held-out-evidence.js";
import { AUTO_FALLBACK_MODE } from "./train-model.js";

type Mode = "lift" | "logistic";

/**
 * The mode to train: as configured, or — for `auto` — the one that ranks
 * the held-out leads better by a paired bootstrap of the AUC difference;
 * when its interval includes 0, `AUTO_FALLBACK_MODE` (see README).
 */
export function chooseMode(requested: Mode | "auto", evidence: HeldOutEvidence): { mode: Mode; reason: string; comparison: PairedAucComparison | null } {
  const comparison = pairedComparison(evidence);
  if (requested !== "auto") return { mode: requested, reason: `${requested}, as configured (training.mode).`, comparison };
  if (comparison === null) {
    return { mode: AUTO_FALLBACK_MODE, reason: `auto: no held-out comparison was possible (${evidence.unavailable ?? "one mode failed on the earlier leads"}), so ${AUTO_FALLBACK_MODE}, the default.`, comparison };
  }
  const d = comparison.difference;
  const figures = `held-out AUC ${comparison.first.auc.toFixed(3)} (lift) vs ${comparison.second.auc.toFixed(3)} (logistic), difference ${signedAuc(d.estimate)} (95% CI ${signedAuc(d.lower)} to ${signedAuc(d.upper)})`;
  if (d.lower > 0) return { mode: "logistic", reason: `auto: logistic ranks the held-out leads better: ${figures}.`, comparison };
  if (d.upper < 0) return { mode: "lift", reason: `auto: lift ranks the held-out leads better: ${figures}.`, comparison };
  return {
    mode: AUTO_FALLBACK_MODE,
    reason: `auto: no clear difference in ranking (${figures}), so ${AUTO_FALLBACK_MODE}, the default: one regression does not count correlated actions twice.`,
    comparison,
  };
}

/** Paired bootstrap of the two modes' held-out AUCs, when both were scored on the same leads with both outcomes. */
function pairedComparison(evidence: HeldOutEvidence): PairedAucComparison | null {
  const lift = evidence.byMode?.lift;
  const logistic = evidence.byMode?.logistic;
  if (!lift?.heldOutScores || !logistic?.heldOutScores || !lift.heldOutWon) return null;
  return comparePairedAuc(lift.heldOutScores, logistic.heldOutScores, lift.heldOutWon);
}

/**
 * Lift and logistic modes trained on the same earlier leads and judged on
 * the same held-out ones: AUC of the scores with paired bootstrap
 * intervals, Brier and log-loss of the close probabilities, and the
 * SDR-ready close rate at each mode's own threshold.
 */
export function compareModes(evidence: HeldOutEvidence, comparison: PairedAucComparison | null): ModeComparison | null {
  if (!evidence.byMode) return null;
  const figures = (mode: Mode, result: ModeEvidence, aucInterval: { lower: number; upper: number } | null) => {
    const oot = result.validation.outOfTime;
    const q = oot.heldOutQuality;
    return {
      mode,
      status: q ? ("checked" as const) : ("not-checked" as const),
      detail: oot.detail,
      auc: q?.auc ?? null,
      aucInterval,
      brier: q?.brier ?? null,
      logLoss: q?.logLoss ?? null,
      threshold: oot.threshold,
      heldOut: oot.heldOut,
      keptActions: (result.early?.actions ?? []).filter((a) => a.kept).map((a) => ({ action: a.action, points: a.points })),
      keptProfileValues: (result.early?.profile.rules ?? []).filter((r) => r.kept).length,
      pruning: result.choice?.pruning ?? null,
    };
  };
  const lift = figures("lift", evidence.byMode.lift, comparison && { lower: comparison.first.lower, upper: comparison.first.upper });
  const logistic = figures("logistic", evidence.byMode.logistic, comparison && { lower: comparison.second.lower, upper: comparison.second.upper });
  return {
    basis: evidence.basis,
    lift,
    logistic,
    aucDifference: comparison ? { ...comparison.difference, replicates: comparison.replicates } : null,
    verdict: compareVerdict(lift, logistic, comparison, doubleCountingNote(evidence.byMode.lift.early, evidence.byMode.logistic.early), evidence.basis),
  };
}

/**
 * Actions lift mode keeps but the regression does not, with both estimates:
 * their univariate lift partly belongs to the actions they go with.
 */
function doubleCountingNote(liftModel: ModelV1 | null, logisticModel: ModelV1 | null): string {
  if (!liftModel || !logisticModel) return "";
  const inRegression = new Map(logisticModel.actions.map((a) => [a.action, a]));
  const shrunk = liftModel.actions
    .filter((a) => a.kept && a.points > 0 && inRegression.get(a.action)?.kept === false)
    .map((a) => {
      const other = inRegression.get(a.action)!;
      return `${a.action} (${signed(a.points)} by lift, ${other.liftPoints === null ? "not estimable" : signed(other.liftPoints)} with the other actions held fixed)`;
    });
  return shrunk.length === 0
    ? ""
    : ` Lift mode gives points to ${shrunk.join(", ")}: part of their lift belongs to the actions they go with (double counting), which the regression removes.`;
}

function signed(points: number): string {
  return points > 0 ? `+${points}` : String(points);
}

/**
 * Which mode did better on the held-out leads, in words, from the paired
 * bootstrap of the AUC difference: "no clear difference" when its 95%
 * interval includes 0 (the paired interval, not whether the two separate
 * intervals overlap: both scores rank the same leads, so their errors are
 * correlated and the separate intervals overstate the uncertainty of the gap).
 */
export function compareVerdict(
  lift: Pick<ModeComparison["lift"], "auc" | "brier" | "logLoss">,
  logistic: Pick<ModeComparison["logistic"], "auc" | "brier" | "logLoss">,
  comparison: PairedAucComparison | null,
  why = "",
  basis = "",
): string {
  if (comparison === null || lift.auc === null || logistic.auc === null) {
    return basis === ""
      ? "No held-out leads to compare the modes on: too few leads old enough to judge."
      : "The modes could not both be scored on the held-out leads (one failed to train, or the hold-out has a single outcome), so they are not compared.";
  }
  const d = comparison.difference;
  const probabilities =
    lift.logLoss !== null && logistic.logLoss !== null && lift.brier !== null && logistic.brier !== null
      ? `; log-loss ${lift.logLoss.toFixed(4)} vs ${logistic.logLoss.toFixed(4)}, Brier ${lift.brier.toFixed(4)} vs ${logistic.brier.toFixed(4)}`
      : "";
  const figures =
    `held-out AUC ${lift.auc.toFixed(3)} (95% CI ${comparison.first.lower.toFixed(3)}–${comparison.first.upper.toFixed(3)}) for lift vs ` +
    `${logistic.auc.toFixed(3)} (${comparison.second.lower.toFixed(3)}–${comparison.second.upper.toFixed(3)}) for logistic; ` +
    `paired difference ${signedAuc(d.estimate)} (95% CI ${signedAuc(d.lower)} to ${signedAuc(d.upper)})${probabilities}`;
  if (d.lower <= 0 && d.upper >= 0) return `No clear difference between the modes: ${figures}.${why}`;
  const winner = d.lower > 0 ? "Logistic" : "Lift";
  return `${winner} mode ranks the held-out leads better: ${figures}.${why}`;
}

function signedAuc(value: number): string {
  return `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(3)}`;
}
