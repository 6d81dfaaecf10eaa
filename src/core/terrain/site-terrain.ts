import type { SessionAnalysis } from '../analysis/analysis-session.ts';
import { FOOTPRINT_STRIDE, FP_BEARING_FROM, FP_BEARING_TO, FP_RADIUS } from '../coverage/packed-footprints.ts';
import { terrainFootprintGeometry } from './footprint-geometry.ts';
import { TERRAIN_CLEAR, TERRAIN_OUTSIDE, TERRAIN_SHADOWED } from './packed-terrain.ts';

/** A site's terrain footprint for the map (see the coverage worker's `siteTerrain`). */
export interface SiteTerrainResult {
  status: 'none' | 'not-broadband' | 'clear' | 'shadowed' | 'outside-dem' | 'dem-voids';
  hidden: number | null;
  bytes: Uint8Array | null;
}

/** The terrain footprint of the BTS record with id `id` in `analysis` (its first footprint), as GeoJSON bytes when terrain cuts it. */
export function siteTerrain(analysis: SessionAnalysis | null, id: string): SiteTerrainResult {
  const terrain = analysis?.prepared.terrain;
  if (!analysis || !terrain) return { status: 'none', hidden: null, bytes: null };
  const index = analysis.input.bts.findIndex((b) => b.id === id);
  const fp = analysis.prepared.footprints;
  let f = -1;
  for (let k = 0; k < fp.count; k++) {
    if (fp.source[k] === index) {
      f = k;
      break;
    }
  }
  if (f < 0) return { status: 'not-broadband', hidden: null, bytes: null };
  const status = terrain.status[f];
  const hidden = Number.isNaN(terrain.hidden[f]) ? null : terrain.hidden[f];
  if (status === TERRAIN_CLEAR) return { status: 'clear', hidden, bytes: null };
  if (status !== TERRAIN_SHADOWED) return { status: status === TERRAIN_OUTSIDE ? 'outside-dem' : 'dem-voids', hidden: null, bytes: null };
  const o = f * FOOTPRINT_STRIDE;
  const geometry = terrainFootprintGeometry(terrain, terrain.profileOf[f], fp.data[o + FP_RADIUS], fp.data[o + FP_BEARING_FROM], fp.data[o + FP_BEARING_TO]);
  return { status: 'shadowed', hidden, bytes: new TextEncoder().encode(JSON.stringify(geometry)) };
}
