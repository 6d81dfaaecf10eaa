import { describe, expect, it } from 'vitest';
import geodesic from 'geographiclib-geodesic';
import { computeFtth } from '../../src/core/ftth/compute-ftth.ts';
import { FibreLocator, packFibre } from '../../src/core/ftth/fibre-index.ts';
import { buildPopulatedPoints } from '../../src/core/populated-points.ts';
import type { SettlementRecord } from '../../src/core/model.ts';
import { settlementColumns } from '../../src/core/settlement-columns.ts';
import { squareVillage } from '../helpers/coverage-scene.ts';

const WGS84 = geodesic.Geodesic.WGS84;

describe('fibre distance', () => {
  it('matches geodesic distance to an access point within 1e-6 relative at 1–5 km', () => {
    const locator = new FibreLocator(packFibre([], [{ id: 'ap', operator: null, kind: 'splitter', lon: 107.9, lat: 14.7 }]));
    for (const [az, s] of [[0, 1000], [90, 2500], [215, 5000]]) {
      const p = WGS84.Direct(14.7, 107.9, az, s);
      const d = locator.nearestMetres(p.lon2!, p.lat2!, 10_000);
      expect(Math.abs(d - s) / s).toBeLessThan(1e-6);
    }
  });

  it('measures to the segment, not only its vertices, and reports Infinity beyond the limit', () => {
    const route = { id: 'r', operator: null, kind: 'trunk', coordinates: [[108.0, 14.0], [108.1, 14.0]] as [number, number][] };
    const locator = new FibreLocator(packFibre([route], []));
    const p = WGS84.Direct(14.0, 108.05, 0, 700);
    expect(locator.nearestMetres(p.lon2!, p.lat2!, 5000)).toBeCloseTo(700, 0);
    expect(locator.nearestMetres(108.05, 14.5, 5000)).toBe(Infinity);
  });
});

describe('computeFtth', () => {
  it('weighs settlements within reach and finds the nearest fibre', () => {
    const v = squareVillage('v', 108, 14, 0.05);
    const settlements: SettlementRecord[] = [
      { id: 'a', lon: 108.01, lat: 14.01, weight: 30 },
      { id: 'b', lon: 108.04, lat: 14.04, weight: 10 },
      { id: 'outside', lon: 109, lat: 15, weight: 5 },
    ];
    const pts = buildPopulatedPoints([v], settlementColumns(settlements));
    expect(pts.unassigned).toEqual(['outside']);
    const ap = WGS84.Direct(14.01, 108.01, 90, 400);
    const fibre = packFibre([], [{ id: 'ap', operator: null, kind: 'splitter', lon: ap.lon2!, lat: ap.lat2! }]);
    const near = computeFtth(pts, fibre, { start: 0, end: 1 }, { reachM: 1000 });
    expect(near.fraction[0]).toBeCloseTo(0.75, 12);
    expect(near.nearestM[0]).toBeCloseTo(400, 0);
    const far = computeFtth(pts, fibre, { start: 0, end: 1 }, { reachM: 300 });
    expect(far.fraction[0]).toBe(0);
    expect(far.nearestM[0]).toBeCloseTo(400, 0);
  });

  it('uses an area lattice for a village without settlements, and a longer reach never lowers the fraction', () => {
    const v = squareVillage('v', 108, 14, 0.02);
    const pts = buildPopulatedPoints([v], settlementColumns([]));
    expect(pts.lattice[0]).toBe(1);
    expect(pts.offsets[1]).toBeGreaterThanOrEqual(32);
    const route = { id: 'r', operator: null, kind: 'feeder', coordinates: [[108.0, 14.0], [108.0, 14.02]] as [number, number][] };
    const fibre = packFibre([route], []);
    let last = -1;
    for (const reachM of [100, 500, 1000, 1500, 2500]) {
      const f = computeFtth(pts, fibre, { start: 0, end: 1 }, { reachM }).fraction[0];
      expect(f).toBeGreaterThanOrEqual(last);
      last = f;
    }
    expect(last).toBe(1);
  });

  it('gives 0 and no distance with no fibre at all', () => {
    const pts = buildPopulatedPoints([squareVillage('v', 108, 14, 0.01)], null);
    const r = computeFtth(pts, packFibre([], []), { start: 0, end: 1 }, { reachM: 1000 });
    expect(r.fraction[0]).toBe(0);
    expect(Number.isNaN(r.nearestM[0])).toBe(true);
  });
});
