import { area, difference, featureCollection, multiPolygon, union } from '@turf/turf';
import type { MultiPolygon, Polygon } from 'geojson';
import { diskBox, multiPolygonBox } from '../geo/lonlat-box.ts';
import type { BtsRecord, MultiPolygonCoords } from '../model.ts';
import type { FootprintParams } from '../params.ts';
import { footprintPolygon } from './footprint-polygon.ts';
import { footprintOf, isFootprint, type Footprint } from './footprint-rule.ts';

/**
 * The part of a village that no broadband footprint reaches, as a polygon for the map (and for an
 * export): village minus the union of the footprints that touch it, built with Turf. For display
 * only; the coverage engine computes the fractions exactly.
 */

/** A footprint with the index of the BTS record it came from. */
export interface FootprintShape extends Footprint {
  record: number;
}

export interface UncoveredArea {
  /** The uncovered part, or null when the footprints cover the whole village. */
  geometry: Polygon | MultiPolygon | null;
  /** Area of the village (m², Turf's spherical area). */
  villageM2: number;
  /** Area of the uncovered part (m²). */
  uncoveredM2: number;
  /** uncoveredM2 / villageM2 (0 when the village has no area). */
  uncoveredFraction: number;
  /** Indexes of the BTS records whose footprints touch the village's bounding box. */
  footprintRecords: number[];
}

/** The broadband footprints of `bts` under `params` (the engine's rule, `footprintOf`), each with its record's index. */
export function broadbandFootprints(bts: readonly BtsRecord[], params: FootprintParams): FootprintShape[] {
  const out: FootprintShape[] = [];
  bts.forEach((b, record) => {
    const f = footprintOf(b, params);
    if (isFootprint(f)) out.push({ ...f, record });
  });
  return out;
}

/** True when the box of the footprint's full disk meets `box`. */
function touchesBox(f: Footprint, box: readonly number[]): boolean {
  const [minLon, minLat, maxLon, maxLat] = diskBox(f.lon, f.lat, f.radiusM);
  return maxLon >= box[0] && minLon <= box[2] && maxLat >= box[1] && minLat <= box[3];
}

/**
 * The village `coords` minus the union of the `footprints` that touch it. Throws when the village
 * has no polygon (an invalid village has nothing to subtract from).
 */
export function uncoveredArea(coords: MultiPolygonCoords, footprints: readonly FootprintShape[]): UncoveredArea {
  const box = multiPolygonBox(coords);
  if (!box) throw new Error('uncoveredArea: the village has no polygon; repair its geometry first.');
  const village = multiPolygon(coords);
  const villageM2 = area(village);
  const touching = footprints.filter((f) => touchesBox(f, box));
  const footprintRecords = touching.map((f) => f.record);
  if (touching.length === 0) {
    return { geometry: village.geometry, villageM2, uncoveredM2: villageM2, uncoveredFraction: villageM2 > 0 ? 1 : 0, footprintRecords };
  }
  const polygons = touching.map((f) => footprintPolygon(f));
  const covered = polygons.length === 1 ? polygons[0] : union(featureCollection(polygons));
  const rest = covered ? difference(featureCollection<Polygon | MultiPolygon>([village, covered])) : village;
  const uncoveredM2 = rest ? area(rest) : 0;
  return {
    geometry: rest ? rest.geometry : null,
    villageM2,
    uncoveredM2,
    uncoveredFraction: villageM2 > 0 ? uncoveredM2 / villageM2 : 0,
    footprintRecords,
  };
}
