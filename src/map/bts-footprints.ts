import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { circle, sector } from '@turf/turf';
import { DEFAULT_RADIUS_M } from '../core/defaults.ts';
import type { Tech } from '../core/model.ts';

/**
 * Display polygons of BTS footprints: a sector when the site has `azimuth_deg` and `beamwidth_deg`
 * (azimuth = centre bearing clockwise from north, beamwidth = full opening), else a disk.
 * Radius = `radius_m` when given, else the technology default. For drawing only: the coverage
 * engine uses exact geodesic footprints, not these polygons.
 */

const STEPS = 64;

/** Builds one footprint polygon per BTS point that has a usable radius; others are skipped. */
export function buildFootprints(
  bts: FeatureCollection,
  radiusByTech: Readonly<Record<Tech, number>> = DEFAULT_RADIUS_M,
): FeatureCollection<Polygon> {
  const features: Feature<Polygon>[] = [];
  for (const feature of bts.features) {
    if (feature.geometry?.type !== 'Point') continue;
    const props = feature.properties ?? {};
    const centre = feature.geometry.coordinates;
    const radius = footprintRadius(props, radiusByTech);
    if (radius === null) continue;
    const properties = { operator: props.operator ?? null, tech: props.tech ?? null };
    const azimuth = finiteOrNull(props.azimuth_deg);
    const beamwidth = finiteOrNull(props.beamwidth_deg);
    const isSector = azimuth !== null && beamwidth !== null && beamwidth > 0 && beamwidth < 360;
    features.push(
      isSector
        ? sector(centre, radius, azimuth - beamwidth / 2, azimuth + beamwidth / 2, {
            units: 'meters',
            steps: STEPS,
            properties,
          })
        : circle(centre, radius, { units: 'meters', steps: STEPS, properties }),
    );
  }
  return { type: 'FeatureCollection', features };
}

/** `radius_m` if positive, else the default for `tech`, else null (unknown technology). */
export function footprintRadius(
  props: Record<string, unknown>,
  radiusByTech: Readonly<Record<Tech, number>> = DEFAULT_RADIUS_M,
): number | null {
  const given = finiteOrNull(props.radius_m);
  if (given !== null && given > 0) return given;
  const tech = props.tech;
  return typeof tech === 'string' && tech in radiusByTech ? radiusByTech[tech as Tech] : null;
}

function finiteOrNull(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}
