import { describe, expect, it } from 'vitest';
import { AnalysisSession } from '../../src/core/analysis/analysis-session.ts';
import { analyzeInThread } from '../../src/core/analysis/analyze.ts';
import { computeChunk } from '../../src/core/analysis/compute-chunk.ts';
import type { AnalysisInput } from '../../src/core/analysis/prepare-analysis.ts';
import type { Position } from '../../src/core/model.ts';
import { defaultParams } from '../../src/core/params.ts';
import { DemSet } from '../../src/core/terrain/dem-set.ts';
import { readHgt } from '../../src/core/terrain/read-hgt.ts';
import { btsRecord, villageRecord } from '../helpers/coverage-scene.ts';
import { localSurfaceTile } from '../helpers/synthetic-dem.ts';

/**
 * Who closes a gap in a terrain shadow (SYNTHETIC 1″ tile): a 300 m ridge along x = 0, Viettel's
 * mast in the east plain, a village in the west plain within its 3.5 km radius but behind the
 * ridge (all of it 2.7–3.4 km away), MobiFone 20 km away. On disks the village is not a gap; on terrain it is, and MobiFone on
 * Viettel's mast would stand behind the same ridge: the route is a new site, not a share.
 */

const LON0 = 107.5;
const LAT0 = 14.5;
const tile = localSurfaceTile(LON0, LAT0, 3601, (x) => 500 + 300 * Math.max(0, 1 - Math.abs(x) / 1000));
const dem = new DemSet([readHgt(tile.name, tile.bytes)]);
const at = (x: number, y: number): Position => [LON0 + x / tile.mx, LAT0 + y / tile.my];
const square = (x0: number, x1: number): Position[] => [at(x0, -400), at(x1, -400), at(x1, 400), at(x0, 400), at(x0, -400)];

function input(withDem: boolean): AnalysisInput {
  return {
    villages: [villageRecord('east', [[square(1200, 2000)]]), villageRecord('west', [[square(-2000, -1300)]])],
    bts: [
      btsRecord('viettel-east', ...at(1400, 0), { operator: 'Viettel', radiusM: 3500 }),
      btsRecord('mobifone-far', ...at(0, 20_000), { operator: 'MobiFone', radiusM: 3500 }),
    ],
    fibreRoutes: [],
    fibrePoints: [],
    settlements: null,
    dem: withDem ? dem : null,
  };
}

describe('routes with terrain', () => {
  const params = { ...defaultParams(), coverageMeasure: 'area' as const };

  it('on disks the village behind the ridge is covered: no route to find', () => {
    const rows = analyzeInThread(input(false), params).rows;
    expect(rows.map((r) => [r.id, r.mobile_covered, r.route])).toEqual([
      ['east', true, null],
      ['west', true, null],
    ]);
  });

  it('on terrain it is a gap in the shadow, and its route is a new site: a share on the mast behind the ridge would not close it', () => {
    const rows = analyzeInThread(input(true), params).rows;
    const west = rows.find((r) => r.id === 'west')!;
    expect(west.mobile_covered).toBe(false);
    expect(west.reasons).toContain('terrain-shadow');
    expect(west.route).toBe('build');
    expect(west.route_sites).toEqual([]);
    expect(west.route_operators).toEqual(['Viettel']);
  });

  it("keeps the share trials' profiles in the worker's cache: a re-run after a threshold change computes none and finds the same routes", () => {
    // Two Viettel cells 20 m apart on one site: the share trial stands at the site's position (their
    // mean), so it needs a profile of its own, not one of the analysis'.
    const given = input(true);
    given.bts[0] = { ...given.bts[0], siteId: 'east-mast' };
    given.bts.push(btsRecord('viettel-east-2', ...at(1420, 0), { operator: 'Viettel', radiusM: 3500, siteId: 'east-mast' }));
    const session = new AnalysisSession();
    session.setRecords('villages', given.villages);
    session.setRecords('bts', given.bts);
    session.setDem(dem);
    session.prepare(params);
    const chunk = computeChunk(session.prepared, 0, session.prepared.villageCount);
    const analysed = session.profileCounts.computed;
    const first = session.assemble([chunk]);
    const withTrials = session.profileCounts.computed;
    expect(withTrials).toBeGreaterThan(analysed);
    const again = session.prepare({ ...params, coverageThreshold: 0.4 });
    expect(again.computed).toBe(true);
    const second = session.assemble(null);
    expect(session.profileCounts.computed).toBe(withTrials);
    expect(second.rows.map((r) => [r.id, r.route, r.route_sites])).toEqual(first.rows.map((r) => [r.id, r.route, r.route_sites]));
    expect(first.rows.find((r) => r.id === 'west')!.route).toBe('build');
  });
});
