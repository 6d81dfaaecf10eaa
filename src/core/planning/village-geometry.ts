import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import { ConformalFrame } from '../geo/conformal-frame.ts';
import type { PackedPoints } from '../coverage/packed-points.ts';
import { growToDeclaredCentre, villageBox, type PackedVillages } from '../coverage/packed-villages.ts';
import { PlanarPolygon } from '../coverage/planar-polygon.ts';
import { centreInFrame } from '../coverage/village-centre.ts';

/** Degrees added around a village's box, as the coverage engine does (geodesic edges bow out by millimetres). */
export const VILLAGE_BOX_PAD_DEG = 1e-6;
export const BOX_STRIDE = 4;
export const LONLAT_STRIDE = 2;

/**
 * What planning needs of each village, computed once exactly as the coverage engine computes it, so
 * that a village judged covered here is covered in `analyze` too: the conformal frame's centre (the
 * middle of the village's lon/lat box), the centre point (declared, else the polygon's interior
 * point), the settlement points inside the polygon with their weights, and a Flatbush over the boxes.
 *
 * Village `v`'s points are `pointStart[v] … pointStart[v + 1] - 1` of `pointLonLat` / `pointWeight`.
 * `valid[v]` is 0 where the engine cannot compute the village (invalid or without area).
 */
export interface VillageGeometry {
  count: number;
  valid: Uint8Array;
  /** minLon, minLat, maxLon, maxLat per village (stride 4); NaN for a village without vertices. */
  box: Float64Array;
  /** Frame centre lon, lat (stride 2). */
  frameCentre: Float64Array;
  /** Centre point lon, lat (stride 2): declared, else interior point; NaN when invalid. */
  centre: Float64Array;
  /** Area of the polygon in its frame (m²). */
  area: Float64Array;
  pointStart: Uint32Array;
  pointLonLat: Float64Array;
  pointWeight: Float64Array;
  /** 1 where the village declares nobody (see PopulatedPoints.nobody): the population rule judges it by area, as the engine does. */
  nobody: Uint8Array;
  /** Flatbush over the padded village boxes with their centres (item = village); null when there are no villages with vertices. */
  index: Flatbush | null;
}

/** Build the planning view of the villages (one pass; about the cost of the engine's population step). */
export function buildVillageGeometry(villages: PackedVillages, settlements: PackedPoints | null, nobody: Uint8Array): VillageGeometry {
  const n = villages.count;
  const box = new Float64Array(n * BOX_STRIDE).fill(NaN);
  const vbox = new Float64Array(4);
  const frameCentre = new Float64Array(n * LONLAT_STRIDE).fill(NaN);
  const centre = new Float64Array(n * LONLAT_STRIDE).fill(NaN);
  const area = new Float64Array(n);
  const valid = new Uint8Array(n);
  const pointStart = new Uint32Array(n + 1);
  const lonlat: number[] = [];
  const weights: number[] = [];
  const frame = new ConformalFrame(0, 0);
  const poly = new PlanarPolygon();
  const xy = new Float64Array(2);
  const lonLat = new Float64Array(2);
  const pointIndex = settlements?.index ? KDBush.from(settlements.index) : null;
  let boxed = 0;
  for (let v = 0; v < n; v++) {
    pointStart[v] = weights.length;
    if (!villageBox(villages, v, vbox)) continue;
    const minLon = vbox[0];
    const minLat = vbox[1];
    const maxLon = vbox[2];
    const maxLat = vbox[3];
    box.set(vbox, v * BOX_STRIDE);
    boxed++;
    const cx = (minLon + maxLon) / 2;
    const cy = (minLat + maxLat) / 2;
    frameCentre[v * 2] = cx;
    frameCentre[v * 2 + 1] = cy;
    if (!villages.valid[v]) continue;
    frame.setCentre(cx, cy);
    poly.load(villages, v, frame);
    if (!(poly.area > 0)) continue;
    valid[v] = 1;
    area[v] = poly.area;
    centreInFrame(villages, v, frame, poly, xy, lonLat);
    centre[v * 2] = lonLat[0];
    centre[v * 2 + 1] = lonLat[1];
    if (!settlements || !pointIndex) continue;
    const pad = VILLAGE_BOX_PAD_DEG;
    for (const id of pointIndex.range(minLon - pad, minLat - pad, maxLon + pad, maxLat + pad)) {
      const lon = settlements.coords[id * 2];
      const lat = settlements.coords[id * 2 + 1];
      frame.forward(lon, lat, xy, 0);
      if (!poly.contains(xy[0], xy[1])) continue;
      lonlat.push(lon, lat);
      weights.push(settlements.weights[id]);
    }
  }
  pointStart[n] = weights.length;
  let index: Flatbush | null = null;
  if (boxed > 0) {
    index = new Flatbush(n);
    for (let v = 0; v < n; v++) {
      const o = v * BOX_STRIDE;
      // A village without vertices gets an empty box far away so item numbers stay village numbers.
      if (Number.isNaN(box[o])) {
        index.add(1e9, 1e9, 1e9, 1e9);
        continue;
      }
      // Grown to its declared centre, as the engine looks for footprints.
      vbox.set(box.subarray(o, o + BOX_STRIDE));
      growToDeclaredCentre(villages, v, vbox);
      index.add(vbox[0] - VILLAGE_BOX_PAD_DEG, vbox[1] - VILLAGE_BOX_PAD_DEG, vbox[2] + VILLAGE_BOX_PAD_DEG, vbox[3] + VILLAGE_BOX_PAD_DEG);
    }
    index.finish();
  }
  return {
    count: n,
    valid,
    box,
    frameCentre,
    centre,
    area,
    pointStart,
    pointLonLat: new Float64Array(lonlat),
    pointWeight: new Float64Array(weights),
    nobody,
    index,
  };
}
