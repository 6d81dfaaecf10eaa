import type { VillageRecord } from '../model.ts';

/**
 * Village polygons as flat typed arrays, ready to be transferred to a worker.
 *
 * Vertex `i` is `coords[2i]` (lon), `coords[2i + 1]` (lat). Ring `r` holds vertices
 * `ringStart[r] .. ringStart[r + 1]` (not closed: the last vertex is not the first repeated).
 * Polygon `p` holds rings `polygonStart[p] .. polygonStart[p + 1]`, the first one its outer ring.
 * Village `v` holds polygons `villageStart[v] .. villageStart[v + 1]`.
 */
export interface PackedVillages {
  count: number;
  coords: Float64Array;
  ringStart: Uint32Array;
  polygonStart: Uint32Array;
  villageStart: Uint32Array;
  /** Declared centre lon, lat per village (stride 2); NaN, NaN when none is declared. */
  centres: Float64Array;
  /** 1 when the village can be computed, 0 when it is invalid or has no polygon with area. */
  valid: Uint8Array;
}

export const CENTRE_STRIDE = 2;

/** Packs village records; rings with fewer than 3 distinct vertices are left out. */
export function packVillages(records: readonly VillageRecord[]): PackedVillages {
  let vertexCount = 0;
  let ringCount = 0;
  let polygonCount = 0;
  for (const v of records) {
    if (v.invalidReason) continue;
    for (const poly of v.geometry) {
      polygonCount++;
      for (const ring of poly) {
        ringCount++;
        vertexCount += ring.length;
      }
    }
  }
  const coords = new Float64Array(vertexCount * 2);
  const ringStart = new Uint32Array(ringCount + 1);
  const polygonStart = new Uint32Array(polygonCount + 1);
  const villageStart = new Uint32Array(records.length + 1);
  const centres = new Float64Array(records.length * CENTRE_STRIDE).fill(NaN);
  const valid = new Uint8Array(records.length);
  let nv = 0;
  let nr = 0;
  let np = 0;
  for (let v = 0; v < records.length; v++) {
    const rec = records[v];
    villageStart[v] = np;
    if (rec.centre && Number.isFinite(rec.centre[0]) && Number.isFinite(rec.centre[1])) {
      centres[v * 2] = rec.centre[0];
      centres[v * 2 + 1] = rec.centre[1];
    }
    if (rec.invalidReason) continue;
    let usable = false;
    for (const poly of rec.geometry) {
      const firstRing = nr;
      for (let k = 0; k < poly.length; k++) {
        const start = nv;
        const ring = poly[k];
        let end = ring.length;
        // Drop the closing vertex and repeated consecutive vertices.
        while (end > 1 && ring[end - 1][0] === ring[0][0] && ring[end - 1][1] === ring[0][1]) end--;
        for (let i = 0; i < end; i++) {
          const x = ring[i][0];
          const y = ring[i][1];
          if (nv > start && coords[nv * 2 - 2] === x && coords[nv * 2 - 1] === y) continue;
          coords[nv * 2] = x;
          coords[nv * 2 + 1] = y;
          nv++;
        }
        if (nv - start < 3) {
          nv = start;
          // A hole that collapsed is dropped; an outer ring that collapsed drops its polygon.
          if (k === 0) break;
          continue;
        }
        ringStart[nr++] = start;
      }
      if (nr > firstRing) {
        polygonStart[np++] = firstRing;
        usable = true;
      }
    }
    valid[v] = usable ? 1 : 0;
  }
  villageStart[records.length] = np;
  ringStart[nr] = nv;
  polygonStart[np] = nr;
  return {
    count: records.length,
    coords: coords.slice(0, nv * 2),
    ringStart: ringStart.slice(0, nr + 1),
    polygonStart: polygonStart.slice(0, np + 1),
    villageStart,
    centres,
    valid,
  };
}

/**
 * Grows a lon/lat box of village `v` (minLon, minLat, maxLon, maxLat, as {@link villageBox} writes)
 * in place to hold the village's declared centre, which may lie outside the polygon (a cultural
 * house drawn outside a rough outline): where a footprint that counts for the village can be, for the
 * engine's candidates and for the villages a proposed site touches.
 */
export function growToDeclaredCentre(p: PackedVillages, v: number, box: Float64Array | number[]): void {
  const lon = p.centres[v * CENTRE_STRIDE];
  const lat = p.centres[v * CENTRE_STRIDE + 1];
  if (Number.isNaN(lon)) return;
  box[0] = Math.min(box[0], lon);
  box[1] = Math.min(box[1], lat);
  box[2] = Math.max(box[2], lon);
  box[3] = Math.max(box[3], lat);
}

/**
 * Writes village `v`'s lon/lat box into `out` as minLon, minLat, maxLon, maxLat; returns false (and
 * leaves `out` alone) when the village has no vertex.
 */
export function villageBox(p: PackedVillages, v: number, out: Float64Array | number[]): boolean {
  const n0 = p.ringStart[p.polygonStart[p.villageStart[v]]];
  const n1 = p.ringStart[p.polygonStart[p.villageStart[v + 1]]];
  if (n1 <= n0) return false;
  let minLon = Infinity;
  let minLat = Infinity;
  let maxLon = -Infinity;
  let maxLat = -Infinity;
  for (let i = n0; i < n1; i++) {
    const x = p.coords[i * 2];
    const y = p.coords[i * 2 + 1];
    if (x < minLon) minLon = x;
    if (x > maxLon) maxLon = x;
    if (y < minLat) minLat = y;
    if (y > maxLat) maxLat = y;
  }
  out[0] = minLon;
  out[1] = minLat;
  out[2] = maxLon;
  out[3] = maxLat;
  return true;
}

/** The buffers of a packed village set, for `postMessage(…, transferables)`. */
export function villageTransferables(p: PackedVillages): ArrayBuffer[] {
  return [p.coords, p.ringStart, p.polygonStart, p.villageStart, p.centres, p.valid].map(
    (a) => a.buffer as ArrayBuffer,
  );
}
