import { growBox, multiPolygonBox } from '../geo/lonlat-box.ts';
import type { BtsRecord, VillageRecord } from '../model.ts';
import type { GapRow } from '../output/gap-row.ts';
import { gapMapProperties } from '../output/map-properties.ts';
import { gapCode, MarkTiles } from '../output/mark-tiles.ts';

/**
 * What the page draws of a set too large to hold (a country): the coverage worker keeps the
 * records and the gap list, and hands the page only what the map shows now — every village as a
 * dot in vector tiles, the village polygons inside the viewport as GeoJSON text the map's own
 * worker parses, the sites around one village. Pure: no Comlink, no DOM.
 */

/** A lon/lat box, as FlatGeobuf's spatial search takes it. */
export interface LonLatRect {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Each village's lon/lat box (minX, minY, maxX, maxY; NaN for one without a polygon), computed once per records array. */
const boxCache = new WeakMap<readonly VillageRecord[], Float64Array>();

export function villageBoxes(villages: readonly VillageRecord[]): Float64Array {
  let boxes = boxCache.get(villages);
  if (boxes) return boxes;
  boxes = new Float64Array(villages.length * 4).fill(NaN);
  villages.forEach((v, i) => {
    const b = multiPolygonBox(v.geometry);
    if (b) boxes.set(b, i * 4);
  });
  boxCache.set(villages, boxes);
  return boxes;
}

/** The map properties of village `i`: its names and its result, as `villagesWithResults` gives them on the page. */
function villageProperties(v: VillageRecord, row: GapRow | undefined): Record<string, unknown> {
  return {
    id: v.id,
    name: v.name,
    commune: v.commune,
    district: v.district,
    province: v.province,
    population: v.population,
    households: v.households,
    ...(v.synthetic ? { synthetic: true } : {}),
    ...(row ? gapMapProperties(row) : {}),
  };
}

/** The villages whose box meets `rect`, at most `limit` of them (the first by index), as a FeatureCollection; `id` is the village's index. */
export function villagesInRect(
  villages: readonly VillageRecord[],
  rows: readonly GapRow[] | null,
  rect: LonLatRect,
  limit: number,
): { collection: { type: 'FeatureCollection'; features: unknown[] }; total: number } {
  const boxes = villageBoxes(villages);
  const features: unknown[] = [];
  let total = 0;
  for (let i = 0; i < villages.length; i++) {
    const o = i * 4;
    if (!(boxes[o] <= rect.maxX && boxes[o + 2] >= rect.minX && boxes[o + 1] <= rect.maxY && boxes[o + 3] >= rect.minY)) continue;
    total++;
    if (features.length >= limit) continue;
    const v = villages[i];
    features.push({
      type: 'Feature',
      id: i,
      properties: villageProperties(v, rows?.[i]),
      geometry: { type: 'MultiPolygon', coordinates: v.geometry },
    });
  }
  return { collection: { type: 'FeatureCollection', features }, total };
}

/**
 * Every village as a dot for the vector tiles of a country (its declared centre, else the middle of
 * its box) with its gap class: what the map shows below the polygon zoom.
 */
export function villageMarkTiles(villages: readonly VillageRecord[], rows: readonly GapRow[] | null): MarkTiles {
  const boxes = villageBoxes(villages);
  const n = villages.length;
  const lon = new Float64Array(n).fill(NaN);
  const lat = new Float64Array(n).fill(NaN);
  const gap = new Uint8Array(n);
  villages.forEach((v, i) => {
    const o = i * 4;
    if (v.centre) [lon[i], lat[i]] = v.centre;
    else if (!Number.isNaN(boxes[o])) {
      lon[i] = (boxes[o] + boxes[o + 2]) / 2;
      lat[i] = (boxes[o + 1] + boxes[o + 3]) / 2;
    }
    gap[i] = gapCode(rows?.[i]?.gap ?? 'none');
  });
  return new MarkTiles(lon, lat, gap);
}

/** The BTS records inside `rect`. */
export function btsInRect(bts: readonly BtsRecord[], rect: LonLatRect): BtsRecord[] {
  return bts.filter((b) => b.lon >= rect.minX && b.lon <= rect.maxX && b.lat >= rect.minY && b.lat <= rect.maxY);
}

/** `rect` grown by `metres` on every side (as `growBox`: it holds every point within that distance). */
export function growRect(rect: LonLatRect, metres: number): LonLatRect {
  const [minX, minY, maxX, maxY] = growBox(rect.minX, rect.minY, rect.maxX, rect.maxY, metres);
  return { minX, minY, maxX, maxY };
}

/** UTF-8 JSON bytes of `value` (transferred to the page, which hands them to the map as a Blob). */
export function jsonBytes(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}
