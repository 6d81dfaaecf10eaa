import Flatbush from 'flatbush';
import type { FibrePoint, FibreRoute } from '../model.ts';
import { metresPerDegree, pointSegmentMetres } from './local-metric.ts';

/** Segments: lon0, lat0, lon1, lat1. An access point is stored as a zero-length segment. */
export const SEG_STRIDE = 4;

/** Fibre as typed arrays plus a flatbush index, transferable to a worker as-is. */
export interface PackedFibre {
  segments: Float64Array;
  /** `Flatbush.data` over the segments' boxes (empty when there is no fibre). */
  index: ArrayBuffer;
}

/** Pack fibre routes and access points for distance queries. */
export function packFibre(routes: readonly FibreRoute[], points: readonly FibrePoint[]): PackedFibre {
  let n = points.length;
  for (const r of routes) n += Math.max(0, r.coordinates.length - 1);
  const segments = new Float64Array(n * SEG_STRIDE);
  let i = 0;
  for (const r of routes) {
    const c = r.coordinates;
    for (let j = 0; j + 1 < c.length; j++, i++) {
      segments.set([c[j][0], c[j][1], c[j + 1][0], c[j + 1][1]], i * SEG_STRIDE);
    }
  }
  for (const p of points) {
    segments.set([p.lon, p.lat, p.lon, p.lat], i++ * SEG_STRIDE);
  }
  if (n === 0) return { segments, index: new ArrayBuffer(0) };
  const fb = new Flatbush(n);
  for (let s = 0; s < n; s++) {
    const o = s * SEG_STRIDE;
    fb.add(
      Math.min(segments[o], segments[o + 2]),
      Math.min(segments[o + 1], segments[o + 3]),
      Math.max(segments[o], segments[o + 2]),
      Math.max(segments[o + 1], segments[o + 3]),
    );
  }
  fb.finish();
  return { segments, index: fb.data as ArrayBuffer };
}

/** Answers "how far is the nearest fibre from this point" over a packed network. */
export class FibreLocator {
  private readonly segments: Float64Array;
  private readonly index: Flatbush | null;

  constructor(packed: PackedFibre) {
    this.segments = packed.segments;
    this.index = packed.index.byteLength > 0 ? Flatbush.from(packed.index) : null;
  }

  /**
   * Distance in metres to the nearest fibre segment or access point, searched out to `maxM`
   * (Infinity when none is that close).
   */
  nearestMetres(lon: number, lat: number, maxM: number): number {
    if (!this.index) return Infinity;
    const k = metresPerDegree(lat);
    const s = this.segments;
    // Widen the search box until something is found or the limit is passed: most points have
    // fibre within the first box, and the box stays small for the index.
    for (let r = Math.min(maxM, 2000); ; r = Math.min(maxM, r * 4)) {
      const dLon = r / k.x;
      const dLat = r / k.y;
      let best = Infinity;
      const hits = this.index.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat);
      for (const h of hits) {
        const o = h * SEG_STRIDE;
        const d = pointSegmentMetres(lon, lat, s[o], s[o + 1], s[o + 2], s[o + 3], k);
        if (d < best) best = d;
      }
      if (best <= r) return best;
      if (r >= maxM) return Infinity;
    }
  }
}
