/**
 * A growable uniform grid over lon/lat points, for the generator's incremental nearest-neighbour
 * and range queries (kdbush cannot take points after it is built).
 */
import { distanceM, type Pos } from './geom.ts';

export class GridIndex {
  private readonly cells = new Map<number, number[]>();
  readonly xs: number[] = [];
  readonly ys: number[] = [];

  /** `cellDeg`: cell size in degrees (about the typical query radius). */
  constructor(private readonly cellDeg: number) {}

  private key(cx: number, cy: number): number {
    return (cx + 50000) * 100000 + (cy + 50000);
  }

  /** Adds a point and returns its id (0, 1, 2, …). */
  add(x: number, y: number): number {
    const id = this.xs.length;
    this.xs.push(x);
    this.ys.push(y);
    const k = this.key(Math.floor(x / this.cellDeg), Math.floor(y / this.cellDeg));
    const cell = this.cells.get(k);
    if (cell) cell.push(id);
    else this.cells.set(k, [id]);
    return id;
  }

  get size(): number {
    return this.xs.length;
  }

  /** Ids of points inside the box, in insertion order per cell. */
  range(minX: number, minY: number, maxX: number, maxY: number): number[] {
    const out: number[] = [];
    const c0 = Math.floor(minX / this.cellDeg);
    const c1 = Math.floor(maxX / this.cellDeg);
    const r0 = Math.floor(minY / this.cellDeg);
    const r1 = Math.floor(maxY / this.cellDeg);
    for (let cx = c0; cx <= c1; cx++) {
      for (let cy = r0; cy <= r1; cy++) {
        const cell = this.cells.get(this.key(cx, cy));
        if (!cell) continue;
        for (const id of cell) {
          const x = this.xs[id];
          const y = this.ys[id];
          if (x >= minX && x <= maxX && y >= minY && y <= maxY) out.push(id);
        }
      }
    }
    return out;
  }

  /** Ids within `radiusM` metres of p (great-circle). */
  within(p: Pos, radiusM: number): number[] {
    const dLat = radiusM / 111000;
    const dLon = dLat / Math.max(0.01, Math.cos((p[1] * Math.PI) / 180));
    return this.range(p[0] - dLon, p[1] - dLat, p[0] + dLon, p[1] + dLat).filter(
      (id) => distanceM(p, [this.xs[id], this.ys[id]]) <= radiusM,
    );
  }

  /** Nearest point to p (ties: lower id), searching outwards ring by ring; -1 when empty. */
  nearest(p: Pos): number {
    if (this.xs.length === 0) return -1;
    const cx = Math.floor(p[0] / this.cellDeg);
    const cy = Math.floor(p[1] / this.cellDeg);
    let best = -1;
    let bestD = Infinity;
    for (let ring = 0; ring < 100000; ring++) {
      for (let dx = -ring; dx <= ring; dx++) {
        for (let dy = -ring; dy <= ring; dy++) {
          if (Math.max(Math.abs(dx), Math.abs(dy)) !== ring) continue;
          const cell = this.cells.get(this.key(cx + dx, cy + dy));
          if (!cell) continue;
          for (const id of cell) {
            const d = distanceM(p, [this.xs[id], this.ys[id]]);
            if (d < bestD || (d === bestD && id < best)) {
              bestD = d;
              best = id;
            }
          }
        }
      }
      // Every point in ring r+1 or beyond is at least r cells away.
      if (best >= 0 && bestD < ring * this.cellDeg * 111000 * Math.cos((p[1] * Math.PI) / 180)) return best;
      if (ring > 0 && best >= 0 && ring * this.cellDeg > 5) return best;
    }
    return best;
  }
}
