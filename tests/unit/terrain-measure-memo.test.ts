import { describe, expect, it } from 'vitest';
import { computeChunk } from '../../src/core/analysis/compute-chunk.ts';
import { prepareAnalysis, type AnalysisInput } from '../../src/core/analysis/prepare-analysis.ts';
import type { MobileCoverageResult } from '../../src/core/coverage/coverage-result.ts';
import { resolveParams } from '../../src/core/params.ts';
import { DemSet } from '../../src/core/terrain/dem-set.ts';
import { ProfileCache } from '../../src/core/terrain/profile-cache.ts';
import { readHgt } from '../../src/core/terrain/read-hgt.ts';
import { threadTerrainMemo } from '../../src/core/terrain/terrain-measure-memo.ts';
import { btsRecord, offset, randomVillageGeometry, seededRandom, villageRecord } from '../helpers/coverage-scene.ts';
import { hgtName, mountainSurface, syntheticHgt } from '../helpers/synthetic-dem.ts';
import { settlementColumns } from '../../src/core/settlement-columns.ts';

/**
 * The terrain measures memo (SYNTHETIC .hgt tile): a run after a radius change takes the villages
 * whose terrain footprints did not change inside their box from the memo, measures the others, and
 * gives the same numbers, bit for bit, as a run that measured every village.
 */

const LON0 = 107.5;
const LAT0 = 14.5;

function input(seed: number): AnalysisInput {
  const rnd = seededRandom(seed);
  const villages = Array.from({ length: 40 }, (_, i) => {
    const [lon, lat] = offset(LON0, LAT0, rnd() * 360, rnd() * 8000);
    return villageRecord(`v${i}`, randomVillageGeometry(rnd, lon, lat, 400 + rnd() * 800, { hole: i % 7 === 0 }));
  });
  const bts = Array.from({ length: 30 }, (_, i) => {
    const [lon, lat] = offset(LON0, LAT0, rnd() * 360, rnd() * 9000);
    return btsRecord(`b${i}`, lon, lat, { operator: ['Viettel', 'VinaPhone'][i % 2], tech: i % 5 === 0 ? '5G' : '4G', radiusM: null, heightM: 30 });
  });
  const settlements = Array.from({ length: 200 }, (_, i) => {
    const [lon, lat] = offset(LON0, LAT0, rnd() * 360, rnd() * 8000);
    return { id: `s${i}`, lon, lat, weight: 1 + Math.floor(rnd() * 50) };
  });
  return { villages, bts, fibreRoutes: [], fibrePoints: [], settlements: settlementColumns(settlements) };
}

const COLUMNS = ['areaFraction', 'popFraction', 'centreCovered', 'byOperator', 'byTech', 'popByOperator', 'popByTech', 'centreByOperator', 'centreByTech'] as const;

/** Cells (village × column) where two results differ as bits (NaN equal to NaN, 0 apart from −0). */
function differences(a: MobileCoverageResult, b: MobileCoverageResult): number {
  let n = 0;
  for (const c of COLUMNS) {
    const x = a[c] as ArrayLike<number>;
    const y = b[c] as ArrayLike<number>;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) n++;
  }
  return n;
}

describe('terrain measures memo', () => {
  it('after a 5G radius change, villages away from 5G reach are reused and every number is what a full measure gives', () => {
    const data = input(31);
    const dem = new DemSet([readHgt(hgtName(107, 14), syntheticHgt(107, 14, 1201, mountainSurface(4)))]);
    const profiles = new ProfileCache();
    const first = prepareAnalysis({ ...data, dem }, resolveParams({}), { profiles });
    const changed = prepareAnalysis({ ...data, dem }, resolveParams({ radiusM: { '5G': 800 } }), { profiles });
    const n = data.villages.length;
    threadTerrainMemo.clear();
    const misses0 = threadTerrainMemo.misses;
    const a = computeChunk(first, 0, n).mobile;
    const measured = threadTerrainMemo.misses - misses0;
    expect(measured).toBeGreaterThan(10);
    const hits0 = threadTerrainMemo.hits;
    const missesB = threadTerrainMemo.misses;
    const b = computeChunk(changed, 0, n).mobile;
    const reused = threadTerrainMemo.hits - hits0;
    const remeasured = threadTerrainMemo.misses - missesB;
    // Some villages are near a 5G mast's edge (measured again), most are not (reused).
    expect(reused).toBeGreaterThan(5);
    expect(remeasured).toBeGreaterThan(0);
    // The same numbers as measuring every village afresh.
    threadTerrainMemo.clear();
    const fresh = computeChunk(changed, 0, n).mobile;
    expect(differences(b, fresh)).toBe(0);
    // And the change made a difference somewhere (the test would not see a stale reuse otherwise).
    expect(differences(a, fresh)).toBeGreaterThan(0);
    // Back to the first radius: every village from the memo, the first run's numbers.
    computeChunk(first, 0, n);
    const hitsBack = threadTerrainMemo.hits;
    const back = computeChunk(first, 0, n).mobile;
    expect(threadTerrainMemo.hits - hitsBack).toBe(measured);
    expect(differences(a, back)).toBe(0);
  });
});
