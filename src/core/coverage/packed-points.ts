import KDBush from 'kdbush';
import type { SettlementColumns } from '../settlement-columns.ts';

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
export function packPoints(points: SettlementColumns): PackedPoints {
  const { lon, lat, weight } = points;
  const kept = (i: number): boolean => Number.isFinite(lon[i]) && Number.isFinite(lat[i]) && Number.isFinite(weight[i]) && weight[i] > 0;
  let count = 0;
  for (let i = 0; i < lon.length; i++) if (kept(i)) count++;
  const coords = new Float64Array(count * 2);
  const weights = new Float64Array(count);
  for (let i = 0, k = 0; i < lon.length; i++) {
    if (!kept(i)) continue;
    coords[k * 2] = lon[i];
    coords[k * 2 + 1] = lat[i];
    weights[k++] = weight[i];
  }
  let index: ArrayBuffer | null = null;
  if (count > 0) {
    const kd = new KDBush(count);
    for (let i = 0; i < count; i++) kd.add(coords[i * 2], coords[i * 2 + 1]);
    kd.finish();
    index = kd.data as ArrayBuffer;
  }
  return { count, coords, weights, index };
}

/** The buffers of a packed point set, for `postMessage(…, transferables)`. */
export function pointTransferables(p: PackedPoints): ArrayBuffer[] {
  const out = [p.coords.buffer as ArrayBuffer, p.weights.buffer as ArrayBuffer];
  if (p.index) out.push(p.index);
  return out;
}
