import { circle, sector } from '@turf/turf';
import type { Feature, GeoJsonProperties, Polygon } from 'geojson';
import type { Footprint } from './footprint-rule.ts';

/**
 * A footprint as a polygon of Turf's destination points. For drawing and for the uncovered part of
 * a village; the engine measures the exact geodesic shapes, not these.
 */

/** Vertices per full circle by default: the 128-gon's area is within 0.04 % of the disk's. */
const STEPS_PER_CIRCLE = 128;
/** A narrow sector still gets this many steps along its arc. */
const MIN_ARC_STEPS = 8;

/** The polygon of `f`, with `stepsPerCircle` vertices on a full circle (a sector gets its share of them). */
export function footprintPolygon(
  f: Footprint,
  options: { properties?: GeoJsonProperties; stepsPerCircle?: number } = {},
): Feature<Polygon> {
  const centre = [f.lon, f.lat];
  const perCircle = options.stepsPerCircle ?? STEPS_PER_CIRCLE;
  const properties = options.properties ?? {};
  if (f.azimuthDeg !== null && f.beamwidthDeg !== null) {
    const steps = Math.max(MIN_ARC_STEPS, Math.ceil((perCircle * f.beamwidthDeg) / 360));
    return sector(centre, f.radiusM, f.azimuthDeg - f.beamwidthDeg / 2, f.azimuthDeg + f.beamwidthDeg / 2, { units: 'meters', steps, properties });
  }
  return circle(centre, f.radiusM, { units: 'meters', steps: perCircle, properties });
}
