import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { footprintPolygon } from '../core/coverage/footprint-polygon.ts';
import { footprintOf, isFootprint } from '../core/coverage/footprint-rule.ts';
import type { GeoFeature } from '../core/io/geojson-types.ts';
import { isInputError } from '../core/io/input-error.ts';
import { btsRecordsOf } from '../core/io/read-bts.ts';
import type { BtsRecord } from '../core/model.ts';
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
/** Sites built per task by `buildInTasks` (~20 ms of polygons at most). */
const SLICE = 100;

/**
 * Builds the footprint polygons of BTS layers, keeping each polygon by what shapes it (position,
 * radius, sector, operator, technology): after an edit only the footprints it changed are built
 * again (a 5G radius edit, the 5G ones; a threshold edit, none). One per layer drawn.
 */
export class FootprintPolygons {
  private kept = new Map<string, Feature<Polygon>>();

  /** One polygon per broadband footprint of `bts` under `params` (with the site's operator and technology). */
  build(bts: FeatureCollection, params: FootprintParams): FeatureCollection<Polygon> {
    const slices = this.slices(bts, params);
    let step = slices.next();
    while (!step.done) step = slices.next();
    return step.value;
  }

  /**
   * As {@link build}, letting the page's other tasks in (`pause`) after every {@link SLICE} sites:
   * the first build of a province's ~500 footprints took ~110 ms of the page's thread in one task.
   * Null when `stale()` says a newer call has come meanwhile (its result is the one to draw).
   */
  async buildInTasks(bts: FeatureCollection, params: FootprintParams, pause: () => Promise<void>, stale: () => boolean): Promise<FeatureCollection<Polygon> | null> {
    const slices = this.slices(bts, params);
    let step = slices.next();
    while (!step.done) {
      await pause();
      if (stale()) return null;
      step = slices.next();
    }
    return step.value;
  }

  /**
   * The build itself, stopping after every {@link SLICE} sites: the polygons of the records'
   * footprints, each kept from before when its shape is; the kept set is replaced once all are built.
   */
  private *slices(bts: FeatureCollection, params: FootprintParams): Generator<void, FeatureCollection<Polygon>> {
    const records = recordsOf(bts);
    const next = new Map<string, Feature<Polygon>>();
    const features: Feature<Polygon>[] = [];
    for (let i = 0; i < records.length; i++) {
      if (i > 0 && i % SLICE === 0) yield;
      const b = records[i];
      const f = footprintOf(b, params);
      if (!isFootprint(f)) continue;
      const key = `${f.lon},${f.lat},${f.radiusM},${f.azimuthDeg},${f.beamwidthDeg},${b.operator},${b.tech}`;
      const polygon = next.get(key) ?? this.kept.get(key) ?? footprintPolygon(f, { properties: { operator: b.operator, tech: b.tech }, stepsPerCircle: STEPS_PER_CIRCLE });
      next.set(key, polygon);
      features.push(polygon);
    }
    this.kept = next;
    return records.length === 0 ? EMPTY : { type: 'FeatureCollection', features };
  }
}

/** A layer's BTS records; none when the readers refuse it (its notice says why, and the analysis has no footprint either). */
function recordsOf(bts: FeatureCollection): BtsRecord[] {
  if (bts.features.length === 0) return [];
  try {
    return btsRecordsOf(bts as { features: GeoFeature[] });
  } catch (err) {
    if (isInputError(err)) return [];
    throw err;
  }
}

/** One polygon per broadband footprint of `bts` under `params` (with the site's operator and technology). */
export function buildFootprints(bts: FeatureCollection, params: FootprintParams): FeatureCollection<Polygon> {
  return new FootprintPolygons().build(bts, params);
}
