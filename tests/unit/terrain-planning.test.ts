import { describe, expect, it } from 'vitest';
import type { AnalysisInput } from '../../src/core/analysis/prepare-analysis.ts';
import { defaultParams } from '../../src/core/params.ts';
import { IncrementalAnalysis } from '../../src/core/planning/incremental-analysis.ts';
import { createPlanningContext, planOperator } from '../../src/core/planning/plan-operator.ts';
import { writeProposalsGeoJson } from '../../src/core/planning/write-proposals.ts';
import { btsRecord, villageRecord } from '../helpers/coverage-scene.ts';
import { at, LAT0, LON0, ridgeDem, ridgeTile, square } from '../helpers/ridge-scene.ts';

/**
 * Planning with an elevation model (SYNTHETIC 1″ tile): two villages in the plains either side of
 * a 300 m ridge. A mast in one plain cannot see the other; one on the crest sees both. The
 * optimiser, offered high ground, puts one site on the crest; a site placed in one plain leaves the
 * other village behind the ridge a gap.
 */

const tile = ridgeTile;
const dem = ridgeDem;

function input(): AnalysisInput {
  return {
    villages: [villageRecord('east', [[square(1200, 2000)]]), villageRecord('west', [[square(-2000, -1200)]])],
    // The operator's only mast is 20 km away: both villages are its gaps.
    bts: [btsRecord('far', ...at(0, 20_000), { operator: 'Viettel', radiusM: 3500 })],
    fibreRoutes: [],
    fibrePoints: [],
    settlements: null,
    dem,
  };
}

describe('planning with terrain', () => {
  it('the optimiser proposes one site on the high ground that closes both valleys', () => {
    const params = { ...defaultParams(), coverageMeasure: 'area' as const };
    const ctx = createPlanningContext(input(), params);
    const result = planOperator(ctx, { operator: 'Viettel', target: { measure: 'villages', share: 1 } });
    expect(result.reached).toBe(true);
    expect(result.proposals).toHaveLength(1);
    const chosen = result.proposals[0];
    expect(chosen.candidate.origin).toBe('high-ground');
    expect(chosen.villagesGained.sort()).toEqual(['east', 'west']);
    // On the crest (the highest posts are within a post of x = 0).
    expect(Math.abs((chosen.candidate.lon - LON0) * tile.mx)).toBeLessThan(35);
    // The proposals file says how high the antenna is.
    const file = JSON.parse(writeProposalsGeoJson(result, { tool: 'vunglom', version: 'test', created: '', params, inputs: [] }));
    expect(file.features[0].properties.height_m).toBe(params.terrain.antennaHeightM['4G']);
  });

  it('without the DEM the same plan needs no high ground, and a site in one plain covers the other too', () => {
    const params = { ...defaultParams(), coverageMeasure: 'area' as const };
    const flat = { ...input(), dem: null };
    const incremental = new IncrementalAnalysis(flat, params);
    const r = incremental.propose([{ lon: at(1600, 0)[0], lat: at(1600, 0)[1], operators: ['Viettel'], tech: '4G' }]);
    expect(r.gapList.rows.map((row) => row.mobile_covered)).toEqual([true, false]);
    // The west village is 2.8–3.6 km away: partly inside the disk.
    expect(r.gapList.rows[1].mobile_area_fraction).toBeGreaterThan(0.5);
  });

  it('a site placed in one plain leaves the village behind the ridge in its shadow', () => {
    const params = { ...defaultParams(), coverageMeasure: 'area' as const };
    const incremental = new IncrementalAnalysis(input(), params);
    const r = incremental.propose([{ lon: at(1600, 0)[0], lat: at(1600, 0)[1], operators: ['Viettel'], tech: '4G' }]);
    const [east, west] = r.gapList.rows;
    expect(east.mobile_covered).toBe(true);
    expect(west.mobile_covered).toBe(false);
    expect(west.mobile_area_fraction).toBe(0);
    expect(west.mobile_shadow_fraction).toBeGreaterThan(0.5);
    expect(west.mobile_source).toMatch(/^predicted: terrain/);
    // On the crest instead: both covered.
    const crest = incremental.propose([{ lon: LON0, lat: LAT0, operators: ['Viettel'], tech: '4G' }]);
    expect(crest.gapList.rows.map((row) => row.mobile_covered)).toEqual([true, true]);
  });
});
