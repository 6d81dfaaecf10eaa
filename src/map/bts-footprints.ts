import type { FeatureCollection, Polygon } from 'geojson';
import { footprintPolygon } from '../core/coverage/footprint-polygon.ts';
import { footprintOf, isFootprint } from '../core/coverage/footprint-rule.ts';
import type { GeoFeature } from '../core/io/geojson-types.ts';
import { isInputError } from '../core/io/input-error.ts';
import { readBts } from '../core/io/read-bts.ts';
import type { FootprintParams } from '../core/params.ts';

/**
 * Display polygons of a BTS layer's broadband footprints under the assumptions of the analysis on
 * screen: the records are read as the analysis reads them and shaped by the engine's rule
 * (`footprintOf`), so what is drawn is what was computed. For drawing only: the engine measures
 * the exact geodesic shapes, not these polygons.
 */

const EMPTY: FeatureCollection<Polygon> = { type: 'FeatureCollection', features: [] };
/** Vertices per full circle on the map: enough at the zooms footprints are shown, half the work of the details' 128. */
const STEPS_PER_CIRCLE = 64;

/** One polygon per broadband footprint of `bts` under `params` (with the site's operator and technology). */
export function buildFootprints(bts: FeatureCollection, params: FootprintParams): FeatureCollection<Polygon> {
  if (bts.features.length === 0) return EMPTY;
  let records;
  try {
    records = readBts(bts.features as GeoFeature[]).records;
  } catch (err) {
    // A layer the readers refuse gives the analysis no footprint either (its notice says why).
    if (isInputError(err)) return EMPTY;
    throw err;
  }
  const features = records.flatMap((b) => {
    const f = footprintOf(b, params);
    return isFootprint(f) ? [footprintPolygon(f, { properties: { operator: b.operator, tech: b.tech }, stepsPerCircle: STEPS_PER_CIRCLE })] : [];
  });
  return { type: 'FeatureCollection', features };
}
