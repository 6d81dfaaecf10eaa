import { describe, expect, it } from 'vitest';
import { AnalysisSession } from '../../src/core/analysis/analysis-session.ts';
import { computeChunk } from '../../src/core/analysis/compute-chunk.ts';
import type { Position } from '../../src/core/model.ts';
import { defaultParams, type AnalysisParams } from '../../src/core/params.ts';
import { DemSet } from '../../src/core/terrain/dem-set.ts';
import { readHgt } from '../../src/core/terrain/read-hgt.ts';
import { btsRecord, villageRecord } from '../helpers/coverage-scene.ts';
import { localSurfaceTile } from '../helpers/synthetic-dem.ts';

/**
 * A worker's profile cache across runs (SYNTHETIC 1″ tile: a 300 m ridge along x = 0, a mast east
 * of it, a village in the plain by it and one over the ridge, seen only up to the crest): whatever radii ran before, a run gives the numbers a fresh session
 * gives. A profile read to a longer reach has more bearings, so reusing it for a shorter radius
 * would move the shadow's edges.
 */

const LON0 = 107.5;
const LAT0 = 14.5;
const tile = localSurfaceTile(LON0, LAT0, 3601, (x) => 500 + 300 * Math.max(0, 1 - Math.abs(x) / 1000));
const dem = new DemSet([readHgt(tile.name, tile.bytes)]);
const at = (x: number, y: number): Position => [LON0 + x / tile.mx, LAT0 + y / tile.my];
const square = (x0: number, x1: number, y0: number, y1: number): Position[] => [at(x0, y0), at(x1, y0), at(x1, y1), at(x0, y1), at(x0, y0)];

function session(): AnalysisSession {
  const s = new AnalysisSession();
  s.setRecords('villages', [villageRecord('east', [[square(1200, 2000, -400, 400)]]), villageRecord('ridge', [[square(-2600, 300, -1500, 1500)]])]);
  s.setRecords('bts', [btsRecord('mast', ...at(1400, 0), { operator: 'Viettel' })]);
  s.setDem(dem);
  return s;
}

function run(s: AnalysisSession, params: AnalysisParams): (number | null)[] {
  s.prepare(params);
  return s.assemble([computeChunk(s.prepared, 0, s.prepared.villageCount)]).rows.map((r) => r.mobile_area_fraction);
}

describe('terrain profile cache', () => {
  const base = { ...defaultParams(), coverageMeasure: 'area' as const };
  const radius = (m: number): AnalysisParams => ({ ...base, radiusM: { ...base.radiusM, '4G': m } });

  it('a run after a longer radius gives what a fresh session gives, bit for bit', () => {
    const fresh = run(session(), radius(3400));
    const s = session();
    run(s, radius(3400));
    const longer = run(s, radius(4400));
    const back = run(s, radius(3400));
    expect(back).toEqual(fresh);
    // The crest cuts the ridge village (its edge is where the profiles' bearings matter), and the
    // longer radius covers no more of it: what it reaches beyond the crest is in the shadow.
    expect(fresh[1]).toBeGreaterThan(0);
    expect(fresh[1]).toBeLessThan(0.5);
    expect(longer[1]).toBeCloseTo(fresh[1]!, 3);
  });
});
