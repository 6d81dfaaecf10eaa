import { readFileSync } from 'node:fs';
import { area, bbox, featureCollection, intersect, multiPolygon, union } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, test } from 'vitest';
import { toAnalysisInput } from '../../src/app/analysis/run-coverage.ts';
import { analyzeInThread } from '../../src/core/analysis/analyze.ts';
import type { AnalysisInput } from '../../src/core/analysis/prepare-analysis.ts';
import { footprintOf } from '../../src/core/coverage/footprint-rule.ts';
import { nearestFootprintRecord } from '../../src/core/coverage/nearest-site.ts';
import { packFootprints } from '../../src/core/coverage/packed-footprints.ts';
import { villageCentre } from '../../src/core/coverage/village-centre.ts';
import { readFgb } from '../../src/core/io/read-fgb.ts';
import type { BtsRecord } from '../../src/core/model.ts';
import { defaultParams, type AnalysisParams } from '../../src/core/params.ts';
import { buildFootprints, FootprintPolygons } from '../../src/map/bts-footprints.ts';
import { KON_TUM } from '../helpers/kon-tum.ts';

/**
 * One footprint rule for the engine, the village details and the map: the map's polygons under any
 * assumptions cover what the engine computed, and the details' nearest site is the engine's.
 */

const K = KON_TUM;

async function layer(file: string): Promise<FeatureCollection> {
  const { features } = await readFgb(new Uint8Array(readFileSync(`${K}/${file}.fgb`)));
  return { type: 'FeatureCollection', features } as FeatureCollection;
}

function record(extra: Partial<BtsRecord>): BtsRecord {
  return {
    id: 'a', siteId: 'a', operator: 'Viettel', tech: '4G', lon: 108, lat: 14.5, radiusM: null, azimuthDeg: null,
    beamwidthDeg: null, heightM: null, bandMhz: null, source: 'predicted', ...extra,
  };
}

describe('footprintOf', () => {
  test('broadband only, the record radius exactly, else the default; a sector only when sectors are on', () => {
    const p = defaultParams();
    expect(footprintOf(record({ tech: '2G' }), p)).toBeNull();
    expect(footprintOf(record({}), p)).toEqual({ lon: 108, lat: 14.5, radiusM: p.radiusM['4G'], azimuthDeg: null, beamwidthDeg: null });
    expect(footprintOf(record({ radiusM: 1234 }), { ...p, radiusM: { ...p.radiusM, '4G': 9000 } })).toMatchObject({ radiusM: 1234 });
    const aimed = record({ azimuthDeg: 30, beamwidthDeg: 65 });
    expect(footprintOf(aimed, p)).toMatchObject({ azimuthDeg: 30, beamwidthDeg: 65 });
    expect(footprintOf(aimed, { ...p, sectors: false })).toMatchObject({ azimuthDeg: null, beamwidthDeg: null });
  });

  test('a record that cannot make a footprint says why', () => {
    const p = defaultParams();
    expect(footprintOf(record({ lat: 89.5 }), p)).toEqual({ skipped: expect.stringContaining('position') });
    expect(footprintOf(record({ radiusM: -5 }), p)).toEqual({ skipped: expect.stringContaining('radius') });
    expect(footprintOf(record({ azimuthDeg: 10, beamwidthDeg: 0 }), p)).toEqual({ skipped: expect.stringContaining('beamwidth') });
    // With sectors off the beamwidth is not used, so it cannot be refused.
    expect(footprintOf(record({ azimuthDeg: 10, beamwidthDeg: 0 }), { ...p, sectors: false })).toMatchObject({ azimuthDeg: null });
  });
});

describe('the Kon Tum sample: map, details and engine agree', () => {
  let layers: { villages: FeatureCollection; bts: FeatureCollection };
  let input: AnalysisInput;
  beforeAll(async () => {
    layers = { villages: await layer('villages'), bts: await layer('bts') };
    input = toAnalysisInput({ villages: layers.villages, bts: layers.bts, fibreRoutes: null, fibrePoints: null, settlements: null });
  });

  /** The share of `village` the drawn polygons cover (Turf, in the plane of lon/lat degrees scaled by Turf's area). */
  function drawnFraction(village: MultiPolygon, drawn: Feature<Polygon>[]): number {
    const v = multiPolygon(village.coordinates);
    const [minX, minY, maxX, maxY] = bbox(v);
    const near = drawn.filter((f) => {
      const [a, b, c, d] = bbox(f);
      return c >= minX && a <= maxX && d >= minY && b <= maxY;
    });
    if (near.length === 0) return 0;
    const covered = near.length === 1 ? near[0] : union(featureCollection(near));
    const inside = covered ? intersect(featureCollection<Polygon | MultiPolygon>([v, covered])) : null;
    return inside ? area(inside) / area(v) : 0;
  }

  const changed: AnalysisParams = {
    ...defaultParams(),
    radiusM: { '2G': 6000, '3G': 2500, '4G': 5000, '5G': 800 },
    broadbandTechs: ['3G', '4G', '5G'],
    sectors: false,
    coverageMeasure: 'area',
  };

  test.each([
    ['the defaults', { ...defaultParams(), coverageMeasure: 'area' as const }],
    ['other radii, 3G counted, no sectors', changed],
  ])('under %s the drawn footprints cover what the engine computed, to 1 %% of each village', (_name, params) => {
    const rows = analyzeInThread(input, params).rows;
    const drawn = buildFootprints(layers.bts, params).features;
    const picked = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.mobile_area_fraction !== null && r.mobile_area_fraction > 0.05 && r.mobile_area_fraction < 0.95).slice(0, 20);
    expect(picked.length).toBe(20);
    for (const { r, i } of picked) {
      const geometry = layers.villages.features[i].geometry as MultiPolygon | Polygon;
      const village: MultiPolygon = geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [geometry.coordinates] } : geometry;
      expect(Math.abs(drawnFraction(village, drawn) - (r.mobile_area_fraction ?? NaN)), r.id).toBeLessThan(0.01);
    }
  });

  test('a change of assumptions changes what is drawn: the footprints are not the defaults’', () => {
    const before = buildFootprints(layers.bts, defaultParams()).features;
    const after = buildFootprints(layers.bts, changed).features;
    // 3G sites now count, and no footprint is a sector any more.
    const broadband = input.bts.filter((b) => changed.broadbandTechs.includes(b.tech)).length;
    expect(after.length).toBe(broadband);
    expect(after.length).toBeGreaterThan(before.length);
    expect(before.length).toBe(input.bts.filter((b) => defaultParams().broadbandTechs.includes(b.tech)).length);
  });

  test('after an edit the map builds only the footprints it changed, and draws what a fresh build draws', () => {
    const polygons = new FootprintPolygons();
    const first = polygons.build(layers.bts, defaultParams()).features;
    const edited = { ...defaultParams(), radiusM: { ...defaultParams().radiusM, '4G': 3400 } };
    const second = polygons.build(layers.bts, edited).features;
    expect(second).toEqual(buildFootprints(layers.bts, edited).features);
    const techOf = (f: (typeof first)[number]): unknown => f.properties?.tech;
    // The other technologies' polygons are the same objects; 4G sites at the default radius are new
    // (those with their own radius_m keep theirs).
    const others = second.filter((f) => techOf(f) !== '4G');
    expect(others.length).toBeGreaterThan(0);
    expect(others.every((f) => first.includes(f))).toBe(true);
    expect(second.filter((f) => techOf(f) === '4G' && !first.includes(f)).length).toBeGreaterThan(100);
  });

  test('the details name the site the engine measured: its distance is nearest_bts_m, its record broadband', () => {
    const params = defaultParams();
    const rows = analyzeInThread(input, params).rows;
    const packed = packFootprints(input.bts, params);
    let checked = 0;
    input.villages.forEach((v, i) => {
      if (rows[i].status !== 'ok') return;
      const centre = villageCentre(v.centre, v.geometry);
      expect(centre, v.id).not.toBeNull();
      const nearest = nearestFootprintRecord(centre!, input.bts, packed);
      // The gap list writes whole metres.
      expect(nearest?.distanceM, v.id).toBeCloseTo(rows[i].nearest_bts_m ?? NaN, 0);
      expect(params.broadbandTechs).toContain(nearest?.record.tech);
      checked++;
    });
    expect(checked).toBeGreaterThan(800);
  });

  test('the centre is the declared one, else a point inside the polygon', () => {
    const square: [number, number][][][] = [[[[108, 14], [108.02, 14], [108.02, 14.02], [108, 14.02], [108, 14]]]];
    expect(villageCentre([5, 5], square)).toEqual([5, 5]);
    const inner = villageCentre(null, square)!;
    expect(inner[0]).toBeGreaterThan(108);
    expect(inner[0]).toBeLessThan(108.02);
    expect(inner[1]).toBeGreaterThan(14);
    expect(inner[1]).toBeLessThan(14.02);
    expect(villageCentre(null, [])).toBeNull();
  });
});
