import KDBush from 'kdbush';
import type { SettlementRecord } from '../model.ts';

/** Weighted settlement points as typed arrays with a KDBush index over lon/lat. */
export interface PackedPoints {
  count: number;
  /** lon, lat per point (stride 2). */
  coords: Float64Array;
  /** Population (or households, or 1) per point. */
  weights: Float64Array;
  /** KDBush over `coords`; null when there are no points. */
  index: ArrayBuffer | null;
}

/** Packs settlement points; points with a non-finite position or a weight ≤ 0 are left out. */
export function packPoints(points: readonly SettlementRecord[]): PackedPoints {
  const keep = points.filter(
    (p) => Number.isFinite(p.lon) && Number.isFinite(p.lat) && Number.isFinite(p.weight) && p.weight > 0,
  );
  const coords = new Float64Array(keep.length * 2);
  const weights = new Float64Array(keep.length);
  keep.forEach((p, i) => {
    coords[i * 2] = p.lon;
    coords[i * 2 + 1] = p.lat;
    weights[i] = p.weight;
  });
  let index: ArrayBuffer | null = null;
  if (keep.length > 0) {
    const kd = new KDBush(keep.length);
    for (let i = 0; i < keep.length; i++) kd.add(coords[i * 2], coords[i * 2 + 1]);
    kd.finish();
    index = kd.data as ArrayBuffer;
  }
  return { count: keep.length, coords, weights, index };
}

/** The buffers of a packed point set, for `postMessage(…, transferables)`. */
export function pointTransferables(p: PackedPoints): ArrayBuffer[] {
  const out = [p.coords.buffer as ArrayBuffer, p.weights.buffer as ArrayBuffer];
  if (p.index) out.push(p.index);
  return out;
}
