import type { ConformalFrame } from '../geo/conformal-frame.ts';
import type { PackedVillages } from './packed-villages.ts';

/**
 * One village's rings projected into its conformal frame, oriented for Green's theorem (outer rings
 * counter-clockwise, holes clockwise), in reusable buffers. Ring `r` holds vertices
 * `ringStart[r] .. ringStart[r + 1]` of `xy` (stride 2, not closed); part `p` holds rings
 * `partStart[p] .. partStart[p + 1]`, the first its outer ring.
 */
export class PlanarPolygon {
  xy = new Float64Array(2048);
  ringStart = new Int32Array(64);
  partStart = new Int32Array(16);
  ringCount = 0;
  partCount = 0;
  vertexCount = 0;
  minX = 0;
  minY = 0;
  maxX = 0;
  maxY = 0;
  /** Area (m² of the frame): outer rings minus holes. */
  area = 0;

  /** Projects village `v` of `villages` with `frame` (already centred on it). */
  load(villages: PackedVillages, v: number, frame: ConformalFrame): void {
    const p0 = villages.villageStart[v];
    const p1 = villages.villageStart[v + 1];
    const r0 = villages.polygonStart[p0];
    const r1 = villages.polygonStart[p1];
    const n0 = villages.ringStart[r0];
    const n1 = villages.ringStart[r1];
    this.reserve(n1 - n0, r1 - r0, p1 - p0);
    const coords = villages.coords;
    const xy = this.xy;
    for (let i = n0; i < n1; i++) frame.forward(coords[i * 2], coords[i * 2 + 1], xy, (i - n0) * 2);
    for (let r = r0; r <= r1; r++) this.ringStart[r - r0] = villages.ringStart[r] - n0;
    for (let p = p0; p <= p1; p++) this.partStart[p - p0] = villages.polygonStart[p] - r0;
    this.vertexCount = n1 - n0;
    this.ringCount = r1 - r0;
    this.partCount = p1 - p0;
    this.finishLoad();
  }

  /** Loads rings already in frame coordinates (tests, helpers); same layout as the fields. */
  loadPlanar(xy: ArrayLike<number>, ringStart: ArrayLike<number>, partStart: ArrayLike<number>): void {
    const nv = xy.length / 2;
    this.reserve(nv, ringStart.length - 1, partStart.length - 1);
    for (let i = 0; i < xy.length; i++) this.xy[i] = xy[i];
    for (let i = 0; i < ringStart.length; i++) this.ringStart[i] = ringStart[i];
    for (let i = 0; i < partStart.length; i++) this.partStart[i] = partStart[i];
    this.vertexCount = nv;
    this.ringCount = ringStart.length - 1;
    this.partCount = partStart.length - 1;
    this.finishLoad();
  }

  /** Even–odd point-in-polygon over every ring (parts are disjoint, holes inside their outer ring). */
  contains(x: number, y: number): boolean {
    const xy = this.xy;
    let inside = false;
    for (let r = 0; r < this.ringCount; r++) {
      const s = this.ringStart[r];
      const e = this.ringStart[r + 1];
      let jx = xy[e * 2 - 2];
      let jy = xy[e * 2 - 1];
      for (let i = s; i < e; i++) {
        const ix = xy[i * 2];
        const iy = xy[i * 2 + 1];
        if (iy > y !== jy > y && x < ((jx - ix) * (y - iy)) / (jy - iy) + ix) inside = !inside;
        jx = ix;
        jy = iy;
      }
    }
    return inside;
  }

  private finishLoad(): void {
    const xy = this.xy;
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    let area = 0;
    for (let p = 0; p < this.partCount; p++) {
      for (let r = this.partStart[p]; r < this.partStart[p + 1]; r++) {
        const s = this.ringStart[r];
        const e = this.ringStart[r + 1];
        let a = ringSignedArea(xy, s, e);
        const outer = r === this.partStart[p];
        if ((outer && a < 0) || (!outer && a > 0)) {
          reverseRing(xy, s, e);
          a = -a;
        }
        area += a;
        for (let i = s; i < e; i++) {
          const x = xy[i * 2];
          const y = xy[i * 2 + 1];
          if (x < minX) minX = x;
          if (x > maxX) maxX = x;
          if (y < minY) minY = y;
          if (y > maxY) maxY = y;
        }
      }
    }
    this.minX = minX;
    this.minY = minY;
    this.maxX = maxX;
    this.maxY = maxY;
    this.area = area;
  }

  private reserve(vertices: number, rings: number, parts: number): void {
    if (this.xy.length < vertices * 2) this.xy = new Float64Array(Math.max(vertices * 2, this.xy.length * 2));
    if (this.ringStart.length < rings + 1) this.ringStart = new Int32Array(Math.max(rings + 1, this.ringStart.length * 2));
    if (this.partStart.length < parts + 1) this.partStart = new Int32Array(Math.max(parts + 1, this.partStart.length * 2));
  }
}

/** Signed area (counter-clockwise positive) of the ring of vertices s..e of `xy`, taken about its first vertex. */
export function ringSignedArea(xy: Float64Array, s: number, e: number): number {
  const ox = xy[s * 2];
  const oy = xy[s * 2 + 1];
  let sum = 0;
  for (let i = s + 1; i < e - 1; i++) {
    sum += (xy[i * 2] - ox) * (xy[i * 2 + 3] - oy) - (xy[i * 2 + 2] - ox) * (xy[i * 2 + 1] - oy);
  }
  return sum / 2;
}

function reverseRing(xy: Float64Array, s: number, e: number): void {
  for (let i = s, j = e - 1; i < j; i++, j--) {
    const x = xy[i * 2];
    const y = xy[i * 2 + 1];
    xy[i * 2] = xy[j * 2];
    xy[i * 2 + 1] = xy[j * 2 + 1];
    xy[j * 2] = x;
    xy[j * 2 + 1] = y;
  }
}
