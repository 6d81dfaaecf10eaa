/**
 * The generator's own, deliberately simple coverage checks, used only to calibrate the synthetic
 * network (the real engine lives in src/core/coverage and is not used here): a settlement is covered
 * when it lies in a disk or sector, a village when the covered share of its settlement weight reaches
 * the threshold. Distances are great-circle; bearings are initial bearings.
 */
import { bearingDeg, distanceM, localFrame, type Pos } from './geom.ts';
import type { GridIndex } from './grid-index.ts';

export interface CheckFootprint {
  lon: number;
  lat: number;
  radiusM: number;
  azimuthDeg: number | null;
  beamwidthDeg: number | null;
}

/** Is p inside the disk, or inside the sector when azimuth and beamwidth are given? */
function inFootprint(f: CheckFootprint, p: Pos): boolean {
  const c: Pos = [f.lon, f.lat];
  const d = distanceM(c, p);
  if (d > f.radiusM) return false;
  if (f.azimuthDeg === null || f.beamwidthDeg === null || d === 0) return true;
  const diff = Math.abs((((bearingDeg(c, p) - f.azimuthDeg) % 360) + 540) % 360 - 180);
  return diff <= f.beamwidthDeg / 2;
}

/** Distance in metres from p to segment ab (local equirectangular frame at p; fine at km scale). */
function pointSegmentDistanceM(p: Pos, a: Pos, b: Pos): number {
  const f = localFrame(p[0], p[1]);
  const [ax, ay] = f.toLocal(a[0], a[1]);
  const [bx, by] = f.toLocal(b[0], b[1]);
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, (-ax * dx - ay * dy) / len2));
  return Math.hypot(ax + t * dx, ay + t * dy);
}

/**
 * Settlement flags (covered / within reach) over a region, updated incrementally as footprints or
 * routes are added, with per-village shares.
 */
export class SettlementFlags {
  readonly flags: Uint8Array;
  private readonly villageDone: Float64Array;
  /** Villages whose flagged share reached the threshold. */
  reached = 0;

  /**
   * @param weights weight of each settlement (population, or 1 where the village has none)
   * @param villageOf village index of each settlement
   * @param villageWeight total weight of each village
   * @param threshold share at which a village counts as reached
   */
  constructor(
    private readonly index: GridIndex,
    private readonly weights: Float64Array,
    private readonly villageOf: Uint32Array,
    private readonly villageWeight: Float64Array,
    private readonly threshold: number,
  ) {
    this.flags = new Uint8Array(weights.length);
    this.villageDone = new Float64Array(villageWeight.length);
  }

  private mark(id: number): void {
    if (this.flags[id]) return;
    this.flags[id] = 1;
    const v = this.villageOf[id];
    const before = this.isReached(v);
    this.villageDone[v] += this.weights[id];
    if (!before && this.isReached(v)) this.reached++;
  }

  /** Marks the settlements inside a disk or sector. */
  addFootprint(f: CheckFootprint): void {
    for (const id of this.index.within([f.lon, f.lat], f.radiusM)) {
      if (!this.flags[id] && inFootprint(f, [this.index.xs[id], this.index.ys[id]])) this.mark(id);
    }
  }

  /** Marks the settlements within `reachM` of a point. */
  addPoint(p: Pos, reachM: number): void {
    for (const id of this.index.within(p, reachM)) this.mark(id);
  }

  /** Marks the settlements within `reachM` of a polyline. */
  addLine(line: Pos[], reachM: number): void {
    const dLat = reachM / 111000;
    for (let i = 1; i < line.length; i++) {
      const a = line[i - 1];
      const b = line[i];
      const dLon = dLat / Math.cos((a[1] * Math.PI) / 180);
      const ids = this.index.range(
        Math.min(a[0], b[0]) - dLon,
        Math.min(a[1], b[1]) - dLat,
        Math.max(a[0], b[0]) + dLon,
        Math.max(a[1], b[1]) + dLat,
      );
      for (const id of ids) {
        if (!this.flags[id] && pointSegmentDistanceM([this.index.xs[id], this.index.ys[id]], a, b) <= reachM) this.mark(id);
      }
    }
  }

  /** Has village v reached the threshold? */
  isReached(v: number): boolean {
    return this.share(v) >= this.threshold;
  }

  /** Share of village v's weight that is flagged. */
  share(v: number): number {
    return this.villageWeight[v] > 0 ? this.villageDone[v] / this.villageWeight[v] : 0;
  }
}
