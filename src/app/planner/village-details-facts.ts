import type { BtsRecord, CoverageSource, MultiPolygonCoords, Position } from '../../core/model.ts';
import type { AnalysisParams } from '../../core/params.ts';
import type { FootprintShape } from './uncovered-area.ts';

/**
 * Facts for the village details panel that the gap list does not carry: which site is the nearest
 * broadband site, and where the coverage claims come from. Pure (no DOM).
 */

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (for picking the nearest site; the engine measures geodesically). */
export function haversineM(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The village's centre for display: the declared one, else the mean of its outer ring's vertices. */
export function villageCentre(declared: Position | null, coords: MultiPolygonCoords): Position | null {
  if (declared) return declared;
  let x = 0;
  let y = 0;
  let n = 0;
  for (const polygon of coords) {
    const ring = polygon[0] ?? [];
    for (let i = 0; i < ring.length - 1; i++) {
      x += ring[i][0];
      y += ring[i][1];
      n++;
    }
  }
  return n > 0 ? [x / n, y / n] : null;
}

/** The broadband BTS record nearest to `centre` (linear scan: one click, even over 100,000 records). */
export function nearestBroadbandSite(
  centre: Position,
  bts: readonly BtsRecord[],
  params: Pick<AnalysisParams, 'broadbandTechs'>,
): { record: BtsRecord; distanceM: number } | null {
  const techs = new Set(params.broadbandTechs);
  let best: BtsRecord | null = null;
  let bestD = Infinity;
  for (const b of bts) {
    if (!techs.has(b.tech)) continue;
    const d = haversineM(centre, [b.lon, b.lat]);
    if (d < bestD) {
      bestD = d;
      best = b;
    }
  }
  return best ? { record: best, distanceM: bestD } : null;
}

/** Where the footprints touching a village come from, and which model drew them. */
export interface Provenance {
  /** Footprints per source (predicted from a model, declared by an operator, measured). */
  bySource: Record<CoverageSource, number>;
  /** `disk`, `sector`, `mixed`, or null when no footprint touches the village. */
  model: 'disk' | 'sector' | 'mixed' | null;
  footprints: number;
}

export function provenanceOf(footprints: readonly FootprintShape[], records: readonly number[], bts: readonly BtsRecord[]): Provenance {
  const bySource: Record<CoverageSource, number> = { predicted: 0, declared: 0, measured: 0 };
  const byRecord = new Map(footprints.map((f) => [f.record, f]));
  let disks = 0;
  let sectors = 0;
  for (const r of records) {
    const f = byRecord.get(r);
    bySource[bts[r]?.source ?? 'predicted']++;
    if (f?.azimuthDeg !== null && f?.azimuthDeg !== undefined) sectors++;
    else disks++;
  }
  const model = records.length === 0 ? null : sectors === 0 ? 'disk' : disks === 0 ? 'sector' : 'mixed';
  return { bySource, model, footprints: records.length };
}

/** What the village's `mobile_source` says about terrain (the gap list keeps it in English). */
export interface TerrainFacts {
  /** `disk` no elevation model; `terrain` measured on terrain footprints; `mixed` some fell back to their disk; `outside` all did. */
  model: 'disk' | 'terrain' | 'mixed' | 'outside';
  /** The DEM's label ("SRTM .hgt 1″, 31 m"), when there is one. */
  dem: string | null;
}

/** Reads `mobile_source` ("predicted: disk", "predicted: terrain (<DEM>)[; disk outside the DEM]", "predicted: disk (outside the DEM <DEM>)"). */
export function terrainFacts(mobileSource: string): TerrainFacts {
  const outside = /^predicted: disk \(outside the DEM (.*)\)$/.exec(mobileSource);
  if (outside) return { model: 'outside', dem: outside[1] };
  const terrain = /^predicted: terrain \((.*)\)(; disk outside the DEM)?$/.exec(mobileSource);
  if (terrain) return { model: terrain[2] ? 'mixed' : 'terrain', dem: terrain[1] };
  return { model: 'disk', dem: null };
}
