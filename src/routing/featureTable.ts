/**
 * A read-only map from feature hashes to rows, in two typed arrays (open addressing, linear
 * probing, at most half full): about a third of the memory of a Map of numbers, and a lookup
 * allocates nothing. Keys are compared as numbers, exactly as a Map compares them.
 */
export class FeatureTable {
  private readonly keys: Float64Array;
  /** row of the key in the same slot, -1 for an empty slot */
  private readonly rows: Int32Array;
  private readonly mask: number;
  /** 32 minus the bits of the capacity: the top bits of a multiplicative hash pick the slot */
  private readonly shift: number;

  /** `keys[row]` is the hash of each row; every key must be distinct. */
  constructor(keys: ArrayLike<number>) {
    let capacity = 16;
    while (capacity < keys.length * 2) capacity *= 2;
    this.keys = new Float64Array(capacity);
    this.rows = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
    this.shift = 32 - Math.log2(capacity);
    for (let row = 0; row < keys.length; row++) {
      let slot = this.slotOf(keys[row]!);
      while (this.rows[slot] !== -1) slot = (slot + 1) & this.mask;
      this.keys[slot] = keys[row]!;
      this.rows[slot] = row;
    }
    this.size = keys.length;
  }

  readonly size: number;

  /** The row of `key`, or -1. */
  get(key: number): number {
    let slot = this.slotOf(key);
    for (;;) {
      const row = this.rows[slot]!;
      if (row === -1 || this.keys[slot] === key) return row;
      slot = (slot + 1) & this.mask;
    }
  }

  /** Every key, by row. */
  keysByRow(): Float64Array {
    const out = new Float64Array(this.size);
    for (let slot = 0; slot < this.rows.length; slot++) if (this.rows[slot] !== -1) out[this.rows[slot]!] = this.keys[slot]!;
    return out;
  }

  private slotOf(key: number): number {
    // Fibonacci hashing of the key's 32 bits (a signed and an unsigned form share a slot and are
    // told apart by the comparison).
    return Math.imul(key | 0, 0x9e3779b1) >>> this.shift;
  }
}
