/** Account roll-up methods (`score`'s `accounts.method`, `--account-method`): the runtime's `AccountRollUpOptions["method"]` values. */
export const ACCOUNT_METHODS = ["top-k-sum", "max", "mean"] as const satisfies ReadonlyArray<NonNullable<import("leadlift-runtime").AccountRollUpOptions["method"]>>;
export type AccountMethod = (typeof ACCOUNT_METHODS)[number];
