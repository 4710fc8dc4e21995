/**
 * ln(n!) for whole n ≥ 0: exact sums up to 255 (cached), Stirling's series
 * with four correction terms above (error below 1e-15 there). Used for
 * hypergeometric probabilities with counts in the tens of thousands.
 */
export function logFactorial(n: number): number {
  if (n < TABLE_SIZE) return TABLE[n];
  const x = n + 1;
  const inverse = 1 / x;
  const inverse2 = inverse * inverse;
  // Stirling: ln Γ(x) = (x − ½)ln x − x + ½ln(2π) + 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷)
  return (
    (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) +
    inverse * (1 / 12 - inverse2 * (1 / 360 - inverse2 * (1 / 1260 - inverse2 / 1680)))
  );
}

const TABLE_SIZE = 256;
const TABLE = (() => {
  const table = new Float64Array(TABLE_SIZE);
  for (let i = 1; i < TABLE_SIZE; i++) table[i] = table[i - 1] + Math.log(i);
  return table;
})();
