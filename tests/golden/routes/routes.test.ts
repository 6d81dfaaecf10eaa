import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeInThread } from '../../../src/core/analysis/analyze.ts';
import type { BtsRecord, Tech, VillageRecord } from '../../../src/core/model.ts';
import { defaultParams } from '../../../src/core/params.ts';
import { readGolden } from '../../helpers/golden.ts';

/**
 * Golden cases of the reporting classes and routes (in/*.geojson, made by make-inputs.ts): each
 * village's class, route, operators and sites must be the expected ones, and the whole output must
 * match out/*.geojson (villages coloured by class, so a reviewer can open one as a map).
 * UPDATE_GOLDEN=1 rewrites out/ (never in CI); a missing out/ file fails (see readGolden).
 */
const IN = fileURLToPath(new URL('./in/', import.meta.url));
const OUT = fileURLToPath(new URL('./out/', import.meta.url));
const CLASS_FILL: Record<string, string> = { 'trang-song': '#d62728', 'lom-song': '#ff7f0e', 'phu-song': '#2ca02c' };

interface Feature {
  type: 'Feature';
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

function readCase(name: string) {
  const fc = JSON.parse(readFileSync(`${IN}${name}`, 'utf8')) as { description: string; features: Feature[] };
  const villages: VillageRecord[] = [];
  const bts: BtsRecord[] = [];
  for (const f of fc.features) {
    const p = f.properties;
    if (p.role === 'village') {
      villages.push({
        id: String(p.id), name: String(p.id), commune: 'Xã Thử', district: null, province: null, population: null, households: null, centre: null,
        geometry: [f.geometry.coordinates as VillageRecord['geometry'][number]],
        ...(p.invalid_reason ? { invalidReason: String(p.invalid_reason) } : {}),
      });
    } else {
      const [lon, lat] = f.geometry.coordinates as [number, number];
      bts.push({
        id: String(p.id), siteId: String(p.site_id), operator: String(p.operator), tech: p.tech as Tech, lon, lat,
        radiusM: p.radius_m as number, azimuthDeg: (p.azimuth_deg as number | null) ?? null,
        beamwidthDeg: (p.beamwidth_deg as number | null) ?? null, heightM: null, bandMhz: null, source: 'predicted',
      });
    }
  }
  return { fc, villages, bts };
}

const cases = readdirSync(IN).filter((f) => f.endsWith('.geojson')).sort();

describe('reporting classes and routes, golden cases', () => {
  it('has the cases of every route and class', () => expect(cases.length).toBeGreaterThanOrEqual(7));

  for (const name of cases) {
    it(name, () => {
      const { fc, villages, bts } = readCase(name);
      const before = JSON.stringify(villages) + JSON.stringify(bts);
      const { rows } = analyzeInThread({ villages, bts, fibreRoutes: [], fibrePoints: [], settlements: null }, defaultParams());
      expect(JSON.stringify(villages) + JSON.stringify(bts)).toBe(before);
      const outFeatures = fc.features.map((f): Feature => {
        if (f.properties.role !== 'village') return { ...f, properties: { ...f.properties, 'marker-color': '#1f77b4' } };
        const row = rows[villages.findIndex((v) => v.id === String(f.properties.id))];
        expect(row.signal_class, `${row.id}: class`).toBe(f.properties.expected_signal_class);
        expect(row.route, `${row.id}: route`).toBe(f.properties.expected_route);
        expect(row.route_operators, `${row.id}: operators`).toEqual(f.properties.expected_route_operators);
        expect(row.route_sites, `${row.id}: sites`).toEqual(f.properties.expected_route_sites);
        // A route exactly for the villages without mobile broadband that could be measured.
        expect(row.route !== null).toBe(row.status === 'ok' && !row.mobile_covered);
        return {
          ...f,
          properties: {
            ...f.properties,
            fill: CLASS_FILL[row.signal_class ?? ''] ?? '#7f7f7f',
            'fill-opacity': 0.3,
            mobile_covered: row.mobile_covered,
            mobile_centre_covered: row.mobile_centre_covered,
            mobile_area_fraction: row.mobile_area_fraction,
            signal_class: row.signal_class,
            route: row.route,
            route_operators: row.route_operators,
            route_sites: row.route_sites,
          },
        };
      });
      const out = { type: 'FeatureCollection', description: fc.description, features: outFeatures };
      const stored = JSON.parse(readGolden(`${OUT}${name}`, () => `${JSON.stringify(out, null, 1)}\n`)) as { features: Feature[] };
      expect(stored.features.length).toBe(outFeatures.length);
      stored.features.forEach((f, k) => {
        const now = outFeatures[k].properties;
        for (const key of ['signal_class', 'route', 'route_operators', 'route_sites', 'mobile_covered', 'mobile_centre_covered'] as const) {
          expect(now[key], `${key} of feature ${k}`).toEqual(f.properties[key]);
        }
        if (typeof f.properties.mobile_area_fraction === 'number') {
          expect(Math.abs((now.mobile_area_fraction as number) - f.properties.mobile_area_fraction)).toBeLessThanOrEqual(1e-6);
        }
      });
    });
  }
});
