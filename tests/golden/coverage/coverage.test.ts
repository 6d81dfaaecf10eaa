import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeMobileCoverage } from '../../../src/core/coverage/compute-mobile-coverage.ts';
import { packFootprints } from '../../../src/core/coverage/packed-footprints.ts';
import { packVillages } from '../../../src/core/coverage/packed-villages.ts';
import { defaultParams } from '../../../src/core/params.ts';
import type { BtsRecord, MultiPolygonCoords, Tech, VillageRecord } from '../../../src/core/model.ts';
import { readGolden } from '../../helpers/golden.ts';

/**
 * Golden cases with analytic answers (in/*.geojson, made by make-inputs.ts): the engine must match
 * the analytic area fraction to 1e-7, and its full output must match out/*.geojson to 1e-9.
 * UPDATE_GOLDEN=1 rewrites out/ (never in CI); a missing out/ file fails (see readGolden).
 */
const IN = fileURLToPath(new URL('./in/', import.meta.url));
const OUT = fileURLToPath(new URL('./out/', import.meta.url));
const ANALYTIC_TOLERANCE = 1e-7;
const GOLDEN_TOLERANCE = 1e-9;
const DIGITS = 1e10;

interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

function readCase(name: string) {
  const fc = JSON.parse(readFileSync(`${IN}${name}`, 'utf8')) as { description: string; features: Feature[] };
  const villages: VillageRecord[] = [];
  const bts: BtsRecord[] = [];
  const expected: { area: number; byOperator?: Record<string, number> }[] = [];
  for (const f of fc.features) {
    const p = f.properties;
    if (p.role === 'village') {
      const geometry = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as MultiPolygonCoords;
      villages.push({ id: String(p.id), name: String(p.id), commune: null, district: null, province: null, population: null, households: null, centre: null, geometry });
      expected.push({ area: p.expected_area_fraction as number, byOperator: p.expected_by_operator as Record<string, number> | undefined });
    } else {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      bts.push({
        id: String(p.id), siteId: String(p.id), operator: String(p.operator), tech: p.tech as Tech, lon, lat,
        radiusM: p.radius_m as number, azimuthDeg: (p.azimuth_deg as number | null) ?? null,
        beamwidthDeg: (p.beamwidth_deg as number | null) ?? null, heightM: null, bandMhz: null, source: 'predicted',
      });
    }
  }
  return { fc, villages, bts, expected };
}

const round = (x: number) => (Number.isFinite(x) ? Math.round(x * DIGITS) / DIGITS : x);
const cases = readdirSync(IN).filter((f) => f.endsWith('.geojson')).sort();

describe('mobile coverage golden cases', () => {
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(15));

  for (const name of cases) {
    it(name, () => {
      const { fc, villages, bts, expected } = readCase(name);
      const before = JSON.stringify(villages) + JSON.stringify(bts);
      const fp = packFootprints(bts, defaultParams());
      const res = computeMobileCoverage(packVillages(villages), fp, null, { start: 0, end: villages.length });
      expect(JSON.stringify(villages) + JSON.stringify(bts)).toBe(before);
      villages.forEach((_, i) => {
        expect(Math.abs(res.areaFraction[i] - expected[i].area)).toBeLessThan(ANALYTIC_TOLERANCE);
        const byOp = expected[i].byOperator;
        if (byOp) {
          for (const [op, value] of Object.entries(byOp)) {
            const k = fp.operators.indexOf(op);
            expect(k).toBeGreaterThanOrEqual(0);
            expect(Math.abs(res.byOperator[i * res.operatorCount + k] - value)).toBeLessThan(ANALYTIC_TOLERANCE);
          }
        }
      });
      const outFeatures = fc.features.map((f) => {
        if (f.properties.role !== 'village') return { ...f, properties: { ...f.properties, 'marker-color': '#1f77b4' } };
        const i = villages.findIndex((v) => v.id === String(f.properties.id));
        const props: Record<string, unknown> = {
          ...f.properties,
          fill: '#2ca02c',
          'fill-opacity': 0.3,
          mobile_area_fraction: round(res.areaFraction[i]),
          mobile_pop_fraction: round(res.popFraction[i]),
          mobile_centre_covered: res.centreCovered[i] === 1,
          nearest_bts_m: round(res.nearestBtsM[i]),
          mobile_by_operator: Object.fromEntries(fp.operators.map((op, k) => [op, round(res.byOperator[i * res.operatorCount + k])])),
        };
        return { ...f, properties: props };
      });
      const out = { type: 'FeatureCollection', description: fc.description, features: outFeatures };
      const stored = JSON.parse(readGolden(`${OUT}${name}`, () => `${JSON.stringify(out, null, 1)}\n`)) as { features: Feature[] };
      expect(stored.features.length).toBe(outFeatures.length);
      stored.features.forEach((f, k) => {
        const now = outFeatures[k].properties as Record<string, unknown>;
        for (const key of ['mobile_area_fraction', 'mobile_pop_fraction', 'nearest_bts_m'] as const) {
          if (f.properties[key] === undefined) continue;
          expect(Math.abs((now[key] as number) - (f.properties[key] as number)), `${key} of feature ${k}`).toBeLessThanOrEqual(
            key === 'nearest_bts_m' ? 1e-6 : GOLDEN_TOLERANCE,
          );
        }
        expect(now.mobile_centre_covered).toBe(f.properties.mobile_centre_covered);
      });
    });
  }
});
