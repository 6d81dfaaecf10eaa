import { describe, expect, it } from 'vitest';
import { analyzeInThread } from '../../src/core/analysis/analyze.ts';
import type { AnalysisInput } from '../../src/core/analysis/prepare-analysis.ts';
import { defaultParams } from '../../src/core/params.ts';
import { btsRecord, villageRecord } from '../helpers/coverage-scene.ts';
import { at, ridgeDem, square } from '../helpers/ridge-scene.ts';

/**
 * Who closes a gap in a terrain shadow (SYNTHETIC 1″ tile): a 300 m ridge along x = 0, Viettel's
 * mast in the east plain, a village in the west plain within its 3.5 km radius but behind the
 * ridge (all of it 2.7–3.4 km away), MobiFone 20 km away. On disks the village is not a gap; on terrain it is, and MobiFone on
 * Viettel's mast would stand behind the same ridge: the route is a new site, not a share.
 */

const dem = ridgeDem;

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
});

describe('routes with terrain: a share that does close the shadowed village', () => {
  it('a broadband cell added on a 2G mast in the shadowed plain closes it: share, naming that mast and its operator', () => {
    const params = { ...defaultParams(), coverageMeasure: 'area' as const };
    const withMast = input(true);
    withMast.bts.push(btsRecord('mobifone-2g-west', ...at(-1650, 0), { operator: 'MobiFone', tech: '2G', radiusM: 5000 }));
    const west = analyzeInThread(withMast, params).rows.find((r) => r.id === 'west')!;
    expect(west.mobile_covered).toBe(false);
    expect(west.route).toBe('share');
    expect(west.route_sites).toEqual(['mobifone-2g-west']);
    expect(west.route_operators).toEqual(['MobiFone']);
  });
});
