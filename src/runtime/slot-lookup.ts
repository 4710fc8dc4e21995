/**
 * A function giving a name's index in `names` (its last, if repeated; -1
 * for any other value, strings or not): what
 * `new Map(names.map((n, i) => [n, i])).get(x) ?? -1` returns, for the
 * scorer's per-event lookup of an action's slot.
 *
 * Event actions arrive as fresh strings (JSON.parse does not intern them),
 * so a Map must hash each one before it can look it up; a model has a
 * handful of actions, so comparing the event's action with the few names of
 * its length costs less.
 * @example compileSlotLookup(["demo", "pricing"])("pricing") // 1
 */
export function compileSlotLookup(names: readonly string[]): (name: unknown) => number {
  const longest = names.reduce((most, name) => Math.max(most, name.length), 0);
  const slotsByLength: number[][] = Array.from({ length: longest + 1 }, () => []);
  names.forEach((name, slot) => slotsByLength[name.length].push(slot));
  return (name) => {
    if (typeof name !== "string" || name.length > longest) return -1;
    const slots = slotsByLength[name.length];
    for (let k = slots.length - 1; k >= 0; k--) if (names[slots[k]] === name) return slots[k];
    return -1;
  };
}
