const TWO_PI = 2 * Math.PI;

/**
 * A growable list of closed intervals [start, end] stored flat (stride 2), for the 1-D sweeps of the
 * coverage engine: parameters along a segment or angles around a circle.
 */
export class IntervalList {
  data = new Float64Array(64);
  count = 0;

  clear(): void {
    this.count = 0;
  }

  push(start: number, end: number): void {
    if (this.count * 2 >= this.data.length) {
      const d = new Float64Array(this.data.length * 2);
      d.set(this.data);
      this.data = d;
    }
    this.data[this.count * 2] = start;
    this.data[this.count * 2 + 1] = end;
    this.count++;
  }

  /**
   * Pushes the arc that starts at angle `start` (any real) and runs counter-clockwise over `length`
   * (0..2π) as one or two intervals inside [0, 2π].
   */
  pushArc(start: number, length: number): void {
    if (length >= TWO_PI) {
      this.push(0, TWO_PI);
      return;
    }
    let a = start % TWO_PI;
    if (a < 0) a += TWO_PI;
    const b = a + length;
    if (b <= TWO_PI) this.push(a, b);
    else {
      this.push(a, TWO_PI);
      this.push(0, b - TWO_PI);
    }
  }

  /** Sorts by start and merges overlapping or touching intervals, in place. */
  normalize(): void {
    const d = this.data;
    const n = this.count;
    if (n < 2) return;
    if (n > 48) sortLong(d, n);
    // Insertion sort: the lists are short (a few per neighbouring footprint).
    else for (let i = 1; i < n; i++) {
      const s = d[i * 2];
      const e = d[i * 2 + 1];
      let j = i - 1;
      while (j >= 0 && d[j * 2] > s) {
        d[j * 2 + 2] = d[j * 2];
        d[j * 2 + 3] = d[j * 2 + 1];
        j--;
      }
      d[j * 2 + 2] = s;
      d[j * 2 + 3] = e;
    }
    let k = 0;
    for (let i = 1; i < n; i++) {
      if (d[i * 2] <= d[k * 2 + 1]) {
        if (d[i * 2 + 1] > d[k * 2 + 1]) d[k * 2 + 1] = d[i * 2 + 1];
      } else {
        k++;
        d[k * 2] = d[i * 2];
        d[k * 2 + 1] = d[i * 2 + 1];
      }
    }
    this.count = k + 1;
  }

  /** Total length of the (normalized) intervals. */
  length(): number {
    let sum = 0;
    for (let i = 0; i < this.count; i++) sum += this.data[i * 2 + 1] - this.data[i * 2];
    return sum;
  }
}

/** Writes into `out` the intersection of two normalized interval lists (sorted, disjoint). */
export function intersectIntervals(a: IntervalList, b: IntervalList, out: IntervalList): void {
  out.clear();
  let i = 0;
  let j = 0;
  const da = a.data;
  const db = b.data;
  while (i < a.count && j < b.count) {
    const s = Math.max(da[i * 2], db[j * 2]);
    const e = Math.min(da[i * 2 + 1], db[j * 2 + 1]);
    if (s < e) out.push(s, e);
    if (da[i * 2 + 1] < db[j * 2 + 1]) i++;
    else j++;
  }
}

/** Sorts numbers [0, n) of a typed array in place (insertion sort; the lists are short). */
export function sortPrefix(d: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const v = d[i];
    let j = i - 1;
    while (j >= 0 && d[j] > v) {
      d[j + 1] = d[j];
      j--;
    }
    d[j + 1] = v;
  }
}

function sortLong(d: Float64Array, n: number): void {
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => d[x * 2] - d[y * 2]);
  const copy = d.slice(0, n * 2);
  for (let i = 0; i < n; i++) {
    d[i * 2] = copy[order[i] * 2];
    d[i * 2 + 1] = copy[order[i] * 2 + 1];
  }
}
