/** Empty table cell: cells hold a lead's index + 1. */
const EMPTY = 0;

/**
 * Lead id → the lead's index in its batch, as an open-addressing hash table
 * (FNV-1a hash of the id's UTF-16 code units, linear probing, at most half
 * full) in one Int32Array: a Map of a million ids is a million entries the
 * garbage collector traces at every major collection, this is one typed array
 * beside the ids themselves. Ids compare exactly (case and spaces count), as
 * with a Map.
 */
export class LeadIdIndex {
  private readonly cells: Int32Array;
  private readonly mask: number;

  /**
   * @param ids the batch's lead ids, unique (index i is lead i).
   * @param tableSize cells in the table, a power of two above `ids.length`. Default: the smallest power of two at least twice `ids.length` (and 16); a tiny one only in tests, to force collisions.
   * @throws RangeError for a duplicate id or a table too small or not a power of two.
   */
  constructor(
    private readonly ids: readonly string[],
    tableSize = defaultTableSize(ids.length),
  ) {
    if (!(Number.isInteger(tableSize) && tableSize > ids.length && (tableSize & (tableSize - 1)) === 0)) {
      throw new RangeError(`LeadIdIndex: tableSize must be a power of two above the ${ids.length} ids. Got ${tableSize}.`);
    }
    this.cells = new Int32Array(tableSize);
    this.mask = tableSize - 1;
    for (let index = 0; index < ids.length; index++) {
      const id = ids[index];
      let cell = hashOf(id) & this.mask;
      while (this.cells[cell] !== EMPTY) {
        if (ids[this.cells[cell] - 1] === id) throw new RangeError(`LeadIdIndex: lead id ${JSON.stringify(id)} appears at indexes ${this.cells[cell] - 1} and ${index}; ids must be unique.`);
        cell = (cell + 1) & this.mask;
      }
      this.cells[cell] = index + 1;
    }
  }

  /** The index of lead `id`, or −1 when it is not in the batch. */
  indexOf(id: string): number {
    let cell = hashOf(id) & this.mask;
    for (;;) {
      const entry = this.cells[cell];
      if (entry === EMPTY) return -1;
      if (this.ids[entry - 1] === id) return entry - 1;
      cell = (cell + 1) & this.mask;
    }
  }
}

function defaultTableSize(count: number): number {
  let size = 16;
  while (size < 2 * count) size *= 2;
  return size;
}

/**
 * 32-bit FNV-1a over the UTF-16 code units (http://www.isthe.com/chongo/tech/comp/fnv/),
 * with a final avalanche (MurmurHash3's fmix32) so that ids differing in their last
 * characters — L000001, L000002 — spread over the low bits the table uses.
 */
export function hashOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193);
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}
