/**
 * A bounds-checked reader of FlatBuffers tables (https://flatbuffers.dev/internals/), for the
 * FlatGeobuf header and features: every offset, vtable, vector and string is checked against the
 * buffer before it is followed, so a cut or corrupt file gives a {@link CorruptBuffer} naming what
 * is wrong instead of a read past the end, a hang or garbage.
 */

/** What is wrong with a buffer; the reader adds which file and which feature. */
export class CorruptBuffer extends Error {
  override readonly name = 'CorruptBuffer';
}

const utf8 = new TextDecoder('utf-8');

/** One table: its buffer, its position and its vtable. */
export class FlatTable {
  private readonly vtable: number;
  private readonly vtableLength: number;
  private readonly tableLength: number;

  private constructor(
    readonly view: DataView,
    readonly position: number,
    readonly what: string,
  ) {
    const end = view.byteLength;
    if (position < 0 || position + 4 > end) throw new CorruptBuffer(`${what} starts outside its buffer (byte ${position} of ${end})`);
    const vtable = position - view.getInt32(position, true);
    if (vtable < 0 || vtable + 4 > end) throw new CorruptBuffer(`${what} points to a field table outside its buffer`);
    const vtableLength = view.getUint16(vtable, true);
    const tableLength = view.getUint16(vtable + 2, true);
    if (vtableLength < 4 || vtableLength % 2 !== 0 || vtable + vtableLength > end || position + tableLength > end) {
      throw new CorruptBuffer(`${what} has a field table that does not fit its buffer`);
    }
    this.vtable = vtable;
    this.vtableLength = vtableLength;
    this.tableLength = tableLength;
  }

  /** The root table of the buffer `view` (its first 4 bytes point to it). */
  static root(view: DataView, what: string): FlatTable {
    if (view.byteLength < 4) throw new CorruptBuffer(`${what} is ${view.byteLength} bytes, too short to hold anything`);
    return new FlatTable(view, view.getUint32(0, true), what);
  }

  /** Position of field `index`'s value, or 0 when the field is absent. */
  private field(index: number, size: number): number {
    const slot = 4 + 2 * index;
    if (slot + 2 > this.vtableLength) return 0;
    const offset = this.view.getUint16(this.vtable + slot, true);
    if (offset === 0) return 0;
    if (offset + size > this.tableLength) throw new CorruptBuffer(`${this.what}: field ${index} lies outside its table`);
    return this.position + offset;
  }

  has(index: number): boolean {
    return this.field(index, 0) !== 0;
  }

  uint8(index: number, fallback: number): number {
    const at = this.field(index, 1);
    return at === 0 ? fallback : this.view.getUint8(at);
  }

  bool(index: number, fallback: boolean): boolean {
    const at = this.field(index, 1);
    return at === 0 ? fallback : this.view.getUint8(at) !== 0;
  }

  uint16(index: number, fallback: number): number {
    const at = this.field(index, 2);
    return at === 0 ? fallback : this.view.getUint16(at, true);
  }

  int32(index: number, fallback: number): number {
    const at = this.field(index, 4);
    return at === 0 ? fallback : this.view.getInt32(at, true);
  }

  /** A uint64 as a number; larger than 2^53 is corrupt for our purposes (counts and sizes). */
  uint64(index: number, fallback: number): number {
    const at = this.field(index, 8);
    if (at === 0) return fallback;
    const value = this.view.getBigUint64(at, true);
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new CorruptBuffer(`${this.what}: field ${index} holds ${value}, an impossible count`);
    return Number(value);
  }

  /** Where the object a reference field points to starts (table, vector or string), or 0. */
  private target(index: number): number {
    const at = this.field(index, 4);
    if (at === 0) return 0;
    const target = at + this.view.getUint32(at, true);
    if (target + 4 > this.view.byteLength) throw new CorruptBuffer(`${this.what}: field ${index} points outside its buffer`);
    return target;
  }

  /** The table field `index` points to, or null. */
  table(index: number, what: string): FlatTable | null {
    const at = this.target(index);
    return at === 0 ? null : new FlatTable(this.view, at, what);
  }

  /** A vector field: where its elements start and how many there are (elements of `size` bytes), or null. */
  vector(index: number, size: number): { start: number; length: number } | null {
    const at = this.target(index);
    if (at === 0) return null;
    const length = this.view.getUint32(at, true);
    const start = at + 4;
    if (start + length * size > this.view.byteLength) {
      throw new CorruptBuffer(`${this.what}: field ${index} holds ${length} values, more than its buffer has room for`);
    }
    return { start, length };
  }

  /** Element `i` of a vector of tables. */
  tableAt(vector: { start: number; length: number }, i: number, what: string): FlatTable {
    const at = vector.start + 4 * i;
    const target = at + this.view.getUint32(at, true);
    return new FlatTable(this.view, target, what);
  }

  /** A string field, or null. */
  string(index: number): string | null {
    const v = this.vector(index, 1);
    if (v === null) return null;
    return utf8.decode(new Uint8Array(this.view.buffer, this.view.byteOffset + v.start, v.length));
  }
}
