/**
 * 0/1 features packed as block codes: the columns are cut into blocks of at
 * most {@link MAX_BLOCK_BITS}, and each row stores, per block, the bit
 * pattern of its flags there (one byte). A weighted sum of outer products
 * Σᵢ cᵢ xᵢxᵢᵀ then needs, per row, one table cell per pair of blocks rather
 * than one matrix cell per pair of set flags: rows sharing a pattern pair
 * share a cell, and the tables expand into the matrix once per pass. On
 * 30 flags set 30% of the time that is 10 updates a row instead of ~50,
 * in loops of fixed length (no mispredicted exits).
 */
export interface BinaryBlocks {
  readonly rows: number;
  readonly columns: number;
  readonly blocks: number;
  /** Columns per block (the last block may hold fewer). */
  readonly width: number;
  /** Row i's pattern in block g is codes[i · blocks + g]; bit k is column g · width + k. */
  readonly codes: Uint8Array;
  /** Flags set over all rows (the non-zero count). */
  readonly ones: number;
}

/** Widest block: 2⁶ patterns, so a block pair's table (4,096 doubles) stays in cache. */
export const MAX_BLOCK_BITS = 6;

/** Rows packed at a time, so their codes stay in cache while every column ORs into them. */
const ROWS_PER_CHUNK = 16_384;

/**
 * Packs column-major 0/1 features into block codes; null if any value is
 * not exactly 0 or 1 (NaN included), since the codes keep no values.
 */
export function toBinaryBlocks(features: ReadonlyArray<ArrayLike<number>>, rows: number): BinaryBlocks | null {
  const columns = features.length;
  const blocks = Math.max(1, Math.ceil(columns / MAX_BLOCK_BITS));
  const width = Math.max(1, Math.ceil(columns / blocks));
  const codes = new Uint8Array(rows * blocks);
  let ones = 0;
  for (let from = 0; from < rows; from += ROWS_PER_CHUNK) {
    const to = Math.min(rows, from + ROWS_PER_CHUNK);
    for (let j = 0; j < columns; j++) {
      const set = orColumn(features[j], from, to, codes, blocks, Math.floor(j / width), j % width);
      if (set < 0) return null;
      ones += set;
    }
  }
  return { rows, columns, blocks, width, codes, ones };
}

/** ORs column bit `bit` into block `block` of the codes of rows [from, to); the ones counted, or −1 if a value is not 0/1. */
function orColumn(values: ArrayLike<number>, from: number, to: number, codes: Uint8Array, blocks: number, block: number, bit: number): number {
  let ones = 0;
  let offBinary = 0;
  for (let i = from, cell = from * blocks + block; i < to; i++, cell += blocks) {
    const v = values[i];
    // Branch-free: whether a sparse flag is set is a coin flip the CPU cannot predict.
    const set = +(v !== 0);
    codes[cell] |= set << bit;
    ones += set;
    // A set flag must be exactly 1 (NaN is set and is not 1).
    offBinary |= +(v !== set);
  }
  return offBinary === 0 ? ones : -1;
}

/** Columns in block g. */
export function blockWidth(blocks: BinaryBlocks, g: number): number {
  return Math.min(blocks.width, blocks.columns - g * blocks.width);
}

/**
 * Per-pattern partial sums of β over each block: table[g · 2^width + u] is
 * the sum of coefficients[g · width + k] over the bits k of u, so a row's
 * linear predictor is one lookup per block.
 */
export function patternSums(blocks: BinaryBlocks, coefficients: ArrayLike<number>, table: Float64Array): void {
  const size = 1 << blocks.width;
  for (let g = 0; g < blocks.blocks; g++) {
    const base = g * size;
    table[base] = 0;
    for (let u = 1, end = 1 << blockWidth(blocks, g); u < end; u++) {
      const low = u & -u;
      table[base + u] = table[base + (u ^ low)] + coefficients[g * blocks.width + 31 - Math.clz32(low)];
    }
  }
}

/**
 * Expands per-pattern sums into per-column sums: out[j] += Σᵤ table[u] over
 * the patterns u of j's block that have j's bit set.
 */
export function expandPatternSums(blocks: BinaryBlocks, table: Float64Array, out: Float64Array, offset: number): void {
  const size = 1 << blocks.width;
  for (let g = 0; g < blocks.blocks; g++) {
    const width = blockWidth(blocks, g);
    for (let u = 1, end = 1 << width; u < end; u++) {
      const sum = table[g * size + u];
      for (let k = 0; k < width; k++) if ((u >> k) & 1) out[offset + g * blocks.width + k] += sum;
    }
  }
}

/** Number of block pairs g < h, each with its own pattern × pattern table. */
export function blockPairs(blocks: BinaryBlocks): number {
  return (blocks.blocks * (blocks.blocks - 1)) / 2;
}

/**
 * Adds Σᵢ cᵢ xᵢxᵢᵀ (for j, k ≥ 1: columns j − 1, k − 1; row/column 0 is the
 * intercept, x₀ = 1) to the lower triangle of the row-major `matrix`
 * (dim = columns + 1), from the tables a pass filled:
 * - `first[u]`: Σ cᵢ over rows with pattern u in block 0;
 * - `pairs[pair · S² + u · S + v]`: Σ cᵢ over rows with pattern u in block g
 *   and v in block h, pairs (g, h) with g < h in order (0,1), (0,2), …, (1,2), …
 * Every block's own pattern sums are margins of these: block 0's is `first`,
 * block h's is the column sums of pair (0, h).
 */
export function expandOuterProducts(blocks: BinaryBlocks, first: Float64Array, pairs: Float64Array, matrix: Float64Array): void {
  const size = 1 << blocks.width;
  const dim = blocks.columns + 1;
  const margin = new Float64Array(size);
  for (let h = 0; h < blocks.blocks; h++) {
    if (h === 0) margin.set(first.subarray(0, size));
    else columnSums(pairs, pairIndex(blocks.blocks, 0, h) * size * size, size, margin);
    addBlockDiagonal(blocks, h, margin, matrix, dim);
  }
  const partial = new Float64Array(size * blocks.width);
  for (let g = 0; g < blocks.blocks; g++) {
    for (let h = g + 1; h < blocks.blocks; h++) {
      addBlockPair(blocks, g, h, pairs, pairIndex(blocks.blocks, g, h) * size * size, partial, matrix, dim);
    }
  }
}

/** Position of pair (g, h), g < h, in row-major order of the strict upper triangle. */
function pairIndex(blockCount: number, g: number, h: number): number {
  return g * blockCount - (g * (g + 1)) / 2 + (h - g - 1);
}

function columnSums(pairs: Float64Array, base: number, size: number, out: Float64Array): void {
  out.fill(0);
  for (let u = 0; u < size; u++) for (let v = 0; v < size; v++) out[v] += pairs[base + u * size + v];
}

/** Intercept cell, intercept column and within-block cells from one block's pattern sums. */
function addBlockDiagonal(blocks: BinaryBlocks, g: number, margin: Float64Array, matrix: Float64Array, dim: number): void {
  const width = blockWidth(blocks, g);
  const first = 1 + g * blocks.width;
  if (g === 0) for (let u = 0, end = 1 << width; u < end; u++) matrix[0] += margin[u];
  for (let u = 1, end = 1 << width; u < end; u++) {
    const sum = margin[u];
    for (let k = 0; k < width; k++) {
      if (!((u >> k) & 1)) continue;
      const row = (first + k) * dim;
      matrix[row] += sum;
      for (let l = 0; l <= k; l++) if ((u >> l) & 1) matrix[row + first + l] += sum;
    }
  }
}

/** Cells (column in block h, column in block g), g < h, from the pair's pattern × pattern table. */
function addBlockPair(blocks: BinaryBlocks, g: number, h: number, pairs: Float64Array, base: number, partial: Float64Array, matrix: Float64Array, dim: number): void {
  const size = 1 << blocks.width;
  const widthG = blockWidth(blocks, g);
  const widthH = blockWidth(blocks, h);
  // partial[u · width + k] = Σ_v table[u][v] over v with bit k: the table summed down to block h's columns.
  partial.fill(0);
  for (let u = 0, endU = 1 << widthG; u < endU; u++) {
    for (let v = 1, endV = 1 << widthH; v < endV; v++) {
      const sum = pairs[base + u * size + v];
      for (let k = 0; k < widthH; k++) if ((v >> k) & 1) partial[u * blocks.width + k] += sum;
    }
  }
  const firstG = 1 + g * blocks.width;
  const firstH = 1 + h * blocks.width;
  for (let u = 1, endU = 1 << widthG; u < endU; u++) {
    for (let l = 0; l < widthG; l++) {
      if (!((u >> l) & 1)) continue;
      for (let k = 0; k < widthH; k++) matrix[(firstH + k) * dim + firstG + l] += partial[u * blocks.width + k];
    }
  }
}
