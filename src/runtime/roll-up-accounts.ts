/** One scored lead, as the account roll-up needs it. */
export interface ScoredLeadForAccount {
  readonly accountId: string | null;
  readonly leadId: string;
  readonly score: number;
  readonly sdrReady: boolean;
}

export interface AccountRollUpOptions {
  /** How lead scores combine: sum of the top k (default), the maximum, or the mean. */
  readonly method?: "top-k-sum" | "max" | "mean";
  /** k for "top-k-sum". Default 3 (a typical buying committee's engaged core). */
  readonly k?: number;
  /** The model's lead threshold (null when it has none). */
  readonly threshold: number | null;
  /**
   * Roll-up score at which an account is SDR-ready even with no single
   * SDR-ready lead. Default: 1.5 × the lead threshold for "top-k-sum"
   * (several engaged contacts below the bar signal a buying committee),
   * the lead threshold for "max" and "mean".
   */
  readonly accountThreshold?: number;
}

/** An account's roll-up. */
export interface AccountScore {
  readonly account_id: string;
  readonly score: number;
  readonly leads: number;
  readonly sdr_ready_leads: number;
  /** Lead ids of the highest-scoring contacts (up to k), best first. */
  readonly top_leads: string[];
  readonly sdr_ready: boolean;
}

/**
 * Rolls lead scores up to their accounts. An account is SDR-ready when any
 * of its leads is, or when its roll-up reaches the account threshold.
 * Leads without an account are counted, not dropped.
 */
export function rollUpAccounts(
  leads: readonly ScoredLeadForAccount[],
  options: AccountRollUpOptions,
): { accounts: AccountScore[]; leadsWithoutAccount: number } {
  const method = options.method ?? "top-k-sum";
  const k = options.k ?? 3;
  const accountThreshold =
    options.accountThreshold ?? (options.threshold === null ? null : method === "top-k-sum" ? 1.5 * options.threshold : options.threshold);
  const byAccount = new Map<string, ScoredLeadForAccount[]>();
  let leadsWithoutAccount = 0;
  for (const lead of leads) {
    if (!lead.accountId) {
      leadsWithoutAccount += 1;
      continue;
    }
    let list = byAccount.get(lead.accountId);
    if (!list) byAccount.set(lead.accountId, (list = []));
    list.push(lead);
  }
  const accounts: AccountScore[] = [];
  for (const [accountId, list] of byAccount) {
    const sorted = [...list].sort((a, b) => b.score - a.score || (a.leadId < b.leadId ? -1 : 1));
    const score =
      method === "max"
        ? sorted[0].score
        : method === "mean"
          ? sorted.reduce((s, l) => s + l.score, 0) / sorted.length
          : sorted.slice(0, k).reduce((s, l) => s + l.score, 0);
    const sdrReadyLeads = list.filter((l) => l.sdrReady).length;
    accounts.push({
      account_id: accountId,
      score,
      leads: list.length,
      sdr_ready_leads: sdrReadyLeads,
      top_leads: sorted.slice(0, k).map((l) => l.leadId),
      sdr_ready: sdrReadyLeads > 0 || (accountThreshold !== null && score >= accountThreshold),
    });
  }
  accounts.sort((a, b) => b.score - a.score || (a.account_id < b.account_id ? -1 : 1));
  return { accounts, leadsWithoutAccount };
}
