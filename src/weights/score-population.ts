/** FIT and PAIN per training lead, as the runtime would compute them at each lead's cut-off. */
export interface PopulationScores {
  readonly fit: Float64Array;
  readonly pain: Float64Array;
  readonly score: Float64Array;
}

/** Points of kept actions, with the did-it indicator of each. */
export interface ScoredAction {
  readonly points: number;
  readonly did: ArrayLike<number>;
}

/** Points per value of one profile feature, with every lead's value. */
export interface ScoredProfileFeature {
  readonly role: "fit" | "pain";
  readonly pointsByValue: ReadonlyMap<string, number>;
  readonly values: readonly string[];
}

/**
 * Lead score = FIT + PAIN for every training lead: each kept action counts
 * once if it happened before the cut-off; each profile feature adds the
 * points of the lead's value (behaviour columns add to PAIN).
 */
export function scorePopulation(
  size: number,
  actions: readonly ScoredAction[],
  profile: readonly ScoredProfileFeature[],
): PopulationScores {
  const fit = new Float64Array(size);
  const pain = new Float64Array(size);
  for (const action of actions) {
    for (let i = 0; i < size; i++) if (action.did[i]) pain[i] += action.points;
  }
  for (const feature of profile) {
    const target = feature.role === "fit" ? fit : pain;
    for (let i = 0; i < size; i++) target[i] += feature.pointsByValue.get(feature.values[i]) ?? 0;
  }
  const score = new Float64Array(size);
  for (let i = 0; i < size; i++) score[i] = fit[i] + pain[i];
  return { fit, pain, score };
}
