/**
 * Bytes arriving in chunks, taken from the front in pieces of any size: a piece inside one chunk
 * is a view of it (no copy), a piece across chunks is copied once.
 */
export class ByteQueue {
  private chunks: Uint8Array[] = [];
  /** Bytes of the first chunk already taken. */
  private head = 0;
  private queued = 0;
  /** Bytes taken since the start (the position of the front in the whole stream). */
  private taken = 0;

  /** Bytes waiting. */
  get length(): number {
    return this.queued;
  }

  /** Position of the next byte in the whole stream. */
  get position(): number {
    return this.taken;
  }

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.chunks.push(chunk);
    this.queued += chunk.byteLength;
  }

  /** The next `n` bytes (n ≤ length), without taking them. */
  peek(n: number): Uint8Array {
    const first = this.chunks[0];
    if (first && first.byteLength - this.head >= n) return first.subarray(this.head, this.head + n);
    const out = new Uint8Array(n);
    let filled = 0;
    let skip = this.head;
    for (const c of this.chunks) {
      const part = c.subarray(skip, Math.min(c.byteLength, skip + n - filled));
      out.set(part, filled);
      filled += part.byteLength;
      skip = 0;
      if (filled === n) break;
    }
    return out;
  }

  /** Takes the next 4 bytes (length ≥ 4) as a little-endian unsigned integer, making no view. */
  takeUint32(): number {
    const first = this.chunks[0];
    let value: number;
    if (first.byteLength - this.head >= 4) {
      const at = this.head;
      value = first[at] + first[at + 1] * 0x100 + first[at + 2] * 0x10000 + first[at + 3] * 0x1000000;
    } else {
      const b = this.peek(4);
      value = b[0] + b[1] * 0x100 + b[2] * 0x10000 + b[3] * 0x1000000;
    }
    this.skip(4);
    return value;
  }

  /** Takes the next `n` bytes (n ≤ length) as a DataView of them (one object, where `take` and a view of it make two). */
  takeView(n: number): DataView {
    const first = this.chunks[0];
    let view: DataView;
    if (first.byteLength - this.head >= n) {
      view = new DataView(first.buffer, first.byteOffset + this.head, n);
    } else {
      const copy = this.peek(n);
      view = new DataView(copy.buffer, copy.byteOffset, n);
    }
    this.skip(n);
    return view;
  }

  /** Takes the next `n` bytes (n ≤ length). */
  take(n: number): Uint8Array {
    const out = this.peek(n);
    this.skip(n);
    return out;
  }

  /** Drops the next `n` bytes (n ≤ length). */
  skip(n: number): void {
    this.queued -= n;
    this.taken += n;
    let left = n;
    while (left > 0) {
      const first = this.chunks[0];
      const available = first.byteLength - this.head;
      if (available > left) {
        this.head += left;
        return;
      }
      left -= available;
      this.chunks.shift();
      this.head = 0;
    }
  }
}
