/**
 * Cholesky factorisation and solves for small dense symmetric positive
 * definite matrices (row-major, dim × dim), as Newton steps on a penalised
 * log-likelihood need: the information matrix is symmetric positive
 * definite, so Cholesky is half the work of LU and fails exactly when the
 * matrix is not positive definite, which is the condition worth reporting.
 */

/**
 * Writes the lower Cholesky factor L (A = LLᵀ) of the symmetric matrix whose
 * lower triangle is in `matrix` into `factor` (upper triangle left as is).
 * Returns false when A is not numerically positive definite.
 */
export function choleskyFactor(matrix: Float64Array, dim: number, factor: Float64Array): boolean {
  for (let i = 0; i < dim; i++) {
    const rowI = i * dim;
    for (let j = 0; j <= i; j++) {
      const rowJ = j * dim;
      let sum = matrix[rowI + j];
      for (let k = 0; k < j; k++) sum -= factor[rowI + k] * factor[rowJ + k];
      if (i === j) {
        if (!(sum > 0)) return false;
        factor[rowI + i] = Math.sqrt(sum);
      } else {
        factor[rowI + j] = sum / factor[rowJ + j];
      }
    }
  }
  return true;
}

/** Solves LLᵀx = b in place (b becomes x), given the lower factor from {@link choleskyFactor}. */
export function choleskySolve(factor: Float64Array, dim: number, b: Float64Array): void {
  for (let i = 0; i < dim; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= factor[i * dim + k] * b[k];
    b[i] = sum / factor[i * dim + i];
  }
  for (let i = dim - 1; i >= 0; i--) {
    let sum = b[i];
    for (let k = i + 1; k < dim; k++) sum -= factor[k * dim + i] * b[k];
    b[i] = sum / factor[i * dim + i];
  }
}

/**
 * Diagonal of A⁻¹ from A's lower Cholesky factor: (A⁻¹)ᵢᵢ is the squared
 * norm of column i of L⁻¹, so one triangular inversion gives every
 * variance without solving dim systems.
 */
export function choleskyInverseDiagonal(factor: Float64Array, dim: number): Float64Array {
  // inverse holds L⁻¹ (lower triangular), built column by column by forward substitution.
  const inverse = new Float64Array(dim * dim);
  for (let c = 0; c < dim; c++) {
    inverse[c * dim + c] = 1 / factor[c * dim + c];
    for (let i = c + 1; i < dim; i++) {
      let sum = 0;
      for (let k = c; k < i; k++) sum -= factor[i * dim + k] * inverse[k * dim + c];
      inverse[i * dim + c] = sum / factor[i * dim + i];
    }
  }
  const diagonal = new Float64Array(dim);
  for (let i = 0; i < dim; i++) {
    for (let c = 0; c <= i; c++) diagonal[c] += inverse[i * dim + c] ** 2;
  }
  return diagonal;
}
