import { area, circle, difference, featureCollection, multiPolygon, sector, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import type { BtsRecord, MultiPolygonCoords } from '../../core/model.ts';
import type { AnalysisParams } from '../../core/params.ts';

/**
 * The part of a village that no broadband footprint reaches, as a polygon for the map (and for an
 * export): village minus the union of the footprints that touch it, built with Turf. For display
 * only; the coverage engine computes the fractions exactly. No DOM, so it runs in tests and workers.
 */

/** One footprint: a disk, or a sector when azimuth and beamwidth are both given. */
export interface FootprintShape {
  lon: number;
  lat: number;
  radiusM: number;
  /** Centre bearing of the sector, clockwise from north; null for a disk. */
  azimuthDeg: number | null;
  /** Full opening angle; null for a disk. */
  beamwidthDeg: number | null;
  /** Index of the BTS record it came from. */
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

/** Vertices per full circle: the 128-gon's area is within 0.04 % of the disk's. */
const STEPS = 128;
const M_PER_DEG_LAT = 110_574;
const M_PER_DEG_LON_EQUATOR = 111_320;

/**
 * The broadband footprints of `bts` under `params`: only technologies counted as broadband, radius
 * `radiusM` when the record gives one else the technology default, sectors only when
 * `params.sectors` is on and the record has azimuth and a beamwidth below 360°.
 */
export function broadbandFootprints(
  bts: readonly BtsRecord[],
  params: Pick<AnalysisParams, 'radiusM' | 'broadbandTechs' | 'sectors'>,
): FootprintShape[] {
  const techs = new Set(params.broadbandTechs);
  const out: FootprintShape[] = [];
  bts.forEach((b, record) => {
    if (!techs.has(b.tech)) return;
    const radiusM = b.radiusM !== null && b.radiusM > 0 ? b.radiusM : params.radiusM[b.tech];
    if (!(radiusM > 0)) return;
    const isSector =
      params.sectors && b.azimuthDeg !== null && b.beamwidthDeg !== null && b.beamwidthDeg > 0 && b.beamwidthDeg < 360;
    out.push({
      lon: b.lon,
      lat: b.lat,
      radiusM,
      azimuthDeg: isSector ? b.azimuthDeg : null,
      beamwidthDeg: isSector ? b.beamwidthDeg : null,
      record,
    });
  });
  return out;
}

/** `[minLon, minLat, maxLon, maxLat]` of a multipolygon. */
export function bboxOfMultiPolygon(coords: MultiPolygonCoords): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const polygon of coords) {
    for (const [x, y] of polygon[0] ?? []) {
      if (x < box[0]) box[0] = x;
      if (y < box[1]) box[1] = y;
      if (x > box[2]) box[2] = x;
      if (y > box[3]) box[3] = y;
    }
  }
  return box;
}

/** True when the footprint's bounding box (of its full disk, with a small margin) meets `box`. */
function touchesBox(f: FootprintShape, box: readonly number[]): boolean {
  const dLat = (f.radiusM * 1.01) / M_PER_DEG_LAT;
  const cos = Math.cos(((Math.abs(f.lat) + dLat) * Math.PI) / 180);
  const dLon = cos > 1e-6 ? (f.radiusM * 1.01) / (M_PER_DEG_LON_EQUATOR * cos) : 360;
  return f.lon + dLon >= box[0] && f.lon - dLon <= box[2] && f.lat + dLat >= box[1] && f.lat - dLat <= box[3];
}

function footprintPolygon(f: FootprintShape): Feature<Polygon> {
  if (f.azimuthDeg !== null && f.beamwidthDeg !== null) {
    const steps = Math.max(8, Math.ceil((STEPS * f.beamwidthDeg) / 360));
    return sector([f.lon, f.lat], f.radiusM, f.azimuthDeg - f.beamwidthDeg / 2, f.azimuthDeg + f.beamwidthDeg / 2, {
      units: 'meters',
      steps,
    });
  }
  return circle([f.lon, f.lat], f.radiusM, { units: 'meters', steps: STEPS });
}

/**
 * The village `coords` minus the union of the `footprints` that touch it. Throws when the village
 * has no polygon (an invalid village has nothing to subtract from).
 */
export function uncoveredArea(coords: MultiPolygonCoords, footprints: readonly FootprintShape[]): UncoveredArea {
  if (coords.length === 0) throw new Error('uncoveredArea: the village has no polygon; repair its geometry first.');
  const village = multiPolygon(coords);
  const villageM2 = area(village);
  const box = bboxOfMultiPolygon(coords);
  const touching = footprints.filter((f) => touchesBox(f, box));
  const footprintRecords = touching.map((f) => f.record);
  if (touching.length === 0) {
    return { geometry: village.geometry, villageM2, uncoveredM2: villageM2, uncoveredFraction: villageM2 > 0 ? 1 : 0, footprintRecords };
  }
  const polygons = touching.map(footprintPolygon);
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
